import { createHash } from 'node:crypto';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// Issue 12: machine clients get service accounts — an API key scoped to units and permissions, with an expiry,
// revocable by the sysadmin, stored hashed, every use audited. "Done means: a service account feeds a month's figures
// through the API."
const clock = { instant: new Date('2026-11-03T02:00:00Z'), now: () => new Date(clock.instant) };
const KEY = /^pk_[A-Za-z0-9_-]{43}$/;
const FEED_NAME = '县统计局数据接口';

describe('service accounts (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    for (const user of ['admin', 'sysadmin', 'auditor', 'rep_t01', 'leader']) auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, as = auth.sysadmin!) =>
    t.http.post('/api/v1/service-accounts').set('Authorization', as).send(body);
  const feedBody = (over: Record<string, unknown> = {}) => ({
    name: FEED_NAME,
    unitIds: [units.T01],
    permissions: ['reports.read', 'reports.write', 'reports.submit'],
    expiresOn: '2027-10-31',
    ...over,
  });
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const key = (apiKey: string) => `Bearer ${apiKey}`;

  describe('the sysadmin creates, lists and revokes', () => {
    it('should answer the key once, store only its SHA-256 and a prefix, and audit the creation without the key', async () => {
      const res = await create(feedBody({ name: '县统计局月度报表接口' })).expect(201);
      const { apiKey, account } = res.body;
      expect(apiKey).toMatch(KEY);
      expect(account).toMatchObject({
        name: '县统计局月度报表接口',
        keyPrefix: apiKey.slice(0, 11),
        permissions: ['reports.read', 'reports.submit', 'reports.write'],
        units: [{ id: units.T01, code: 'T01', name: '城关镇' }],
        status: 'active',
        createdBy: '系统管理员',
        revokedAt: null,
        lastUsedAt: null,
        expiresAt: '2027-10-31T16:00:00.000Z',
      });
      // the key is in no column of any row written: only its hash and its first characters are kept
      const [stored] = await t.dataSource.query('SELECT key_hash, key_prefix, row_to_json(s)::text AS json FROM service_account s WHERE id = $1', [
        account.id,
      ]);
      expect(stored.key_hash).toBe(createHash('sha256').update(apiKey).digest('hex'));
      expect(stored.key_prefix).toBe(apiKey.slice(0, 11));
      expect(stored.json).not.toContain(apiKey.slice(11));
      const audit = await t.dataSource.query(
        `SELECT username, after::text AS after FROM audit_event WHERE action = 'service_account.create' AND object_id = $1`,
        [String(account.id)],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].username).toBe('sysadmin');
      expect(audit[0].after).not.toContain(apiKey.slice(11));
      // the list never carries a key
      const list = await t.http.get('/api/v1/service-accounts').set('Authorization', auth.sysadmin!).expect(200);
      expect(list.body.maxDays).toBe(365);
      expect(list.body.items.map((a: { name: string }) => a.name)).toContain('县统计局月度报表接口');
      expect(JSON.stringify(list.body)).not.toContain(apiKey.slice(11));
    });

    it('should refuse the routes to the admin, the auditor, a leader and a reporter with 403, writing nothing', async () => {
      const [{ id }] = await t.dataSource.query('SELECT id FROM service_account ORDER BY id LIMIT 1');
      const before = await count('service_account');
      for (const who of ['admin', 'auditor', 'leader', 'rep_t01']) {
        const calls = [
          t.http.get('/api/v1/service-accounts').set('Authorization', auth[who]!),
          create(feedBody({ name: `${who}的接口` }), auth[who]!),
          t.http.post(`/api/v1/service-accounts/${id}/revoke`).set('Authorization', auth[who]!),
        ];
        for (const res of await Promise.all(calls)) {
          expect({ who, status: res.status, code: res.body.code }).toEqual({ who, status: 403, code: 'FORBIDDEN' });
        }
      }
      expect(await count('service_account')).toBe(before);
      expect((await t.dataSource.query('SELECT revoked_at FROM service_account WHERE id = $1', [id]))[0].revoked_at).toBeNull();
    });

    it.each([
      ['reports.review', '审核'],
      ['users.write', '管理账号'],
      ['audit.read', '读审计日志'],
      ['months.close', '月度关账'],
      ['self', '个人资料与密码'],
      ['service_accounts.manage', '管理接口账号'],
    ])('should refuse the permission %s (%s) with 422 SERVICE_ACCOUNT_PERMISSION_NOT_ALLOWED, writing nothing', async (permission) => {
      const users = await count('app_user');
      const res = await create(feedBody({ name: '越权接口', permissions: ['reports.read', permission] })).expect(422);
      expect(res.body.code).toBe('SERVICE_ACCOUNT_PERMISSION_NOT_ALLOWED');
      expect(res.body.details[0]).toMatchObject({ field: 'permissions', code: 'not_allowed' });
      expect(res.body.messageEn).toContain(permission);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM service_account WHERE name = '越权接口'`))[0].n).toBe(0);
      expect(await count('app_user')).toBe(users);
    });

    it.each([
      ['today', '2026-11-03'],
      ['the past', '2026-01-31'],
      ['beyond a year', '2027-11-04'],
    ])('should refuse an expiry of %s with 422 SERVICE_ACCOUNT_EXPIRY_OUT_OF_RANGE', async (_what, expiresOn) => {
      const res = await create(feedBody({ name: '到期日有误的接口', expiresOn })).expect(422);
      expect(res.body.code).toBe('SERVICE_ACCOUNT_EXPIRY_OUT_OF_RANGE');
      expect(res.body.details[0].field).toBe('expiresOn');
    });

    it('should answer 400 naming the field for a missing expiry, an unknown permission, no units and unknown fields', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...feedBody(), expiresOn: undefined }, 'expiresOn'],
        [feedBody({ expiresOn: '2027-02-30x' }), 'expiresOn'],
        [feedBody({ permissions: ['reports.fly'] }), 'permissions'],
        [feedBody({ unitIds: [] }), 'unitIds'],
        [feedBody({ userId: users.admin }), 'userId'],
      ];
      for (const [body, field] of cases) {
        const res = await create(body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const res = await create(feedBody({ name: '不存在单位的接口', unitIds: [999999] })).expect(422);
      expect(res.body.details[0].field).toBe('unitIds');
    });
  });

  describe('a service account feeds a month', () => {
    let apiKey: string;
    let accountId: number;
    let reportId: number;

    beforeAll(async () => {
      const res = await create(feedBody()).expect(201);
      apiKey = res.body.apiKey;
      accountId = res.body.account.id;
    });

    it("should create, fill and submit 城关镇's October report with the key, and the report shows its figures and name", async () => {
      const created = await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', key(apiKey))
        .send({ unitId: units.T01, month: '2026-10' })
        .expect(201);
      reportId = created.body.id;
      const saved = await t.http
        .put(`/api/v1/reports/${reportId}`)
        .set('Authorization', key(apiKey))
        .send({
          version: created.body.version,
          values: [
            { indicatorId: ind.XSLS, value: '12' },
            { indicatorId: ind.DWZJ, value: '3456.7800' },
            { indicatorId: ind.WCPC, value: '3' },
          ],
          progressText: '县统计局联网直报：城关镇10月到位资金3456.78万元。',
        })
        .expect(200);
      await t.http
        .post(`/api/v1/reports/${reportId}/submit`)
        .set('Authorization', key(apiKey))
        .send({ version: saved.body.version })
        .expect(200);

      // the business administrator sees the figures, submitted by the account, and may approve them
      const report = await t.http.get(`/api/v1/reports/${reportId}`).set('Authorization', auth.admin!).expect(200);
      expect(report.body.status).toBe('submitted');
      expect(report.body.values).toEqual(
        expect.arrayContaining([
          { indicatorId: ind.XSLS, value: '12' },
          { indicatorId: ind.DWZJ, value: '3456.78' },
          { indicatorId: ind.WCPC, value: '3' },
        ]),
      );
      expect(JSON.stringify(report.body.history)).toContain(FEED_NAME);
      const [row] = await t.dataSource.query(
        `SELECT r.submitted_by, s.id AS account FROM monthly_report r JOIN service_account s ON s.user_id = r.submitted_by WHERE r.id = $1`,
        [reportId],
      );
      expect(row.account).toBe(accountId);
      await t.http
        .post(`/api/v1/reports/${reportId}/approve`)
        .set('Authorization', auth.admin!)
        .send({ version: report.body.version })
        .expect(200);
    });

    it('should show the auditor every write of the account under its name, one service_account.use event per write request', async () => {
      const log = await t.http
        .get('/api/v1/audit?action=service_account.use&pageSize=100')
        .set('Authorization', auth.auditor!)
        .expect(200);
      const writes = log.body.items.filter((e: { detail: { method?: string } }) => e.detail?.method);
      expect(writes.map((e: { detail: { method: string } }) => e.detail.method).sort()).toEqual(['POST', 'POST', 'PUT']);
      for (const e of log.body.items) {
        expect(e).toMatchObject({ username: `service:${FEED_NAME}`, objectType: 'service_account', objectId: String(accountId) });
        expect(e.unitIds).toEqual([units.T01]);
      }
      // and the reports' own events name the account too
      const own = await t.dataSource.query(
        `SELECT DISTINCT action FROM audit_event WHERE username = $1 AND object_type = 'report' ORDER BY action`,
        [`service:${FEED_NAME}`],
      );
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(log.body)).not.toContain(apiKey.slice(11));
      const [{ last_used_at }] = await t.dataSource.query('SELECT last_used_at FROM service_account WHERE id = $1', [accountId]);
      expect(last_used_at).not.toBeNull();
    });

    it('should audit reads as one aggregated event per window with the number of reads, not one per request', async () => {
      const readEvents = async () =>
        t.dataSource.query(
          `SELECT detail FROM audit_event WHERE action = 'service_account.use' AND object_id = $1 AND detail ? 'reads' ORDER BY id`,
          [String(accountId)],
        );
      const before = await readEvents();
      for (let i = 0; i < 5; i++) {
        await t.http.get(`/api/v1/reports/${reportId}`).set('Authorization', key(apiKey)).expect(200);
      }
      const after = await readEvents();
      expect(after.length - before.length).toBe(1);
      expect(after.at(-1).detail).toMatchObject({ reads: 1, windowMinutes: 60 });
      // the window passes: the next read reports the ones in between
      await t.ownerDataSource.query(
        `UPDATE service_account SET reads_audited_at = now() - interval '61 minutes' WHERE id = $1`,
        [accountId],
      );
      await t.http.get(`/api/v1/reports/${reportId}`).set('Authorization', key(apiKey)).expect(200);
      expect((await readEvents()).at(-1).detail).toMatchObject({ reads: 5 });
    });

    it("should answer 404 for another unit's report and refuse to create one for another unit, writing nothing", async () => {
      const [{ id: other }] = await t.dataSource.query(
        `INSERT INTO monthly_report (plan_id, unit_id, month, progress_text) VALUES ($1, $2, '2026-10', '青山镇十月招商进展')
         RETURNING id`,
        [planId, units.T02],
      );
      const read = await t.http.get(`/api/v1/reports/${other}`).set('Authorization', key(apiKey));
      expect([403, 404]).toContain(read.status);
      expect(JSON.stringify(read.body)).not.toContain('青山镇十月');
      const put = await t.http
        .put(`/api/v1/reports/${other}`)
        .set('Authorization', key(apiKey))
        .send({ version: 1, values: [{ indicatorId: ind.XSLS, value: '99' }] });
      expect([403, 404]).toContain(put.status);
      const open = await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', key(apiKey))
        .send({ unitId: units.T02, month: '2026-09' });
      expect([403, 404]).toContain(open.status);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM report_value WHERE report_id = $1', [other])).toEqual([{ n: 0 }]);
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM monthly_report WHERE unit_id = $1 AND month = '2026-09'`, [units.T02]),
      ).toEqual([{ n: 0 }]);
    });

    it('should answer 403 to a route whose permission the account lacks, and to the person-only routes', async () => {
      const approve = await t.http
        .post(`/api/v1/reports/${reportId}/unlock`)
        .set('Authorization', key(apiKey))
        .send({ version: 1, reason: '接口尝试解锁' });
      expect({ status: approve.status, code: approve.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      for (const url of ['/api/v1/auth/me', '/api/v1/auth/mfa', '/api/v1/users', '/api/v1/service-accounts', '/api/v1/audit']) {
        const res = await t.http.get(url).set('Authorization', key(apiKey));
        expect({ url, status: res.status }).toEqual({ url, status: 403 });
      }
      const denied = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.denied' AND username = $1`,
        [`service:${FEED_NAME}`],
      );
      expect(denied[0].n).toBeGreaterThan(0);
    });

    it('should give a read-only key reads and 403 on a write', async () => {
      const res = await create(feedBody({ name: '驾驶舱只读接口', permissions: ['reports.read', 'progress.read'] })).expect(201);
      await t.http.get(`/api/v1/reports/${reportId}`).set('Authorization', key(res.body.apiKey)).expect(200);
      const put = await t.http
        .put(`/api/v1/reports/${reportId}`)
        .set('Authorization', key(res.body.apiKey))
        .send({ version: 1, values: [] });
      expect({ status: put.status, code: put.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    });

    it('should keep its backing account out of login and of the users the sysadmin manages', async () => {
      const [{ username, user_id }] = await t.dataSource.query(
        'SELECT u.username, s.user_id FROM service_account s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1',
        [accountId],
      );
      const login = await t.http.post('/api/v1/auth/login').send({ username, password: '!service-account' });
      expect({ status: login.status, code: login.body.code }).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
      const list = await t.http.get('/api/v1/users').set('Authorization', auth.sysadmin!).expect(200);
      expect(list.body.map((u: { id: number }) => u.id)).not.toContain(user_id);
      const patch = await t.http
        .patch(`/api/v1/users/${user_id}`)
        .set('Authorization', auth.sysadmin!)
        .send({ version: 1, isActive: true });
      expect(patch.status).toBe(404);
      // and the database itself refuses to make it a person who can sign in
      await expect(t.dataSource.query('UPDATE app_user SET is_active = true WHERE id = $1', [user_id])).rejects.toThrow(
        /app_user_service_account_no_login/,
      );
    });
  });

  it('should describe the API key in the OpenAPI document, and the sysadmin routes', async () => {
    const doc = await t.http.get('/api/docs-json').set('Authorization', auth.admin!).expect(200);
    expect(doc.body.components.securitySchemes['service-account']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'pk_…' });
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/service-accounts', '/api/v1/service-accounts/{id}/revoke']),
    );
  });

  describe('keys that are refused', () => {
    it('should answer 401 API_KEY_INVALID to an unknown or malformed key, audited as a failed login', async () => {
      for (const bad of [`pk_${'A'.repeat(43)}`, 'pk_short']) {
        const res = await t.http.get('/api/v1/plans').set('Authorization', key(bad));
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'API_KEY_INVALID' });
      }
      const events = await t.dataSource.query(
        `SELECT result, detail->>'reason' AS reason, detail->>'keyPrefix' AS prefix FROM audit_event
          WHERE action = 'auth.login' AND object_type = 'service_account' ORDER BY id`,
      );
      expect(events).toEqual([
        { result: 'failure', reason: 'unknown_api_key', prefix: 'pk_AAAAAAAA' },
        { result: 'failure', reason: 'unknown_api_key', prefix: 'pk_short' },
      ]);
    });

    it('should answer 401 API_KEY_EXPIRED once the expiry has passed', async () => {
      const res = await create(feedBody({ name: '已过期的接口' })).expect(201);
      await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-10`).set('Authorization', key(res.body.apiKey)).expect(200);
      await t.ownerDataSource.query(
        `UPDATE service_account SET created_at = now() - interval '30 days', expires_at = now() - interval '1 second' WHERE id = $1`,
        [res.body.account.id],
      );
      const refused = await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-10`).set('Authorization', key(res.body.apiKey));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'API_KEY_EXPIRED' });
      const list = await t.http.get('/api/v1/service-accounts').set('Authorization', auth.sysadmin!).expect(200);
      expect(list.body.items.find((a: { id: number }) => a.id === res.body.account.id).status).toBe('expired');
    });

    it('should answer 401 API_KEY_REVOKED from the request after the sysadmin revokes, and audit the revocation', async () => {
      const res = await create(feedBody({ name: '即将吊销的接口' })).expect(201);
      const id = res.body.account.id;
      await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-10`).set('Authorization', key(res.body.apiKey));
      const revoked = await t.http.post(`/api/v1/service-accounts/${id}/revoke`).set('Authorization', auth.sysadmin!).expect(200);
      expect(revoked.body).toMatchObject({ id, status: 'revoked', revokedBy: '系统管理员' });
      const refused = await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-10`).set('Authorization', key(res.body.apiKey));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'API_KEY_REVOKED' });
      const again = await t.http.post(`/api/v1/service-accounts/${id}/revoke`).set('Authorization', auth.sysadmin!).expect(409);
      expect(again.body.code).toBe('SERVICE_ACCOUNT_REVOKED');
      await t.http.post('/api/v1/service-accounts/999999/revoke').set('Authorization', auth.sysadmin!).expect(404);
      const audit = await t.dataSource.query(
        `SELECT username FROM audit_event WHERE action = 'service_account.revoke' AND object_id = $1`,
        [String(id)],
      );
      expect(audit).toEqual([{ username: 'sysadmin' }]);
    });

    it('should rotate: a new key replaces the old one, which stops in the same transaction', async () => {
      const old = await create(feedBody({ name: '政务数据共享交换接口' })).expect(201);
      const rotated = await create(feedBody({ name: '政务数据共享交换接口', replacesId: old.body.account.id })).expect(201);
      expect(rotated.body.apiKey).not.toBe(old.body.apiKey);
      await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-10`).set('Authorization', key(rotated.body.apiKey)).expect(200);
      const refused = await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-10`).set('Authorization', key(old.body.apiKey));
      expect(refused.body.code).toBe('API_KEY_REVOKED');
      // a second active account of the same name is refused
      const twin = await create(feedBody({ name: '政务数据共享交换接口' })).expect(409);
      expect(twin.body.details[0].field).toBe('name');
    });

    it('should make an address with too many bad keys wait (AUTH-3), a good key from it included', async () => {
      const good = await create(feedBody({ name: '限流测试接口' })).expect(201);
      let status = 0;
      for (let i = 0; i < 25 && status !== 429; i++) {
        status = (await t.http.get('/api/v1/plans').set('Authorization', key(`pk_${String(i).padStart(43, 'x')}`))).status;
      }
      expect(status).toBe(429);
      const refused = await t.http.get('/api/v1/plans').set('Authorization', key(good.body.apiKey));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
      // and a password login from that address waits too: one limit per source
      const login = await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'Kaohe#2026' });
      expect(login.status).toBe(429);
    });
  });
});
