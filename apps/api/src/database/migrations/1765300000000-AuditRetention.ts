import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUD-5: audit events are kept at least 180 days, then may be purged by the retention job only (DATA-3).
 *
 * - `audit_event` stays append-only, but for one case: a DELETE in a transaction that set `pacer.audit_purge` to
 *   `on` (AuditService.purgeBefore) of a row older than 180 days. The floor is in the database itself, so no code
 *   path and no setting can purge a younger row.
 * - `audit_purge` (append-only as well) records each purge: the last purged row's id and hash, which the first
 *   remaining row names as its `prev_hash`, so the verifier walks the rest of the chain from that anchor.
 */
export class AuditRetention1765300000000 implements MigrationInterface {
  name = 'AuditRetention1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_purge (
        id            serial PRIMARY KEY,
        purged_at     timestamptz NOT NULL DEFAULT now(),
        cutoff        timestamptz NOT NULL CHECK (cutoff <= purged_at - interval '180 days'),
        through_id    bigint NOT NULL UNIQUE,
        through_hash  text NOT NULL CHECK (through_hash ~ '^[0-9a-f]{64}$'),
        row_count     bigint NOT NULL CHECK (row_count > 0)
      )`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- nested: a condition on OLD.at must not be evaluated for audit_purge, which has no such column
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_event' THEN
          IF current_setting('pacer.audit_purge', true) = 'on' AND OLD.at < now() - interval '180 days' THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_purge_no_update BEFORE UPDATE OR DELETE ON audit_purge
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER audit_purge_no_update ON audit_purge');
    await q.query('DROP TABLE audit_purge');
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }
}
