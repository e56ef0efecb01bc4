import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

// AC-6 三员分立: sysadmin, admin and auditor are three people. An administrator role is the only role of its account,
// nobody changes their own roles, units, active flag or resets their own password, and every grant or revocation of a
// role is its own audit event.

describe('users: 三员分立 (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  const auth: Record<string, string> = {};

  const userRow = async (id: number) =>
    (await t.dataSource.query('SELECT roles, is_active AS "isActive", version FROM app_user WHERE id = $1', [id]))[0];
  const auditOf = (action: string, objectId: number) =>
    t.dataSource.query(
      `SELECT username, before, after, detail FROM audit_event WHERE action = $1 AND object_id = $2 ORDER BY id`,
      [action, String(objectId)],
    );
  const patch = (id: number, body: object, as = auth.sysadmin!) =>
    t.http.patch(`/api/v1/users/${id}`).set('Authorization', as).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    for (const name of ['sysadmin', 'admin', 'auditor']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  it.each([
    [['sysadmin', 'admin'], 'administrators'],
    [['admin', 'auditor'], 'administrators'],
    [['sysadmin', 'admin', 'auditor'], 'administrators'],
    [['admin', 'leader'], 'administrator_with_business'],
    [['auditor', 'reporter'], 'administrator_with_business'],
  ])('should refuse to create an account holding %j (422 ROLE_CONFLICT on roles), and write nothing', async (roles, code) => {
    const res = await t.http
      .post('/api/v1/users')
      .set('Authorization', auth.sysadmin!)
      .send({ username: 'zhaojian', displayName: '赵建', roles, unitIds: [units.T01], password: 'Chushi#2026' })
      .expect(422);
    expect(res.body.code).toBe('ROLE_CONFLICT');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'roles', code })]);
    expect(res.body.message).toContain('三员分立');
    expect(res.body.messageEn).toBeTruthy();
    expect(await t.dataSource.query(`SELECT id FROM app_user WHERE username = 'zhaojian'`)).toEqual([]);
  });

  it('should let leader and reporter combine on one account', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set('Authorization', auth.sysadmin!)
      .send({ username: 'qs_leader', displayName: '青山镇镇长 刘洋', roles: ['leader', 'reporter'], unitIds: [units.T02], password: 'Chushi#2026' })
      .expect(201);
    expect(res.body.roles).toEqual(['leader', 'reporter']);
  });

  it("should refuse a sysadmin's own roles, units and active flag, and leave the account as it was", async () => {
    const before = await userRow(users.sysadmin);
    for (const [body, field] of [
      [{ roles: ['sysadmin', 'admin', 'auditor'] }, 'roles'],
      [{ roles: ['auditor'] }, 'roles'],
      [{ unitIds: [units.T01] }, 'unitIds'],
      [{ isActive: false }, 'isActive'],
    ] as const) {
      const res = await patch(users.sysadmin, { version: before.version, ...body }).expect(422);
      expect(res.body.code).toBe('SELF_CHANGE_FORBIDDEN');
      expect(res.body.details).toEqual([expect.objectContaining({ field, code: 'self' })]);
    }
    expect(await userRow(users.sysadmin)).toEqual(before);
    // still no audit log and no approvals for the system administrator
    await t.http.get('/api/v1/audit').set('Authorization', auth.sysadmin!).expect(403);
    // its own display name stays its own to change
    const renamed = await patch(users.sysadmin, { version: before.version, displayName: '系统管理员 冯涛' }).expect(200);
    expect(renamed.body.roles).toEqual(['sysadmin']);
  });

  it('should refuse a sysadmin resetting its own password (that is a change, with the current password)', async () => {
    const { version } = await userRow(users.sysadmin);
    const res = await t.http
      .post(`/api/v1/users/${users.sysadmin}/reset-password`)
      .set('Authorization', auth.sysadmin!)
      .send({ version, newPassword: 'Xinmima#2026' })
      .expect(422);
    expect(res.body.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await userRow(users.sysadmin)).version).toBe(version);
  });

  it('should refuse to give an existing account a second administrator role', async () => {
    const { version } = await userRow(users.admin);
    const res = await patch(users.admin, { version, roles: ['admin', 'auditor'] }).expect(422);
    expect(res.body.code).toBe('ROLE_CONFLICT');
    expect(res.body.details[0].field).toBe('roles');
    expect((await userRow(users.admin)).roles).toEqual(['admin']);
  });

  it('should audit granting and revoking a role as user.roles.grant / user.roles.revoke with before and after', async () => {
    const id = await insertUser(t.dataSource, { username: 'wangmin', roles: ['leader'], displayName: '王敏' });
    let { version } = await userRow(id);
    await patch(id, { version, roles: ['auditor'] }).expect(200);
    expect(await auditOf('user.roles.grant', id)).toEqual([
      { username: 'sysadmin', before: { roles: ['leader'] }, after: { roles: ['auditor'] }, detail: { roles: ['auditor'] } },
    ]);
    expect(await auditOf('user.roles.revoke', id)).toEqual([
      { username: 'sysadmin', before: { roles: ['leader'] }, after: { roles: ['auditor'] }, detail: { roles: ['leader'] } },
    ]);
    ({ version } = await userRow(id));
    await patch(id, { version, displayName: '审计管理员 王敏' }).expect(200);
    expect(await auditOf('user.roles.grant', id)).toHaveLength(1);

    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', auth.sysadmin!)
      .send({ username: 'liqiang', displayName: '招商局 李强', roles: ['admin'], password: 'Chushi#2026' })
      .expect(201);
    expect(await auditOf('user.roles.grant', created.body.id)).toEqual([
      { username: 'sysadmin', before: { roles: [] }, after: { roles: ['admin'] }, detail: { roles: ['admin'] } },
    ]);
  });

  it('should refuse in the database itself an account with two administrator roles, inserted or updated', async () => {
    await expect(
      t.dataSource.query(
        `INSERT INTO app_user (username, display_name, password_hash, roles) VALUES ('sunli', '孙丽', 'x', '{sysadmin,auditor}')`,
      ),
    ).rejects.toThrow(/三员分立/);
    await expect(
      t.dataSource.query(`UPDATE app_user SET roles = '{admin,leader}' WHERE id = $1`, [users.admin]),
    ).rejects.toThrow(/三员分立/);
    expect((await userRow(users.admin)).roles).toEqual(['admin']);
  });
});
