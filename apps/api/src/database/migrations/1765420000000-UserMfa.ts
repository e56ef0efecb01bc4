import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUTH-4 and AUTH-3.
 *
 * - `user_mfa`: one TOTP second factor per user. The secret is AES-256-GCM encrypted (MfaKeyService); `enabled_at`
 *   stays NULL until the first code confirms the enrolment. `last_used_step` is the last accepted 30-second step,
 *   so a code is accepted once only (a replay within its window is refused).
 * - `user_mfa_recovery_code`: 10 single-use codes, argon2id hashes only.
 * - `login_throttle`: the lockout counter of login ids that belong to no account, so that an unknown id locks
 *   and answers exactly as a known one does (AUTH-3: the lockout must not reveal which ids exist).
 */
export class UserMfa1765420000000 implements MigrationInterface {
  name = 'UserMfa1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_mfa (
        user_id         integer PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        secret_enc      text NOT NULL,
        enabled_at      timestamptz,
        last_used_step  bigint,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE user_mfa_recovery_code (
        id          serial PRIMARY KEY,
        user_id     integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        code_hash   text NOT NULL,
        used_at     timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX user_mfa_recovery_code_user_idx ON user_mfa_recovery_code (user_id) WHERE used_at IS NULL');
    await q.query(`
      CREATE TABLE login_throttle (
        login_id       varchar(64) PRIMARY KEY CHECK (login_id = lower(login_id)),
        failed_logins  integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until   timestamptz,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_throttle');
    await q.query('DROP TABLE user_mfa_recovery_code');
    await q.query('DROP TABLE user_mfa');
  }
}
