import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service accounts (issue 12): API keys for machine clients.
 *
 * - `app_user.is_service_account`: every service account has a backing `app_user` row, so the columns that name who
 *   wrote a row (`updated_by`, `submitted_by`, `report_status_history.user_id` …, all foreign keys to app_user) name
 *   the machine client as they name a person, and history screens show its name. That row can never sign in: the
 *   CHECK keeps it inactive with a password hash no password matches, and the users module does not list or edit it.
 * - `service_account`: the key as a SHA-256 hash (unique: the lookup of a request's key), a visible prefix, the
 *   expiry, who created and revoked it, when it was last used and the read counter behind the aggregated audit.
 * - `service_account_unit`: the units it acts for (their descendants are in scope, as for a reporter).
 */
export class ServiceAccounts1765530000000 implements MigrationInterface {
  name = 'ServiceAccounts1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user ADD COLUMN is_service_account boolean NOT NULL DEFAULT false');
    await q.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_service_account_no_login
        CHECK (NOT is_service_account OR (NOT is_active AND password_hash = '!service-account'))`);
    await q.query(`
      CREATE TABLE service_account (
        id                serial PRIMARY KEY,
        user_id           integer NOT NULL UNIQUE REFERENCES app_user (id),
        name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        key_hash          text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        key_prefix        text NOT NULL CHECK (key_prefix ~ '^pk_[A-Za-z0-9_-]{8}$'),
        permissions       text[] NOT NULL CHECK (cardinality(permissions) >= 1),
        expires_at        timestamptz NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        created_by        integer REFERENCES app_user (id),
        revoked_at        timestamptz,
        revoked_by        integer REFERENCES app_user (id),
        last_used_at      timestamptz,
        reads_unaudited   integer NOT NULL DEFAULT 0 CHECK (reads_unaudited >= 0),
        reads_audited_at  timestamptz,
        CHECK (revoked_at IS NULL OR revoked_at >= created_at),
        CHECK (expires_at > created_at)
      )`);
    await q.query('CREATE UNIQUE INDEX service_account_name_key ON service_account (lower(name)) WHERE revoked_at IS NULL');
    await q.query(`
      CREATE TABLE service_account_unit (
        service_account_id integer NOT NULL REFERENCES service_account (id),
        unit_id            integer NOT NULL REFERENCES unit (id),
        PRIMARY KEY (service_account_id, unit_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_account_unit');
    await q.query('DROP TABLE service_account');
    await q.query('ALTER TABLE app_user DROP CONSTRAINT app_user_service_account_no_login');
    await q.query('ALTER TABLE app_user DROP COLUMN is_service_account');
  }
}
