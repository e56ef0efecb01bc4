import type { Response } from 'supertest';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { changedTables, tableChecksums } from './support/db-checksum';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

/** `{"a":{"a":…1…}}` nested `depth` deep, as raw JSON text (JSON.stringify would recurse as deep). */
function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
function deepArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

type Method = 'get' | 'post' | 'put' | 'patch';
interface HostileCase {
  name: string;
  method: Method;
  path: () => string;
  /** An object is sent as JSON; a string is sent as raw JSON text. */
  body?: () => object | string;
  who?: 'admin' | 'sysadmin' | 'rep_t01' | null;
  field: string;
  code: string;
}

/**
 * VAL-1 hostile input over real routes: each case is a 400 VALIDATION_FAILED naming the field, writes nothing (not even
 * an audit row), and the audit chain still verifies. Before the edge checks each of these answered 500.
 */
describe('hostile input (e2e, VAL-1, ERR-1)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  let planId: number;
  let projectId: number;
  let reportId: number;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    users = await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    projectId = (await t.dataSource.query(`SELECT id FROM project WHERE code = 'XM2026-0001'`))[0].id;
    reportId = (
      await t.dataSource.query(
        `INSERT INTO monthly_report (plan_id, unit_id, month, status) VALUES ($1, $2, '2026-06', 'draft') RETURNING id`,
        [planId, u.T01],
      )
    )[0].id;
    for (const name of ['admin', 'sysadmin', 'auditor', 'rep_t01']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  const cases: HostileCase[] = [
    // login: refused before the credentials are looked at, so no audit row is written (AUD-4)
    {
      name: 'a NUL in the login id',
      method: 'post',
      path: () => '/api/v1/auth/login',
      body: () => ({ username: 'admin\u0000', password: 'x' }),
      who: null,
      field: 'username',
      code: 'isWellFormedText',
    },
    {
      name: 'a lone high surrogate as the login id',
      method: 'post',
      path: () => '/api/v1/auth/login',
      body: () => ({ username: '\ud800', password: 'x' }),
      who: null,
      field: 'username',
      code: 'isWellFormedText',
    },
    {
      name: 'a lone low surrogate in the password',
      method: 'post',
      path: () => '/api/v1/auth/login',
      body: () => ({ username: 'admin', password: 'Kaohe\udc00' }),
      who: null,
      field: 'password',
      code: 'isWellFormedText',
    },
    {
      name: 'login JSON nested 5,000 deep',
      method: 'post',
      path: () => '/api/v1/auth/login',
      body: () => `{"username":"admin","password":${deepObject(5000)}}`,
      who: null,
      field: 'password',
      code: 'maxDepth',
    },
    // units and users
    {
      name: 'a NUL in a unit name',
      method: 'post',
      path: () => '/api/v1/units',
      body: () => ({ code: 'T05', name: '新港\u0000镇', category: 'town', parentId: u.XIAN }),
      who: 'sysadmin',
      field: 'name',
      code: 'isWellFormedText',
    },
    {
      name: 'a lone surrogate in a key of a unit body',
      method: 'post',
      path: () => '/api/v1/units',
      body: () => ({ code: 'T05', name: '新港镇', category: 'town', ['\ud800x']: 1 }),
      who: 'sysadmin',
      field: '\\ud800x',
      code: 'isWellFormedText',
    },
    {
      name: 'version 2^31 on PATCH /units/:id',
      method: 'patch',
      path: () => `/api/v1/units/${u.T01}`,
      body: () => ({ version: 2 ** 31, name: '城关街道' }),
      who: 'sysadmin',
      field: 'version',
      code: 'max',
    },
    {
      name: 'a unit body nested 5,000 deep',
      method: 'patch',
      path: () => `/api/v1/units/${u.T01}`,
      body: () => `{"version":1,"name":${deepArray(5000)}}`,
      who: 'sysadmin',
      field: 'name',
      code: 'maxDepth',
    },
    {
      name: 'version 2^31 on PATCH /users/:id',
      method: 'patch',
      path: () => `/api/v1/users/${users.leader}`,
      body: () => ({ version: 2 ** 31, displayName: '县委副书记' }),
      who: 'sysadmin',
      field: 'version',
      code: 'max',
    },
    {
      name: 'a unit id 2^31 in a user’s units',
      method: 'patch',
      path: () => `/api/v1/users/${users.reporterT01}`,
      body: () => ({ version: 1, unitIds: [2 ** 31] }),
      who: 'sysadmin',
      field: 'unitIds',
      code: 'max',
    },
    // reports, targets, scoring entries
    {
      name: 'a NUL in a report’s progress text',
      method: 'put',
      path: () => `/api/v1/reports/${reportId}`,
      body: () => ({ version: 1, values: [], progressText: '本月新接洽客商\u000012批次' }),
      who: 'rep_t01',
      field: 'progressText',
      code: 'isWellFormedText',
    },
    {
      name: 'a report body nested 5,000 deep',
      method: 'put',
      path: () => `/api/v1/reports/${reportId}`,
      body: () => `{"version":1,"values":${deepArray(5000)}}`,
      who: 'rep_t01',
      field: 'values',
      code: 'maxDepth',
    },
    {
      name: 'a target value nested 5,000 deep',
      method: 'put',
      path: () => `/api/v1/plans/${planId}/targets`,
      body: () => `[{"unitId":${u.T01},"indicatorId":1,"value":${deepObject(5000)}}]`,
      who: 'admin',
      field: '0.value',
      code: 'maxDepth',
    },
    {
      name: 'points: null on a scoring entry',
      method: 'post',
      path: () => `/api/v1/plans/${planId}/scoring-entries`,
      body: () => ({
        unitId: u.T01,
        itemCode: 'integrity',
        month: '2026-05',
        points: null,
        reason: '城关镇5月上报的项目资金经核查系虚报',
      }),
      who: 'admin',
      field: 'points',
      code: 'matches',
    },
    {
      name: 'a lone surrogate in a scoring entry’s reason',
      method: 'post',
      path: () => `/api/v1/plans/${planId}/scoring-entries`,
      body: () => ({
        unitId: u.T01,
        itemCode: 'integrity',
        month: '2026-05',
        points: '1',
        reason: '虚报\udfff',
      }),
      who: 'admin',
      field: 'reason',
      code: 'isWellFormedText',
    },
    // projects: far dates, NUL in a query and in a route param
    {
      name: '1900-01-01 as a project’s stage date',
      method: 'post',
      path: () => '/api/v1/projects',
      body: () => ({
        name: '年产5万吨食品加工项目',
        investorName: '福建盛丰食品有限公司',
        origin: 'out_of_province',
        agreedInvestmentWan: '50000',
        unitId: u.T01,
        stage: 'signed',
        stageDate: '1900-01-01',
      }),
      who: 'rep_t01',
      field: 'stageDate',
      code: 'isBusinessDate',
    },
    {
      name: '1900-01-01 as a project event date',
      method: 'post',
      path: () => `/api/v1/projects/${projectId}/events`,
      body: () => ({ stage: 'registered', date: '1900-01-01' }),
      who: 'rep_t01',
      field: 'date',
      code: 'isBusinessDate',
    },
    {
      name: '1900-01 as a project fund month',
      method: 'put',
      path: () => `/api/v1/projects/${projectId}/funds/1900-01`,
      body: () => ({ amountWan: '1000' }),
      who: 'rep_t01',
      field: 'month',
      code: 'isBusinessMonth',
    },
    {
      name: 'version 2^31 on PATCH /projects/:id',
      method: 'patch',
      path: () => `/api/v1/projects/${projectId}`,
      body: () => ({ version: 2 ** 31, name: '智能装备产业园项目' }),
      who: 'rep_t01',
      field: 'version',
      code: 'max',
    },
    {
      name: 'a NUL in a query string',
      method: 'get',
      path: () => '/api/v1/projects?q=%E7%94%B5%00%E6%B1%A0',
      who: 'rep_t01',
      field: 'q',
      code: 'isWellFormedText',
    },
    {
      name: 'a NUL in a route parameter',
      method: 'post',
      path: () => '/api/v1/imports/abc%00def/commit',
      who: 'rep_t01',
      field: 'id',
      code: 'isWellFormedText',
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))(
    'should refuse %s with a 400 naming the field',
    async (_, c) => {
      const before = await tableChecksums(t.dataSource);
      let req = t.http[c.method](c.path());
      const who = c.who === undefined ? 'admin' : c.who;
      if (who) req = req.set('Authorization', auth[who]!);
      const body = c.body?.();
      const res: Response =
        typeof body === 'string'
          ? await req.set('Content-Type', 'application/json').send(body)
          : await req.send(body);

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: c.field, code: c.code })]),
      );
      expect(res.body.message).toContain(c.field);
      expect(res.body.messageEn).toContain(c.field);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(JSON.stringify(res.body)).not.toMatch(/\\u0000|[\ud800-\udfff]|at .*\.(ts|js)|SELECT|INSERT/);
      // nothing written: no business row, no audit row
      expect(changedTables(before, await tableChecksums(t.dataSource))).toEqual({});
    },
  );

  it('should still verify the audit chain after every hostile request', async () => {
    const res = await t.http.get('/api/v1/audit/verify').set('Authorization', auth.auditor!).expect(200);
    expect(res.body.firstBrokenId ?? null).toBeNull();
    expect(res.body.checked).toBeGreaterThan(0);
    for (const value of Object.values(res.body)) if (Array.isArray(value)) expect(value).toEqual([]);
  });

  it('should keep a valid astral character (a surrogate pair) and log in as before', async () => {
    await t.http
      .post('/api/v1/units')
      .set('Authorization', auth.sysadmin!)
      .send({ code: 'T05', name: '𠮷祥镇', category: 'town', parentId: u.XIAN })
      .expect(201);
    const rows = await t.dataSource.query(`SELECT name FROM unit WHERE code = 'T05'`);
    expect(rows[0].name).toBe('𠮷祥镇');
    await bearer(t.http, 'admin');
  });

  it('should accept JSON 32 levels deep and refuse 33 (the limit is global)', async () => {
    const admin = auth.admin!;
    const ok = await t.http
      .put(`/api/v1/plans/${planId}/targets`)
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send(`[{"unitId":${u.T01},"indicatorId":1,"value":${deepArray(30)}}]`);
    expect(ok.body.details?.[0]?.code).not.toBe('maxDepth');
    const deep = await t.http
      .put(`/api/v1/plans/${planId}/targets`)
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send(`[{"unitId":${u.T01},"indicatorId":1,"value":${deepArray(32)}}]`)
      .expect(400);
    expect(deep.body.details[0]).toMatchObject({ code: 'maxDepth' });
  });

  describe("body-parser's refusals answer the error format (ERR-1)", () => {
    const parserCases: Array<{ name: string; status: number; code: string; send: () => Promise<Response> }> =
      [
        {
          name: 'broken JSON',
          status: 400,
          code: 'MALFORMED_JSON',
          send: () =>
            t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":'),
        },
        {
          name: 'a body over the limit',
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          send: () =>
            t.http
              .post('/api/v1/auth/login')
              .set('Content-Type', 'application/json')
              .send(JSON.stringify({ username: 'x'.repeat(1100 * 1024) })),
        },
        {
          name: 'an unsupported charset',
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          send: () =>
            t.http
              .post('/api/v1/auth/login')
              .set('Content-Type', 'application/json; charset=latin1')
              .send('{"username":"admin","password":"x"}'),
        },
        {
          name: 'an unsupported content encoding',
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          send: () =>
            t.http
              .post('/api/v1/auth/login')
              .set('Content-Type', 'application/json')
              .set('Content-Encoding', 'compress')
              .send('{"username":"admin","password":"x"}'),
        },
        {
          name: 'a gzip body that is not gzip',
          status: 400,
          code: 'VALIDATION_FAILED',
          send: () =>
            t.http
              .post('/api/v1/auth/login')
              .set('Content-Type', 'application/json')
              .set('Content-Encoding', 'gzip')
              .send('{"username":"admin","password":"x"}'),
        },
      ];

    it.each(parserCases.map((c) => [c.name, c] as const))('should answer %s', async (_, c) => {
      const before = await tableChecksums(t.dataSource);
      const res = await c.send();
      expect({ status: res.status, code: res.body.code }).toEqual({ status: c.status, code: c.code });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.messageEn).toMatch(/[a-z]/i);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'messageEn', 'requestId']);
      expect(changedTables(before, await tableChecksums(t.dataSource))).toEqual({});
    });
  });
});
