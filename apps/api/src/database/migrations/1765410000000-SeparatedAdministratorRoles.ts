import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AC-6 三员分立 in the database: an account that holds an administrator role (sysadmin, admin, auditor) holds no other
 * role, whatever path writes it (the API answers ROLE_CONFLICT before this is reached).
 *
 * A trigger, not a CHECK: accounts stored before the rule (the first administrator used to be sysadmin + admin) are
 * kept as they are, the migration never fails on them, and they go on logging in; PostgreSQL checks even a NOT VALID
 * constraint on every UPDATE of a row (a login's counters), so the rule is checked only when the roles are written:
 * every INSERT, and an UPDATE that changes `roles`. The API names such accounts at start (RoleConflictsCheck) and
 * another system administrator corrects them.
 */
export class SeparatedAdministratorRoles1765410000000 implements MigrationInterface {
  name = 'SeparatedAdministratorRoles1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_user_roles_separated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.roles IS NOT DISTINCT FROM OLD.roles THEN
          RETURN NEW;
        END IF;
        IF NEW.roles && ARRAY['sysadmin','admin','auditor']::text[] AND cardinality(NEW.roles) > 1 THEN
          RAISE EXCEPTION 'app_user % roles % break 三员分立: an administrator role is the only role of its account',
            NEW.username, NEW.roles
            USING ERRCODE = 'check_violation', CONSTRAINT = 'app_user_roles_separated', TABLE = 'app_user';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER app_user_roles_separated BEFORE INSERT OR UPDATE OF roles ON app_user
      FOR EACH ROW EXECUTE FUNCTION app_user_roles_separated()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER app_user_roles_separated ON app_user');
    await q.query('DROP FUNCTION app_user_roles_separated()');
  }
}
