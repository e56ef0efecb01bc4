import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 分成确认 (issue 10): a share credited to a unit the writer does not report for is `pending` until that unit's reporter
 * (or an admin) confirms it, and counts for the responsible unit until then (docs/scoring.md §4). Existing shares
 * were counted as entered, so they stay `confirmed` (the column default, which the seeds and benches rely on; the API
 * always writes the status itself). The responsible unit's own share is always confirmed: the deferred share check
 * now says so too.
 */
export class ProjectShareConfirmation1765440000000 implements MigrationInterface {
  name = 'ProjectShareConfirmation1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project_share
        ADD COLUMN status          text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('pending', 'confirmed', 'declined')),
        ADD COLUMN proposed_by     integer REFERENCES app_user(id),
        ADD COLUMN proposed_at     timestamptz,
        ADD COLUMN decided_by      integer REFERENCES app_user(id),
        ADD COLUMN decided_at      timestamptz,
        ADD COLUMN decline_reason  text,
        ADD CONSTRAINT project_share_decline_reason CHECK (status <> 'declined' OR length(coalesce(decline_reason, '')) > 0)`);
    // the few shares not (yet) confirmed: the credit SQL reads them per project, the pending list per unit
    await q.query(
      `CREATE INDEX project_share_unconfirmed_idx ON project_share (unit_id, project_id) WHERE status <> 'confirmed'`,
    );
    await q.query(
      `CREATE INDEX project_share_unconfirmed_project_idx ON project_share (project_id) WHERE status <> 'confirmed'`,
    );
    await q.query(shareCheck(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(shareCheck(false));
    await q.query('DROP INDEX project_share_unconfirmed_project_idx');
    await q.query('DROP INDEX project_share_unconfirmed_idx');
    await q.query(`
      ALTER TABLE project_share DROP CONSTRAINT project_share_decline_reason,
        DROP COLUMN decline_reason, DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN proposed_at,
        DROP COLUMN proposed_by, DROP COLUMN status`);
  }
}

/** The deferred check of migration ProjectLedger; with `confirmed`, the responsible unit's share must be confirmed. */
function shareCheck(confirmed: boolean): string {
  const responsible = confirmed
    ? `s.unit_id = p.unit_id AND s.status = 'confirmed'`
    : 's.unit_id = p.unit_id';
  return `
      CREATE OR REPLACE FUNCTION project_share_check() RETURNS trigger LANGUAGE plpgsql AS $$
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
        SELECT coalesce(sum(s.share_pct), 0), count(s.unit_id), coalesce(bool_or(${responsible}), false)
          INTO total, rows_count, has_responsible
          FROM project p LEFT JOIN project_share s ON s.project_id = p.id
         WHERE p.id = pid;
        IF rows_count > 0 AND (total <> 100 OR NOT has_responsible) THEN
          RAISE EXCEPTION 'project % shares must sum to 100 and include the responsible unit, confirmed (sum %)', pid, total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`;
}
