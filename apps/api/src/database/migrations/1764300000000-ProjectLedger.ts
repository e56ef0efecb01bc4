import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The project ledger's own guarantees:
 * - `project_investor_key(name)`: the investor name as duplicate detection compares it (case- and space-insensitive,
 *   full-width spaces included), with an index so "same investor" is an index look-up across all units and years;
 * - a deferred constraint trigger: when a project has share rows, they sum to exactly 100 and include the
 *   responsible unit (checked at commit, so the rows of one save may be rewritten in any order).
 */
export class ProjectLedger1764300000000 implements MigrationInterface {
  name = 'ProjectLedger1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION project_investor_key(name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN lower(regexp_replace(name, '[[:space:]\u3000]+', '', 'g'))`);
    await q.query(
      `CREATE INDEX project_investor_key_idx ON project (project_investor_key(investor_name)) WHERE deleted_at IS NULL`,
    );

    await q.query(`
      CREATE FUNCTION project_share_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        pid integer;
        total numeric;
        rows_count integer;
        has_responsible boolean;
      BEGIN
        IF TG_TABLE_NAME = 'project' THEN
          pid := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          pid := OLD.project_id;
        ELSE
          pid := NEW.project_id;
        END IF;
        SELECT coalesce(sum(s.share_pct), 0), count(s.unit_id), coalesce(bool_or(s.unit_id = p.unit_id), false)
          INTO total, rows_count, has_responsible
          FROM project p LEFT JOIN project_share s ON s.project_id = p.id
         WHERE p.id = pid;
        IF rows_count > 0 AND (total <> 100 OR NOT has_responsible) THEN
          RAISE EXCEPTION 'project % shares must sum to 100 and include the responsible unit (sum %)', pid, total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER project_share_sum AFTER INSERT OR UPDATE OR DELETE ON project_share
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION project_share_check()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER project_responsible_share AFTER UPDATE OF unit_id ON project
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION project_share_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER project_responsible_share ON project');
    await q.query('DROP TRIGGER project_share_sum ON project_share');
    await q.query('DROP FUNCTION project_share_check()');
    await q.query('DROP INDEX project_investor_key_idx');
    await q.query('DROP FUNCTION project_investor_key(text)');
  }
}
