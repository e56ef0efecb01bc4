import type { MigrationInterface, QueryRunner } from 'typeorm';

// every table the scoring of a month reads (RankingsRepository), and for monthly_report only the columns it reads
const WATCHED_TABLES = [
  'plan',
  'indicator',
  'target',
  'unit',
  'unit_closure',
  'ytd_summary',
  'project',
  'project_share',
  'scoring_manual_entry',
] as const;
const REPORT_COLUMNS = 'plan_id, unit_id, month, status, is_late';

/**
 * The scoring data version (docs/benchmarks.md): one number that changes, in the same transaction, with any write to
 * what a ranking is computed from, so that a computed month can be kept in memory and reused while it is current.
 *
 * - a statement-level trigger on each watched table notes the writing transaction in `scoring_data_change` (one row per
 *   transaction, whatever the number of statements or rows: 1,000,000 summary rows cost one insert);
 * - a deferred constraint trigger on that row bumps `scoring_data_version` at commit and removes the row. The version
 *   row is thus locked only as the very last step of a writing transaction, after every other lock it takes (the
 *   audit chain, the plan, the rows it changed), so it adds no lock-order cycle: two writers only queue at commit.
 *
 * A reader that reads the version first in a REPEATABLE READ transaction computes on exactly that version's data.
 */
export class ScoringDataVersion1765000000000 implements MigrationInterface {
  name = 'ScoringDataVersion1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scoring_data_version (
        id       boolean PRIMARY KEY DEFAULT true CHECK (id),
        version  bigint NOT NULL
      )`);
    await q.query('INSERT INTO scoring_data_version (id, version) VALUES (true, 1)');
    await q.query('CREATE TABLE scoring_data_change (xid xid8 PRIMARY KEY)');
    await q.query(`
      CREATE FUNCTION scoring_data_touched() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO scoring_data_change (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION scoring_data_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE scoring_data_version SET version = version + 1;
        DELETE FROM scoring_data_change WHERE xid = NEW.xid;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER scoring_data_commit AFTER INSERT ON scoring_data_change
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION scoring_data_commit()`);
    for (const table of WATCHED_TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_scoring_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION scoring_data_touched()`);
    }
    // a draft being saved (texts, values) changes nothing a ranking reads: only these columns do
    await q.query(`
      CREATE TRIGGER monthly_report_scoring_data AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF ${REPORT_COLUMNS}
      ON monthly_report FOR EACH STATEMENT EXECUTE FUNCTION scoring_data_touched()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER monthly_report_scoring_data ON monthly_report');
    for (const table of WATCHED_TABLES) await q.query(`DROP TRIGGER ${table}_scoring_data ON ${table}`);
    await q.query('DROP TRIGGER scoring_data_commit ON scoring_data_change');
    await q.query('DROP FUNCTION scoring_data_commit()');
    await q.query('DROP FUNCTION scoring_data_touched()');
    await q.query('DROP TABLE scoring_data_change');
    await q.query('DROP TABLE scoring_data_version');
  }
}
