import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

/**
 * REL-1 for units and users (a stale version answers 409 and changes nothing; of parallel edits exactly one
 * wins) and AUTH-1's unique, case-insensitive login ids, seen through the API as a sysadmin uses it.
 */
describe('units and accounts: optimistic locking and unique login ids (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let sys: string;

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    sys = await bearer(t.http, 'sysadmin');
  });
  afterAll(() => t.close());

  const unitRow = async (id: number) =>
    (await t.dataSource.query('SELECT * FROM unit WHERE id = $1', [id]))[0] as Record<string, unknown>;
  const userRow = async (id: number) =>
    (
      await t.dataSource.query(
        `SELECT u.*, array(SELECT unit_id FROM user_unit WHERE user_id = u.id ORDER BY unit_id) AS unit_ids
           FROM app_user u WHERE u.id = $1`,
        [id],
      )
    )[0] as Record<string, unknown>;
  const auditCount = async (action: string, objectId: number) =>
    (
      await t.dataSource.query(
        'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND object_id = $2',
        [action, String(objectId)],
      )
    )[0].n as number;

  describe('units (REL-1)', () => {
    it('should answer 409 to a stale version on PATCH /units/:id and change nothing', async () => {
      const id = units.T02!;
      const first = await t.http
        .patch(`/api/v1/units/${id}`)
        .set('Authorization', sys)
        .send({ version: 1, name: '青山镇人民政府' })
        .expect(200);
      expect(first.body.version).toBe(2);
      const before = await unitRow(id);
      const audits = await auditCount('unit.update', id);

      // a second editor still holds version 1
      const stale = await t.http
        .patch(`/api/v1/units/${id}`)
        .set('Authorization', sys)
        .send({ version: 1, name: '青山乡', sortOrder: 99, isActive: false })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', requestId: expect.any(String) });
      expect(stale.body.message).toBeTruthy();
      expect(stale.body.messageEn).toBeTruthy();
      expect(await unitRow(id)).toEqual(before);
      expect(await auditCount('unit.update', id)).toBe(audits);
    });

    it('should answer 409 to a stale version on a move and leave the tree as it was', async () => {
      const id = units.P01A!;
      const closure = () =>
        t.dataSource.query('SELECT ancestor_id, depth FROM unit_closure WHERE descendant_id = $1 ORDER BY depth', [id]);
      const before = await closure();
      const row = await unitRow(id);
      await t.http
        .patch(`/api/v1/units/${id}`)
        .set('Authorization', sys)
        .send({ version: Number(row.version) + 1, parentId: units.T01 })
        .expect(409);
      expect(await closure()).toEqual(before);
      expect(await unitRow(id)).toEqual(row);
    });

    it('should let exactly one of parallel edits with the same version win', async () => {
      const id = units.D01!;
      const { version } = await unitRow(id);
      const names = ['县发展和改革委员会', '县发改局', '县发展改革局', '县发展和改革局（县粮食和物资储备局）', '县发改委'];
      const answers = await Promise.all(
        names.map((name) =>
          t.http.patch(`/api/v1/units/${id}`).set('Authorization', sys).send({ version, name }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409]);
      const winner = answers.find((a) => a.status === 200)!;
      const after = await unitRow(id);
      expect(after.name).toBe(winner.body.name);
      expect(after.version).toBe(Number(version) + 1);
      expect(await auditCount('unit.update', id)).toBe(1);
    });
  });

  describe('users (REL-1)', () => {
    it('should answer 409 to a stale version on PATCH /users/:id and change nothing, units included', async () => {
      const id = await insertUser(t.dataSource, {
        username: 'wangfang',
        roles: ['reporter'],
        unitIds: [units.T01!],
        displayName: '城关镇 王芳',
      });
      await t.http
        .patch(`/api/v1/users/${id}`)
        .set('Authorization', sys)
        .send({ version: 1, displayName: '城关镇经发办 王芳' })
        .expect(200);
      const before = await userRow(id);
      const audits = await auditCount('user.update', id);
      const stale = await t.http
        .patch(`/api/v1/users/${id}`)
        .set('Authorization', sys)
        .send({ version: 1, displayName: '青山镇 王芳', unitIds: [units.T02], isActive: false })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect(await userRow(id)).toEqual(before);
      expect((await userRow(id)).unit_ids).toEqual([units.T01]);
      expect(await auditCount('user.update', id)).toBe(audits);
      // the account still works as it did
      await bearer(t.http, 'wangfang');
    });

    it('should answer 409 to a stale version on a password reset and keep the password', async () => {
      const id = await insertUser(t.dataSource, { username: 'zhaolei', roles: ['leader'], displayName: '县政府办 赵磊' });
      const before = await userRow(id);
      await t.http
        .post(`/api/v1/users/${id}/reset-password`)
        .set('Authorization', sys)
        .send({ version: 7, newPassword: 'Chongzhi#2026' })
        .expect(409);
      expect(await userRow(id)).toEqual(before);
      await bearer(t.http, 'zhaolei', TEST_PASSWORD);
    });

    it('should let exactly one of parallel edits with the same version win, units and all', async () => {
      const id = await insertUser(t.dataSource, {
        username: 'chenjing',
        roles: ['reporter'],
        unitIds: [units.T01!],
        displayName: '陈静',
      });
      const edits = [
        { displayName: '城关镇 陈静', unitIds: [units.T01] },
        { displayName: '青山镇 陈静', unitIds: [units.T02] },
        { displayName: '开发区 陈静', unitIds: [units.P01] },
        { displayName: '开发区东区 陈静', unitIds: [units.P01A] },
      ];
      const answers = await Promise.all(
        edits.map((edit) => t.http.patch(`/api/v1/users/${id}`).set('Authorization', sys).send({ version: 1, ...edit })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = answers.find((a) => a.status === 200)!;
      const won = edits.find((e) => e.displayName === winner.body.displayName)!;
      const after = await userRow(id);
      expect(after.display_name).toBe(won.displayName);
      expect(after.unit_ids).toEqual(won.unitIds);
      expect(after.version).toBe(2);
      expect(await auditCount('user.update', id)).toBe(1);
    });
  });

  describe('login ids (AUTH-1)', () => {
    const create = (username: string, displayName: string) =>
      t.http.post('/api/v1/users').set('Authorization', sys).send({
        username,
        displayName,
        roles: ['reporter'],
        unitIds: [units.T01],
        password: 'Chushi#2026',
      });

    it('should refuse a second user whose login id differs only in case (409), writing nothing', async () => {
      await create('chengguan', '城关镇填报员（一）').expect(201);
      const users = await t.dataSource.query('SELECT count(*)::int AS n FROM app_user');
      const audits = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.create'`);
      for (const twin of ['CHENGGUAN', 'ChengGuan', 'chengguaN']) {
        const res = await create(twin, '城关镇填报员（二）');
        expect({ twin, status: res.status }).toEqual({ twin, status: 409 });
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'username', code: 'taken' })]);
        expect(res.body.message).toBeTruthy();
        expect(res.body.messageEn).toBeTruthy();
      }
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM app_user')).toEqual(users);
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.create'`),
      ).toEqual(audits);
      // whatever the case typed at login, it is the one account
      const login = await t.http.post('/api/v1/auth/login').send({ username: 'CHENGGUAN', password: 'Chushi#2026' }).expect(200);
      expect(login.body.user).toMatchObject({ username: 'chengguan', displayName: '城关镇填报员（一）' });
    });

    it('should let only one of two parallel creations of the same id in different cases through, the other 409', async () => {
      const answers = await Promise.all([create('lisi', '李四'), create('LISI', '李四（重复）'), create('LiSi', '李四（又一个）')]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body.details).toEqual([expect.objectContaining({ field: 'username', code: 'taken' })]);
      }
      const rows = await t.dataSource.query(`SELECT username FROM app_user WHERE lower(username) = 'lisi'`);
      expect(rows).toHaveLength(1);
    });

    it('should refuse a unit code that differs only in case (409)', async () => {
      const res = await t.http
        .post('/api/v1/units')
        .set('Authorization', sys)
        .send({ code: 't01', name: '城关镇（重复）', category: 'town', parentId: units.XIAN })
        .expect(409);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'code', code: 'taken' })]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE lower(code) = 't01'`);
      expect(n).toBe(1);
    });

    it('should let only one of parallel creations of the same unit code in different cases through, the others 409', async () => {
      const answers = await Promise.all(
        ['T03', 't03', 'T03'].map((code, i) =>
          t.http
            .post('/api/v1/units')
            .set('Authorization', sys)
            .send({ code, name: ['白沙镇', '白沙乡', '白沙街道'][i], category: 'town', parentId: units.XIAN }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE lower(code) = 't03'`);
      expect(n).toBe(1);
    });
  });
});
