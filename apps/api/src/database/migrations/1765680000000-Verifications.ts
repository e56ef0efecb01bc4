import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_KINDS = "'signed','started','producing','registered'";

/**
 * 认定 (issue 15): one `verification` row per counting event of a project — a stage date (signed, started, producing,
 * registered) or a month's funds in place — pending until the office decides it. Rows are kept by statement-level
 * triggers (over each statement's transition table) on `project` and `project_fund`, so every write path (the form,
 * the stage events, the Excel import, the seed) gets them in its own transaction, set-based:
 * - a date or fund amount appears → a pending row; it disappears (a stage taken back, a fund set to 0) → the row goes;
 * - the event's figures change (the date, the agreed investment of a signed project, a fund amount) → pending again,
 *   `reopened_at` set and the earlier decision kept in `previous_status` (the UI says 数据已更正，重新待认定).
 * The plan carries its 不予认定 reasons (`verification_reasons`).
 */
export class Verifications1765680000000 implements MigrationInterface {
  name = 'Verifications1765680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan ADD COLUMN verification_reasons text[] NOT NULL
        DEFAULT ARRAY['佐证不足','重复统计','突击上报','跨年重签','不符合认定标准']::text[]
        CHECK (cardinality(verification_reasons) BETWEEN 1 AND 20)`);
    await q.query(`
      CREATE TABLE verification (
        id               serial PRIMARY KEY,
        project_id       integer NOT NULL REFERENCES project(id),
        kind             text NOT NULL CHECK (kind IN (${EVENT_KINDS},'fund')),
        fund_month       char(7),
        event_date       date NOT NULL,
        amount_wan       numeric(20,4),
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected')),
        reason           text CHECK (length(reason) BETWEEN 1 AND 20),
        note             text CHECK (length(note) <= 500),
        decided_by       integer REFERENCES app_user(id),
        decided_at       timestamptz,
        is_appealed      boolean NOT NULL DEFAULT false,
        appeal_note      text CHECK (length(appeal_note) <= 500),
        appealed_by      integer REFERENCES app_user(id),
        appealed_at      timestamptz,
        reopened_at      timestamptz,
        previous_status  text CHECK (previous_status IN ('verified','rejected')),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        version          integer NOT NULL DEFAULT 1,
        FOREIGN KEY (project_id, fund_month) REFERENCES project_fund(project_id, month) ON DELETE CASCADE,
        CHECK ((kind = 'fund') = (fund_month IS NOT NULL)),
        CHECK (status <> 'rejected' OR reason IS NOT NULL),
        CHECK (NOT is_appealed OR length(coalesce(appeal_note, '')) > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX verification_event_key ON verification (project_id, kind) WHERE kind <> 'fund'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX verification_fund_key ON verification (project_id, fund_month) WHERE kind = 'fund'`,
    );
    await q.query(`CREATE INDEX verification_status_idx ON verification (status, event_date)`);

    // the figures of an event changed: pending again, the earlier decision remembered (a no-op when nothing changed)
    const reopen = `
        SET event_date = EXCLUDED.event_date, amount_wan = EXCLUDED.amount_wan, status = 'pending',
            previous_status = CASE WHEN verification.status = 'pending' THEN verification.previous_status
                                   ELSE verification.status END,
            reopened_at = CASE WHEN verification.status = 'pending' AND verification.reopened_at IS NULL THEN NULL
                               ELSE now() END,
            reason = NULL, note = NULL, decided_by = NULL, decided_at = NULL,
            is_appealed = false, appeal_note = NULL, appealed_by = NULL, appealed_at = NULL,
            updated_at = now(), version = verification.version + 1
      WHERE verification.event_date IS DISTINCT FROM EXCLUDED.event_date
         OR verification.amount_wan IS DISTINCT FROM EXCLUDED.amount_wan`;
    // statement-level, over the rows the statement wrote (a 2,000-project batch of the import is one pass, not 2,000)
    await q.query(`
      CREATE FUNCTION verification_sync_project() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- a restore loads the verification rows as they were backed up (restore.ts sets this for its transaction)
        IF current_setting('pacer.restoring', true) = 'on' THEN RETURN NULL; END IF;
        DELETE FROM verification v USING new_rows n
         WHERE v.project_id = n.id AND v.kind <> 'fund'
           AND CASE v.kind WHEN 'signed' THEN n.signed_date WHEN 'started' THEN n.started_date
                           WHEN 'producing' THEN n.producing_date ELSE n.registered_date END IS NULL;
        INSERT INTO verification (project_id, kind, event_date, amount_wan)
        SELECT n.id, e.kind, e.d, CASE WHEN e.kind = 'signed' THEN n.agreed_investment_wan END
          FROM new_rows n
         CROSS JOIN LATERAL (VALUES ('signed', n.signed_date), ('started', n.started_date),
                                    ('producing', n.producing_date), ('registered', n.registered_date)) AS e(kind, d)
         WHERE e.d IS NOT NULL
        ON CONFLICT (project_id, kind) WHERE kind <> 'fund' DO UPDATE ${reopen};
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE']) {
      await q.query(`
        CREATE TRIGGER project_verification_${event.toLowerCase()} AFTER ${event} ON project
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION verification_sync_project()`);
    }
    await q.query(`
      CREATE FUNCTION verification_sync_fund() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- a restore loads the verification rows as they were backed up (restore.ts sets this for its transaction)
        IF current_setting('pacer.restoring', true) = 'on' THEN RETURN NULL; END IF;
        DELETE FROM verification v USING new_rows n
         WHERE v.project_id = n.project_id AND v.kind = 'fund' AND v.fund_month = n.month AND n.amount_wan = 0;
        INSERT INTO verification (project_id, kind, fund_month, event_date, amount_wan)
        SELECT n.project_id, 'fund', n.month, (n.month || '-01')::date, n.amount_wan FROM new_rows n
         WHERE n.amount_wan > 0
        ON CONFLICT (project_id, fund_month) WHERE kind = 'fund' DO UPDATE ${reopen};
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE']) {
      await q.query(`
        CREATE TRIGGER project_fund_verification_${event.toLowerCase()} AFTER ${event} ON project_fund
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION verification_sync_fund()`);
    }

    // the ledger as it stands: every event pending (a county decides what it had counted before)
    await q.query(`
      INSERT INTO verification (project_id, kind, event_date, amount_wan)
      SELECT p.id, e.kind, e.d, CASE WHEN e.kind = 'signed' THEN p.agreed_investment_wan END
        FROM project p CROSS JOIN LATERAL (VALUES ('signed', p.signed_date), ('started', p.started_date),
                                                  ('producing', p.producing_date), ('registered', p.registered_date)) AS e(kind, d)
       WHERE e.d IS NOT NULL`);
    await q.query(`
      INSERT INTO verification (project_id, kind, fund_month, event_date, amount_wan)
      SELECT f.project_id, 'fund', f.month, (f.month || '-01')::date, f.amount_wan FROM project_fund f WHERE f.amount_wan > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update']) {
      await q.query(`DROP TRIGGER project_fund_verification_${event} ON project_fund`);
      await q.query(`DROP TRIGGER project_verification_${event} ON project`);
    }
    await q.query('DROP FUNCTION verification_sync_fund()');
    await q.query('DROP FUNCTION verification_sync_project()');
    await q.query('DROP TABLE verification');
    await q.query('ALTER TABLE plan DROP COLUMN verification_reasons');
  }
}
