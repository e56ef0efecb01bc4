import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUTH-3's per-address login limit counts an address's recent failed or refused logins in the audit chain at every
 * login: a partial index keeps that a probe, however long the chain grows.
 */
export class LoginAddressIndex1765200000000 implements MigrationInterface {
  name = 'LoginAddressIndex1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX audit_event_login_failure_idx ON audit_event (ip, at)
        WHERE action = 'auth.login' AND result <> 'success'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_event_login_failure_idx');
  }
}
