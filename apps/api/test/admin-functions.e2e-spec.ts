import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

/**
 * AC-4 (targets, units, users and month close are administrative functions; leaders read only), AC-6 (the auditor
 * reads the audit log and changes nothing; the sysadmin cannot read it), AUD-1 and AUD-2 for account and unit
 * writes, login lockout and logout.
 */
describe('administrative functions and their audit (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  let planId: number;
  let indicators: Record<string, number>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    // a system administrator bound to the county, so the audit's unit field has something to show
    await insertUser(t.dataSource, {
      username: 'sys_xian',
      roles: ['sysadmin'],
      unitIds: [units.XIAN!],
      displayName: '县信息中心 刘工',
    });
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    indicators = await insertIndicators(t.dataSource, planId);
    for (const name of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'sys_xian'])
      auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  /** Every row the administrative functions write, in full (the audit log apart: refusals are audited). */
  async function businessRows(): Promise<string> {
    const q = (sql: string) => t.dataSource.query(sql);
    return JSON.stringify({
      units: await q('SELECT * FROM unit ORDER BY id'),
      closure: await q('SELECT * FROM unit_closure ORDER BY 1, 2'),
      users: await q(
        `SELECT id, username, display_name, password_hash, roles, is_active, must_change_password, version FROM app_user ORDER BY id`,
      ),
      userUnits: await q('SELECT * FROM user_unit ORDER BY 1, 2'),
      sessions: await q('SELECT id, revoked_at FROM refresh_token ORDER BY id'),
      targets: await q('SELECT * FROM target ORDER BY id'),
      snapshots: await q('SELECT * FROM ranking_snapshot ORDER BY id'),
      snapshotUnits: await q('SELECT count(*)::int AS n FROM ranking_snapshot_unit'),
      briefings: await q('SELECT id, status FROM briefing ORDER BY id'),
    });
  }

  const versionOf = async (table: string, id: number) =>
    Number((await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version);

  type Who = 'admin' | 'leader' | 'sysadmin' | 'auditor' | 'rep_t01';
  interface AdminCall {
    what: string;
    /** The one role this function belongs to. */
    owner: Who;
    send(as: Who): Promise<{ status: number; body: { code?: string } }>;
  }

  const CALLS: AdminCall[] = [
    {
      what: 'PUT /plans/:id/targets (the reporter’s own unit)',
      owner: 'admin',
      send: (as) =>
        t.http
          .put(`/api/v1/plans/${planId}/targets`)
          .set('Authorization', auth[as]!)
          .send([{ unitId: units.T01, indicatorId: indicators.DWZJ, value: '90000' }]),
    },
    {
      what: 'POST /plans/:id/months/:month/close',
      owner: 'admin',
      send: (as) =>
        t.http.post(`/api/v1/plans/${planId}/months/2026-10/close`).set('Authorization', auth[as]!).send({}),
    },
    {
      what: 'POST /units',
      owner: 'sysadmin',
      send: (as) =>
        t.http
          .post('/api/v1/units')
          .set('Authorization', auth[as]!)
          .send({ code: `T9${as.length}`, name: '白沙镇', category: 'town', parentId: units.XIAN }),
    },
    {
      what: 'PATCH /units/:id (the reporter’s own unit)',
      owner: 'sysadmin',
      send: async (as) =>
        t.http
          .patch(`/api/v1/units/${units.T01}`)
          .set('Authorization', auth[as]!)
          .send({ version: await versionOf('unit', units.T01!), name: '城关街道' }),
    },
    {
      what: 'POST /users',
      owner: 'sysadmin',
      send: (as) =>
        t.http
          .post('/api/v1/users')
          .set('Authorization', auth[as]!)
          .send({
            username: `zhoujie_${as}`,
            displayName: '周杰',
            roles: ['reporter'],
            unitIds: [units.T02],
            password: 'Chushi#2026',
          }),
    },
    {
      what: 'PATCH /users/:id (the reporter itself, asking for admin)',
      owner: 'sysadmin',
      send: async (as) =>
        t.http
          .patch(`/api/v1/users/${users.reporterT01}`)
          .set('Authorization', auth[as]!)
          .send({ version: await versionOf('app_user', users.reporterT01), roles: ['admin'] }),
    },
    {
      what: 'POST /users/:id/reset-password',
      owner: 'sysadmin',
      send: async (as) =>
        t.http
          .post(`/api/v1/users/${users.reporterT02}/reset-password`)
          .set('Authorization', auth[as]!)
          .send({ version: await versionOf('app_user', users.reporterT02), newPassword: 'Chongzhi#2026' }),
    },
  ];

  it.each(CALLS.map((c) => [c.what, c.owner, c] as const))(
    'should refuse %s to everyone but the %s, writing nothing (AC-4, AC-6)',
    async (_what, owner, call) => {
      for (const as of ['leader', 'rep_t01', 'auditor', 'admin', 'sysadmin'] as const) {
        if (as === owner) continue;
        const before = await businessRows();
        const res = await call.send(as);
        expect({ as, status: res.status, code: res.body.code }).toEqual({
          as,
          status: 403,
          code: 'FORBIDDEN',
        });
        expect({ as, rows: JSON.parse(await businessRows()) }).toEqual({ as, rows: JSON.parse(before) });
      }
      // the owner of the function gets through: the refusals above were not about the request
      const allowed = await call.send(owner);
      // a close drafts its 通报 after answering: let that finish before the next test compares rows
      await t.app.get(MonthCloseHooks).idle();
      expect({ owner, ok: [200, 201].includes(allowed.status) }).toEqual({ owner, ok: true });
    },
  );

  it('should let the auditor read and export the audit log and verify its chain', async () => {
    const log = await t.http.get('/api/v1/audit?pageSize=50').set('Authorization', auth.auditor!).expect(200);
    expect(log.body.items.length).toBeGreaterThan(0);
    await t.http.get('/api/v1/audit/verify').set('Authorization', auth.auditor!).expect(200);
    const file = await t.http
      .get('/api/v1/exports/audit.xlsx')
      .set('Authorization', auth.auditor!)
      .expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('should let the auditor change nothing anywhere (AC-6)', async () => {
    const before = await businessRows();
    const plans = await t.dataSource.query('SELECT * FROM plan ORDER BY id');
    const writes: Array<[string, string, object?]> = [
      ['post', '/api/v1/plans', { year: 2027, rootUnitId: units.XIAN, name: '2027年度招商引资目标考核' }],
      ['patch', `/api/v1/plans/${planId}`, { version: 1, name: '改名' }],
      [
        'post',
        `/api/v1/plans/${planId}/indicators`,
        { code: 'XZ', name: '新增', measure: '个', kind: 'count', source: 'reported' },
      ],
      ['post', `/api/v1/plans/${planId}/reports`, { unitId: units.T01, month: '2026-11' }],
      ['post', `/api/v1/plans/${planId}/months/2026-11/open`],
      ['post', `/api/v1/plans/${planId}/months/2026-11/remind`],
      ['post', '/api/v1/projects', {}],
      ['post', `/api/v1/plans/${planId}/scoring-entries`, {}],
      ['post', `/api/v1/users/${users.reporterT01}/sessions/end-all`],
    ];
    for (const [method, url, body] of writes) {
      const res = await t.http[method as 'post'](url).set('Authorization', auth.auditor!).send(body);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
    }
    expect(await businessRows()).toBe(before);
    expect(await t.dataSource.query('SELECT * FROM plan ORDER BY id')).toEqual(plans);
  });

  it('should keep the audit log from the system administrator (AC-6)', async () => {
    for (const url of [
      '/api/v1/audit',
      '/api/v1/audit/verify',
      '/api/v1/exports/audit.xlsx',
      '/api/v1/audit?action=user.create',
    ]) {
      const res = await t.http.get(url).set('Authorization', auth.sysadmin!);
      expect({ url, status: res.status, code: res.body.code }).toEqual({
        url,
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(JSON.stringify(res.body)).not.toContain('"action"');
    }
  });

  const eventsOf = (requestId: string) =>
    t.dataSource.query(
      `SELECT id, at, user_id, username, roles, unit_ids, ip, action, object_type, object_id, result, request_id,
              before, after FROM audit_event WHERE request_id = $1 ORDER BY id`,
      [requestId],
    );

  it('should write one audit event with every AUD-2 field for a unit created by the sysadmin', async () => {
    const [sys] = await t.dataSource.query(`SELECT id FROM app_user WHERE username = 'sys_xian'`);
    const started = new Date(Date.now() - 1000);
    const res = await t.http
      .post('/api/v1/units')
      .set('Authorization', auth.sys_xian!)
      .send({ code: 'T05', name: '白沙镇', category: 'town', parentId: units.XIAN })
      .expect(201);
    const requestId = String(res.headers['x-request-id']);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(new Date(event.at).getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(new Date(event.at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(event).toMatchObject({
      user_id: sys.id,
      username: 'sys_xian',
      roles: ['sysadmin'],
      unit_ids: [units.XIAN],
      ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/),
      action: 'unit.create',
      object_type: 'unit',
      object_id: String(res.body.id),
      result: 'success',
      request_id: requestId,
      before: null,
      after: expect.objectContaining({ id: res.body.id, code: 'T05', name: '白沙镇', parentId: units.XIAN }),
    });
  });

  it('should write one audit event with before and after for a unit and a user changed by the sysadmin', async () => {
    const unit = await t.http
      .patch(`/api/v1/units/${units.D01}`)
      .set('Authorization', auth.sys_xian!)
      .send({ version: await versionOf('unit', units.D01!), name: '县发展和改革委员会' })
      .expect(200);
    const [unitEvent, ...moreUnit] = await eventsOf(String(unit.headers['x-request-id']));
    expect(moreUnit).toEqual([]);
    expect(unitEvent).toMatchObject({
      action: 'unit.update',
      object_type: 'unit',
      object_id: String(units.D01),
      username: 'sys_xian',
      result: 'success',
      before: expect.objectContaining({ name: '县发展和改革局' }),
      after: expect.objectContaining({ name: '县发展和改革委员会' }),
    });

    const id = await insertUser(t.dataSource, {
      username: 'sunli',
      roles: ['reporter'],
      unitIds: [units.T01!],
      displayName: '孙丽',
    });
    const user = await t.http
      .patch(`/api/v1/users/${id}`)
      .set('Authorization', auth.sys_xian!)
      .send({ version: 1, displayName: '城关镇经发办 孙丽', unitIds: [units.T02] })
      .expect(200);
    const requestId = String(user.headers['x-request-id']);
    const [userEvent, ...moreUser] = await eventsOf(requestId);
    expect(moreUser).toEqual([]);
    expect(userEvent).toMatchObject({
      user_id: expect.any(Number),
      username: 'sys_xian',
      roles: ['sysadmin'],
      unit_ids: [units.XIAN],
      ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/),
      action: 'user.update',
      object_type: 'user',
      object_id: String(id),
      result: 'success',
      request_id: requestId,
      before: expect.objectContaining({
        displayName: '孙丽',
        units: [expect.objectContaining({ id: units.T01 })],
      }),
      after: expect.objectContaining({
        displayName: '城关镇经发办 孙丽',
        units: [expect.objectContaining({ id: units.T02 })],
      }),
    });
    // no password hash ever reaches the log
    expect(JSON.stringify(userEvent)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('should audit the account lockout and the refused login while locked (AUD-1)', async () => {
    const id = await insertUser(t.dataSource, {
      username: 'lockme_audit',
      roles: ['leader'],
      displayName: '县商务局 吴敏',
    });
    const failures: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'lockme_audit', password: 'Cuowu#2026' })
        .expect(401);
      failures.push(String(res.headers['x-request-id']));
    }
    const locked = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'lockme_audit', password: TEST_PASSWORD })
      .expect(401);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    // one event per failure, each under its request's id
    for (const requestId of failures) {
      const events = await eventsOf(requestId);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'auth.login',
          result: 'failure',
          object_id: String(id),
          username: 'lockme_audit',
        }),
      ]);
    }
    // the failure that locked the account says until when
    const [lockEvent] = await t.dataSource.query(`SELECT detail FROM audit_event WHERE request_id = $1`, [
      failures[4],
    ]);
    expect(lockEvent.detail.lockedUntil).toBeTruthy();
    const [firstEvent] = await t.dataSource.query(`SELECT detail FROM audit_event WHERE request_id = $1`, [
      failures[0],
    ]);
    expect(firstEvent.detail.lockedUntil ?? null).toBeNull();
    const lockedEvents = await eventsOf(String(locked.headers['x-request-id']));
    expect(lockedEvents).toEqual([
      expect.objectContaining({
        action: 'auth.login',
        result: 'denied',
        object_id: String(id),
        username: 'lockme_audit',
      }),
    ]);
  });

  it('should audit a logout under its request id, with the user (AUD-1)', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'leader', password: TEST_PASSWORD })
      .expect(200);
    const res = await t.http
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ refreshToken: login.body.refreshToken })
      .expect(204);
    const events = await eventsOf(String(res.headers['x-request-id']));
    expect(events).toEqual([
      expect.objectContaining({
        action: 'auth.logout',
        object_type: 'user',
        object_id: String(users.leader),
        user_id: users.leader,
        username: 'leader',
        result: 'success',
      }),
    ]);
    // and the token is not in the event
    expect(JSON.stringify(events)).not.toContain(login.body.refreshToken);
  });
});
