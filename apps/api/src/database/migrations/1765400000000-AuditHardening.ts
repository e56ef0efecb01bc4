import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUD-4 and AUD-5, hardened:
 *
 * - `TRUNCATE` of `audit_event` or `audit_purge` is refused by a statement-level trigger (the row triggers never fire
 *   on a TRUNCATE, so until now it emptied the log in one statement).
 * - The retention purge runs through `audit_purge_through()`, a SECURITY DEFINER function owned by the migration
 *   (owner) role. The application's runtime role, when it is a separate one (docs/architecture.md "Database roles"),
 *   has no DELETE on `audit_event` and no INSERT on `audit_purge`: it may only call this function, which deletes a
 *   prefix of the chain older than the cutoff, only once the purge's own `audit.purge` event is the newest row (so no
 *   purge goes unrecorded), and records the anchor itself from the stored row. The 180-day floor stays in the
 *   row trigger and the CHECK on `audit_purge.cutoff`, whoever calls.
 */
export class AuditHardening1765400000000 implements MigrationInterface {
  name = 'AuditHardening1765400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['audit_event', 'audit_purge']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
    }
    await q.query(`
      CREATE FUNCTION audit_purge_through(p_cutoff timestamptz, p_through_id bigint) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public, pg_temp
      -- the row trigger lets a DELETE through only with this setting; it holds for this function's duration only
      SET pacer.audit_purge = 'on'
      AS $$
      DECLARE
        v_hash text;
        v_at timestamptz;
        v_last_action text;
        v_last_object text;
        v_count bigint;
      BEGIN
        SELECT hash, at INTO v_hash, v_at FROM public.audit_event WHERE id = p_through_id;
        IF v_hash IS NULL THEN
          RAISE EXCEPTION 'audit event % does not exist', p_through_id USING ERRCODE = 'no_data_found';
        END IF;
        IF v_at >= p_cutoff THEN
          RAISE EXCEPTION 'audit event % is not older than the cutoff', p_through_id USING ERRCODE = 'check_violation';
        END IF;
        SELECT action, object_id INTO v_last_action, v_last_object FROM public.audit_event ORDER BY id DESC LIMIT 1;
        IF v_last_action IS DISTINCT FROM 'audit.purge' OR v_last_object IS DISTINCT FROM p_through_id::text THEN
          RAISE EXCEPTION 'a purge must be recorded (audit.purge) before it runs' USING ERRCODE = 'insufficient_privilege';
        END IF;
        DELETE FROM public.audit_event WHERE id <= p_through_id;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        INSERT INTO public.audit_purge (cutoff, through_id, through_hash, row_count)
        VALUES (p_cutoff, p_through_id, v_hash, v_count);
        RETURN v_count;
      END $$`);
    await q.query('REVOKE ALL ON FUNCTION audit_purge_through(timestamptz, bigint) FROM PUBLIC');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION audit_purge_through(timestamptz, bigint)');
    for (const table of ['audit_event', 'audit_purge']) await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
  }
}
