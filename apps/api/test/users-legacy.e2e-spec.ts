import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { hashPassword } from '../src/common/auth/passwords';
import { buildDataSourceOptions } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestApp, createTestDatabase, type TestApp } from './create-test-app';
import { bearer, TEST_PASSWORD } from './factories/user.factory';

// AC-6 over data written before 三员分立 was enforced, and AUTH-1's first administrator.

const RULE_MIGRATION = 1765410000000;

describe('users: accounts stored before 三员分立, and the first administrator (e2e)', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('an old database whose first administrator is sysadmin + admin', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let t: TestApp | undefined;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      database = await createTestDatabase();
      // the schema as it was before the rule's migration, with the accounts the old code allowed
      const before = MIGRATIONS.filter((m) => Number(/\d{13}/.exec(m.name)![0]) < RULE_MIGRATION);
      const old = await new DataSource(buildDataSourceOptions(database.url, { migrations: before })).initialize();
      await old.runMigrations({ transaction: 'each' });
      const hash = await hashPassword(TEST_PASSWORD);
      for (const [username, displayName, roles] of [
        ['boss', '系统管理员 冯涛', '{sysadmin,admin}'],
        ['sys2', '系统管理员 韩梅', '{sysadmin}'],
        ['zhouli', '审计兼领导 周丽', '{auditor,leader}'],
        ['leader', '县领导 周立新', '{leader}'],
      ]) {
        const rows = await old.query(
          `INSERT INTO app_user (username, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
          [username, displayName, hash, roles],
        );
        ids[username!] = rows[0].id;
      }
      await old.destroy();
    });
    afterAll(async () => {
      await t?.close();
      await database.drop();
    });

    it('should migrate without changing them, name them in one warning and tell every sysadmin once', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      t = await createTestApp({ databaseUrl: database.url });

      const roles = await t.dataSource.query(`SELECT username, roles FROM app_user ORDER BY id`);
      expect(roles).toEqual([
        { username: 'boss', roles: ['sysadmin', 'admin'] },
        { username: 'sys2', roles: ['sysadmin'] },
        { username: 'zhouli', roles: ['auditor', 'leader'] },
        { username: 'leader', roles: ['leader'] },
      ]);
      const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('三员分立'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('boss [sysadmin, admin]');
      expect(lines[0]).toContain('zhouli [auditor, leader]');
      expect(lines[0]).not.toContain('sys2');

      const notices = await t.dataSource.query(
        `SELECT user_id AS "userId", title, body, link FROM notification WHERE kind = 'users.role_conflict' ORDER BY user_id`,
      );
      expect(notices.map((n: { userId: number }) => n.userId)).toEqual([ids.boss, ids.sys2]);
      expect(notices[0].body).toContain('boss（系统管理员、管理员（招商局））');
      expect(notices[0].body).toContain('zhouli（审计管理员、领导）');
      expect(notices[0].link).toBe('/admin/users');
    });

    it('should not notify again when the API starts once more', async () => {
      await t!.close();
      t = undefined;
      t = await createTestApp({ databaseUrl: database.url });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'users.role_conflict'`);
      expect(n).toBe(2);
    });

    it('should let such an account log in and be renamed, but not given another forbidden set', async () => {
      const boss = await bearer(t!.http, 'boss');
      const { version } = (await t!.dataSource.query('SELECT version FROM app_user WHERE id = $1', [ids.zhouli]))[0];
      await t!.http
        .patch(`/api/v1/users/${ids.zhouli}`)
        .set('Authorization', boss)
        .send({ version, displayName: '审计管理员 周丽' })
        .expect(200);
      const refused = await t!.http
        .patch(`/api/v1/users/${ids.zhouli}`)
        .set('Authorization', boss)
        .send({ version: version + 1, roles: ['auditor', 'reporter'] })
        .expect(422);
      expect(refused.body.code).toBe('ROLE_CONFLICT');
    });

    it('should leave the correction of one’s own roles to another sysadmin', async () => {
      const boss = await bearer(t!.http, 'boss');
      const { version } = (await t!.dataSource.query('SELECT version FROM app_user WHERE id = $1', [ids.boss]))[0];
      await t!.http
        .patch(`/api/v1/users/${ids.boss}`)
        .set('Authorization', boss)
        .send({ version, roles: ['sysadmin'] })
        .expect(422)
        .expect((res) => expect(res.body.code).toBe('SELF_CHANGE_FORBIDDEN'));
      const sys2 = await bearer(t!.http, 'sys2');
      const fixed = await t!.http
        .patch(`/api/v1/users/${ids.boss}`)
        .set('Authorization', sys2)
        .send({ version, roles: ['sysadmin'] })
        .expect(200);
      expect(fixed.body.roles).toEqual(['sysadmin']);
      const [revoke] = await t!.dataSource.query(
        `SELECT username, detail FROM audit_event WHERE action = 'user.roles.revoke' AND object_id = $1`,
        [String(ids.boss)],
      );
      expect(revoke).toEqual({ username: 'sys2', detail: { roles: ['admin'] } });
    });
  });

  describe('the first administrator from PACER_ADMIN_USERNAME / PACER_ADMIN_PASSWORD (AUTH-1)', () => {
    let t: TestApp;

    beforeAll(async () => {
      process.env.PACER_ADMIN_USERNAME = 'xitong';
      process.env.PACER_ADMIN_PASSWORD = 'Chushi#2026';
      try {
        t = await createTestApp();
      } finally {
        delete process.env.PACER_ADMIN_USERNAME;
        delete process.env.PACER_ADMIN_PASSWORD;
      }
    });
    afterAll(() => t.close());

    it('should be a system administrator only, who then creates the administrator and the auditor', async () => {
      const [first] = await t.dataSource.query(
        `SELECT roles, must_change_password AS "mustChange" FROM app_user WHERE username = 'xitong'`,
      );
      expect(first).toEqual({ roles: ['sysadmin'], mustChange: true });

      const initial = await bearer(t.http, 'xitong', 'Chushi#2026');
      await t.http
        .post('/api/v1/auth/password')
        .set('Authorization', initial)
        .send({ currentPassword: 'Chushi#2026', newPassword: 'Xt#9mQ2vLw!k' })
        .expect(204);
      const sys = await bearer(t.http, 'xitong', 'Xt#9mQ2vLw!k');
      // no audit log and no business data for the system administrator
      await t.http.get('/api/v1/audit').set('Authorization', sys).expect(403);
      for (const [username, displayName, role] of [
        ['zhaoshang', '招商局 陈卫东', 'admin'],
        ['shenji', '审计管理员 曹琳', 'auditor'],
      ]) {
        const res = await t.http
          .post('/api/v1/users')
          .set('Authorization', sys)
          .send({ username, displayName, roles: [role], password: 'Chushi#2026' })
          .expect(201);
        expect(res.body.roles).toEqual([role]);
      }
    });
  });
});
