import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces every change that can alter a signed-in user's principal (AUTH-7) on the channel `pacer_principal`, so
 * that each API replica's principal cache (modules/auth/principal-cache.service.ts) drops what it holds. NOTIFY is
 * transactional: it is delivered when the change commits, to every replica listening on this database.
 *
 * What the principal is read from (UsersRepository.loadPrincipal): the user's name, roles, active flag and forced
 * password change (app_user), units (user_unit), the units below them (unit_closure) and the session family's
 * revocation (refresh_token.revoked_at). Statement-level triggers: one notice per statement, however many rows;
 * a login's counters (failed_logins, last_login_at) and a token's rotation (used_at) announce nothing.
 */
export class PrincipalChangeNotify1765590000000 implements MigrationInterface {
  name = 'PrincipalChangeNotify1765590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_principal_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('pacer_principal', TG_TABLE_NAME);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER app_user_principal_change
        AFTER UPDATE OF username, display_name, roles, is_active, must_change_password OR DELETE OR TRUNCATE ON app_user
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change()`);
    await q.query(`
      CREATE TRIGGER user_unit_principal_change
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_unit
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change()`);
    await q.query(`
      CREATE TRIGGER unit_closure_principal_change
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_closure
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change()`);
    await q.query(`
      CREATE TRIGGER refresh_token_principal_change
        AFTER UPDATE OF revoked_at OR DELETE OR TRUNCATE ON refresh_token
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER refresh_token_principal_change ON refresh_token');
    await q.query('DROP TRIGGER unit_closure_principal_change ON unit_closure');
    await q.query('DROP TRIGGER user_unit_principal_change ON user_unit');
    await q.query('DROP TRIGGER app_user_principal_change ON app_user');
    await q.query('DROP FUNCTION notify_principal_change()');
  }
}
