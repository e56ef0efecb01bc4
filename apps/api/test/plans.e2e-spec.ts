import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

const fieldsOf = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);
const CURVE = ['0.05', '0.1', '0.2', '0.3', '0.4', '0.5', '0.58', '0.66', '0.75', '0.83', '0.92', '1'];

describe('plans and indicators (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let other: Record<string, number>;
  const auth: Record<string, string> = {};

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const planRow = async (id: number) =>
    (
      await t.dataSource.query(
        'SELECT name, status, version, yellow_band::text AS band, scoring FROM plan WHERE id = $1',
        [id],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    other = await insertUnits(t.dataSource, [
      { code: 'LINXIAN', name: '邻县', category: 'county' },
      { code: 'LX01', name: '邻县城南镇', category: 'town', parent: 'LINXIAN' },
    ]);
    await insertStandardUsers(t.dataSource, units);
    await insertUser(t.dataSource, { username: 'rep_lx01', roles: ['reporter'], unitIds: [other.LX01!] });
    for (const name of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'rep_lx01'])
      auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  describe('plans', () => {
    it('should create a plan with the defaults and audit it', async () => {
      const res = await t.http
        .post('/api/v1/plans')
        .set('Authorization', auth.admin!)
        .send({ year: 2025, rootUnitId: units.XIAN, name: '示范县2025年度招商引资目标责任考核' })
        .expect(201);
      expect(res.body).toMatchObject({
        year: 2025,
        rootUnitId: units.XIAN,
        rootUnitName: '示范县',
        status: 'draft',
        curve: null,
        reportDeadlineDay: 5,
        monthCloseDay: 10,
        yellowBand: '10',
        rankingGroups: [],
        displayDecimals: 2,
        countCredit: 'responsible',
        industryChains: [],
        scoring: { items: [] },
        publishedAt: null,
        version: 1,
      });
      const audit = await t.dataSource.query(
        `SELECT username, after->>'name' AS name FROM audit_event WHERE action = 'plan.create' AND object_id = $1`,
        [String(res.body.id)],
      );
      expect(audit).toEqual([{ username: 'admin', name: '示范县2025年度招商引资目标责任考核' }]);
    });

    it('should store a full configuration as given', async () => {
      const body = {
        year: 2026,
        rootUnitId: units.XIAN,
        name: '示范县2026年度招商引资目标责任考核',
        curve: CURVE,
        reportDeadlineDay: 6,
        monthCloseDay: 12,
        yellowBand: '15.5',
        rankingGroups: [
          { code: 'towns', name: '乡镇（街道）', categories: ['town'] },
          { code: 'others', name: '县直部门及园区', categories: ['department', 'park'] },
        ],
        displayDecimals: 1,
        countCredit: 'share',
        industryChains: ['新能源汽车', '低空经济'],
        scoring: {
          items: [
            {
              code: 'funds',
              name: '实际到位资金',
              method: 'completion',
              indicator: 'funds',
              weight: '30',
              cap: '1.2',
            },
            {
              code: 'rank',
              name: '签约名次',
              method: 'rank',
              indicator: 'signed_amount',
              weight: '10',
              step: '0.5',
              groups: ['towns'],
            },
          ],
          coefficient: '1',
          listSize: 3,
        },
      };
      const res = await t.http.post('/api/v1/plans').set('Authorization', auth.admin!).send(body).expect(201);
      expect(res.body).toMatchObject({ ...body, rootUnitName: '示范县', status: 'draft' });
      const stored = await t.http
        .get(`/api/v1/plans/${res.body.id}`)
        .set('Authorization', auth.leader!)
        .expect(200);
      expect(stored.body).toEqual(res.body);
    });

    it('should list plans newest year first, filter by year, and show a reporter only its own county’s', async () => {
      await insertPlan(t.dataSource, { year: 2026, rootUnitId: other.LINXIAN!, name: '邻县2026年度考核' });
      const all = await t.http.get('/api/v1/plans').set('Authorization', auth.leader!).expect(200);
      expect(
        all.body.items.map((p: { year: number; rootUnitName: string }) => `${p.year} ${p.rootUnitName}`),
      ).toEqual(['2026 示范县', '2026 邻县', '2025 示范县']);
      const y2025 = await t.http.get('/api/v1/plans?year=2025').set('Authorization', auth.admin!).expect(200);
      expect(y2025.body.items).toHaveLength(1);
      const mine = await t.http.get('/api/v1/plans').set('Authorization', auth.rep_t01!).expect(200);
      expect(mine.body.items.map((p: { rootUnitName: string }) => p.rootUnitName)).toEqual([
        '示范县',
        '示范县',
      ]);
      const lxPlan = all.body.items.find((p: { rootUnitName: string }) => p.rootUnitName === '邻县');
      await t.http.get(`/api/v1/plans/${lxPlan.id}`).set('Authorization', auth.rep_t01!).expect(404);
      await t.http
        .get(`/api/v1/plans/${lxPlan.id}/indicators`)
        .set('Authorization', auth.rep_t01!)
        .expect(404);
      await t.http.get(`/api/v1/plans/${lxPlan.id}`).set('Authorization', auth.rep_lx01!).expect(200);
      const bad = await t.http.get('/api/v1/plans?year=abc').set('Authorization', auth.admin!).expect(400);
      expect(fieldsOf(bad.body)).toContain('year');
      await t.http.get('/api/v1/plans').set('Authorization', auth.auditor!).expect(403);
      await t.http.get('/api/v1/plans/999999').set('Authorization', auth.admin!).expect(404);
    });

    it('should refuse a second plan of the same year and root unit with 409', async () => {
      const res = await t.http
        .post('/api/v1/plans')
        .set('Authorization', auth.admin!)
        .send({ year: 2026, rootUnitId: units.XIAN, name: '重复的计划' })
        .expect(409);
      expect(fieldsOf(res.body)).toEqual(['year']);
    });

    const base = { year: 2030, rootUnitId: 0, name: '示范县2030年度考核' };
    const badPlans: Array<[string, Record<string, unknown>, number, string]> = [
      ['year abc', { year: 'abc' }, 400, 'year'],
      ['year out of range', { year: 1999 }, 400, 'year'],
      ['missing name', { name: undefined }, 400, 'name'],
      ['curve of 11 values', { curve: CURVE.slice(1) }, 400, 'curve'],
      ['decreasing curve', { curve: ['0.1', '0.2', '0.3', '0.25', ...CURVE.slice(4)] }, 400, 'curve.3'],
      ['curve as numbers', { curve: CURVE.map(Number) }, 400, 'curve.0'],
      ['yellowBand -1', { yellowBand: '-1' }, 400, 'yellowBand'],
      ['yellowBand 101', { yellowBand: '101' }, 400, 'yellowBand'],
      ['yellowBand as a number', { yellowBand: 10 }, 400, 'yellowBand'],
      ['unknown field', { owner: 'admin' }, 400, 'owner'],
      ['status on create', { status: 'published' }, 400, 'status'],
      ['deadline day 0', { reportDeadlineDay: 0 }, 400, 'reportDeadlineDay'],
      ['deadline day null', { reportDeadlineDay: null }, 400, 'reportDeadlineDay'],
      ['count credit', { countCredit: 'half' }, 400, 'countCredit'],
      ['display decimals', { displayDecimals: 7 }, 400, 'displayDecimals'],
      ['duplicate chain', { industryChains: ['新能源汽车', '新能源汽车'] }, 400, 'industryChains.1'],
      [
        'category in two groups',
        {
          rankingGroups: [
            { code: 'a', name: '乡镇', categories: ['town'] },
            { code: 'b', name: '其他', categories: ['park', 'town'] },
          ],
        },
        400,
        'rankingGroups.1.categories.1',
      ],
      [
        'empty group',
        { rankingGroups: [{ code: 'a', name: '乡镇', categories: [] }] },
        400,
        'rankingGroups.0.categories',
      ],
      [
        'unknown scoring method',
        {
          scoring: {
            items: [
              { code: 'a', name: '甲', method: 'completion' },
              { code: 'b', name: '乙', method: 'rank' },
              { code: 'c', name: '丙', method: 'lottery' },
            ],
          },
        },
        400,
        'scoring.items.2.method',
      ],
      [
        'duplicate scoring code',
        {
          scoring: {
            items: [
              { code: 'a', name: '甲', method: 'bonus' },
              { code: 'a', name: '乙', method: 'bonus' },
            ],
          },
        },
        400,
        'scoring.items.1.code',
      ],
      [
        'scoring weight 0 (the engine validates every method)',
        {
          scoring: {
            items: [
              { code: 'funds', name: '实际到位资金', method: 'completion', indicator: 'funds', weight: '25' },
              {
                code: 'signed',
                name: '签约项目',
                method: 'completion',
                indicator: 'signed_amount',
                weight: '0',
              },
            ],
          },
        },
        400,
        'scoring.items.1.weight',
      ],
      [
        'scoring field typo',
        {
          scoring: {
            items: [
              { code: 'funds', name: '实际到位资金', method: 'completion', indicator: 'funds', wieght: '25' },
            ],
          },
        },
        400,
        'scoring.items.0.wieght',
      ],
      [
        'scoring group not in the plan',
        { scoring: { items: [{ code: 'a', name: '甲', method: 'bonus', groups: ['towns'] }] } },
        422,
        'scoring.items.0.groups.0',
      ],
      ['close before deadline', { reportDeadlineDay: 12, monthCloseDay: 10 }, 422, 'monthCloseDay'],
      ['unknown root unit', { rootUnitId: 999999 }, 422, 'rootUnitId'],
    ];

    it.each(badPlans)(
      'should refuse a plan with %s, naming the field, and write nothing',
      async (_label, patch, status, field) => {
        const before = await count('SELECT count(*) AS n FROM plan');
        const res = await t.http
          .post('/api/v1/plans')
          .set('Authorization', auth.admin!)
          .send({ ...base, rootUnitId: units.XIAN, ...patch })
          .expect(status);
        expect(fieldsOf(res.body)).toContain(field);
        expect(res.body.requestId).toBeTruthy();
        expect(await count('SELECT count(*) AS n FROM plan')).toBe(before);
      },
    );

    it('should refuse plan writes to leader, sysadmin and reporter and change nothing', async () => {
      const id = await insertPlan(t.dataSource, { year: 2031, rootUnitId: units.XIAN! });
      const before = await planRow(id);
      for (const who of ['leader', 'sysadmin', 'rep_t01', 'auditor']) {
        await t.http
          .post('/api/v1/plans')
          .set('Authorization', auth[who]!)
          .send({ ...base, rootUnitId: units.XIAN })
          .expect(403);
        await t.http
          .patch(`/api/v1/plans/${id}`)
          .set('Authorization', auth[who]!)
          .send({ version: 1, name: '篡改' })
          .expect(403);
      }
      expect(await planRow(id)).toEqual(before);
      expect(await count(`SELECT count(*) AS n FROM plan WHERE year = 2030`)).toBe(0);
    });

    it('should update settings with the version, audit before and after, and 409 a stale version', async () => {
      const id = await insertPlan(t.dataSource, { year: 2032, rootUnitId: units.XIAN! });
      const res = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, name: '示范县2032年度考核（修订）', yellowBand: '20', curve: CURVE })
        .expect(200);
      expect(res.body).toMatchObject({
        name: '示范县2032年度考核（修订）',
        yellowBand: '20',
        curve: CURVE,
        version: 2,
        status: 'draft',
      });
      const reset = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, curve: null })
        .expect(200);
      expect(reset.body).toMatchObject({ curve: null, yellowBand: '20', version: 3 });

      const stale = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, name: '迟到的修改' })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect(await planRow(id)).toMatchObject({ name: '示范县2032年度考核（修订）', version: 3 });

      const audit = await t.dataSource.query(
        `SELECT before->>'name' AS before, after->>'name' AS after, after->>'yellowBand' AS band
           FROM audit_event WHERE action = 'plan.update' AND object_id = $1 ORDER BY id`,
        [String(id)],
      );
      expect(audit[0]).toEqual({
        before: '示范县2026年度招商引资目标责任考核'.replace('2026', '2032'),
        after: '示范县2032年度考核（修订）',
        band: '20',
      });
      expect(audit).toHaveLength(2);
    });

    it('should let exactly one of parallel edits with the same version win', async () => {
      const id = await insertPlan(t.dataSource, { year: 2035, rootUnitId: units.XIAN! });
      const names = ['甲', '乙', '丙', '丁', '戊'].map((n) => `示范县2035年度考核（${n}稿）`);
      const answers = await Promise.all(
        names.map((name) =>
          t.http.patch(`/api/v1/plans/${id}`).set('Authorization', auth.admin!).send({ version: 1, name }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409]);
      const winner = answers.find((r) => r.status === 200)!;
      expect(await planRow(id)).toMatchObject({ name: winner.body.name, version: 2 });
    });

    it('should move status draft → published → closed only, stamp published_at, then refuse edits', async () => {
      const id = await insertPlan(t.dataSource, { year: 2033, rootUnitId: units.XIAN! });
      const skip = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, status: 'closed' })
        .expect(422);
      expect(fieldsOf(skip.body)).toEqual(['status']);
      const published = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, status: 'published' })
        .expect(200);
      expect(published.body.status).toBe('published');
      expect(Date.parse(published.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
      const back = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, status: 'draft' })
        .expect(422);
      expect(back.body.code).toBe('BUSINESS_RULE_VIOLATION');
      const closed = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, status: 'closed' })
        .expect(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        publishedAt: published.body.publishedAt,
        version: 3,
      });
      const edit = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 3, name: '关闭后修改' })
        .expect(422);
      expect(edit.body.details[0]).toMatchObject({ field: 'status', code: 'planClosed' });
      const indicator = await t.http
        .post(`/api/v1/plans/${id}/indicators`)
        .set('Authorization', auth.admin!)
        .send({ code: 'funds', name: '实际到位资金', measure: '亿元', kind: 'amount', source: 'reported' })
        .expect(422);
      expect(indicator.body.details[0].code).toBe('planClosed');
      expect(await planRow(id)).toMatchObject({ status: 'closed', version: 3 });
      expect(await count('SELECT count(*) AS n FROM indicator WHERE plan_id = $1', [id])).toBe(0);
    });

    it('should check scoring references against the plan’s indicators and groups once it has indicators', async () => {
      const id = await insertPlan(t.dataSource, { year: 2034, rootUnitId: units.XIAN! });
      await insertIndicators(t.dataSource, id);
      const scoring = {
        items: [
          {
            code: 'signing',
            name: '签约',
            method: 'composite',
            weight: '20',
            parts: [
              { indicator: 'signed_count', share: '0.5' },
              { indicator: 'signed_total', share: '0.5' },
            ],
          },
          { code: 'funds', name: '到位资金', method: 'completion', indicator: 'funds', weight: '25' },
        ],
      };
      const res = await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, scoring })
        .expect(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'scoring.items.0.parts.1.indicator', code: 'unknownIndicator' }),
      ]);
      scoring.items[0]!.parts![1]!.indicator = 'signed_amount';
      await t.http
        .patch(`/api/v1/plans/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, scoring })
        .expect(200);
      expect((await planRow(id)).scoring.items[0].parts[1].indicator).toBe('signed_amount');
    });
  });

  describe('indicators', () => {
    let planId: number;
    let ytdCalls: jest.SpyInstance;

    beforeAll(async () => {
      planId = await insertPlan(t.dataSource, {
        year: 2040,
        rootUnitId: units.XIAN!,
        industryChains: ['新能源汽车', '低空经济'],
      });
      // the summary itself is tested with the progress work; here: the real hook is called, inside the write
      ytdCalls = jest.spyOn(t.app.get(YtdSummaryService), 'refreshPlan');
    });

    const post = (body: Record<string, unknown>, who = 'admin') =>
      t.http.post(`/api/v1/plans/${planId}/indicators`).set('Authorization', auth[who]!).send(body);

    it('should create reported, ledger and formula indicators, audit them and refresh the YTD summary', async () => {
      ytdCalls.mockClear();
      const funds = await post({
        code: 'funds',
        name: '实际到位资金',
        measure: '亿元',
        kind: 'amount',
        source: 'reported',
        weight: '30',
        sortOrder: 40,
      }).expect(201);
      expect(funds.body).toMatchObject({
        planId,
        code: 'funds',
        measure: '亿元',
        kind: 'amount',
        source: 'reported',
        ledgerRule: null,
        formula: null,
        weight: '30',
        cap: null,
        isScored: true,
        isHeadline: false,
        sortOrder: 40,
        description: null,
        version: 1,
      });
      const big = await post({
        code: 'signed_10yi',
        name: '10亿元以上签约项目',
        measure: '个',
        kind: 'count',
        source: 'ledger',
        ledgerRule: {
          measure: 'count',
          event: 'signed',
          minAgreedWan: '100000',
          origins: ['in_province', 'out_of_province', 'overseas'],
          industryChains: ['新能源汽车'],
        },
        cap: '1.2',
        sortOrder: 10,
      }).expect(201);
      expect(big.body.ledgerRule).toEqual({
        measure: 'count',
        event: 'signed',
        minAgreedWan: '100000',
        origins: ['in_province', 'out_of_province', 'overseas'],
        industryChains: ['新能源汽车'],
      });
      expect(big.body.cap).toBe('1.2');
      await post({
        code: 'signed_count',
        name: '签约项目个数',
        measure: '个',
        kind: 'count',
        source: 'ledger',
        ledgerRule: { measure: 'count', event: 'signed' },
        sortOrder: 20,
      }).expect(201);
      await post({
        code: 'started_count',
        name: '新开工项目',
        measure: '个',
        kind: 'count',
        source: 'ledger',
        ledgerRule: { measure: 'count', event: 'started' },
        sortOrder: 30,
      }).expect(201);
      const rate = await post({
        code: 'start_rate',
        name: '开工率',
        measure: '%',
        kind: 'ratio',
        source: 'formula',
        formula: { kind: 'ratio', numerator: 'started_count', denominator: 'signed_count' },
        sortOrder: 50,
        isHeadline: true,
      }).expect(201);
      expect(rate.body.formula).toEqual({
        kind: 'ratio',
        numerator: 'started_count',
        denominator: 'signed_count',
      });
      expect(ytdCalls).toHaveBeenCalledTimes(5);
      expect(ytdCalls).toHaveBeenLastCalledWith(expect.anything(), planId);

      const list = await t.http
        .get(`/api/v1/plans/${planId}/indicators`)
        .set('Authorization', auth.rep_t01!)
        .expect(200);
      expect(list.body.planId).toBe(planId);
      expect(list.body.items.map((i: { code: string }) => i.code)).toEqual([
        'signed_10yi',
        'signed_count',
        'started_count',
        'funds',
        'start_rate',
      ]);
      const audit = await count(
        `SELECT count(*) AS n FROM audit_event WHERE action = 'indicator.create' AND after->>'planId' = $1`,
        [String(planId)],
      );
      expect(audit).toBe(5);
    });

    it('should answer a duplicate code with 409', async () => {
      const res = await post({
        code: 'funds',
        name: '到位资金',
        measure: '万元',
        kind: 'amount',
        source: 'reported',
      }).expect(409);
      expect(fieldsOf(res.body)).toEqual(['code']);
    });

    const good = { code: 'x_new', name: '新指标', measure: '个', kind: 'count', source: 'reported' };
    const badIndicators: Array<[string, Record<string, unknown>, number, string]> = [
      ['a bad code', { code: '1abc' }, 400, 'code'],
      ['an unknown kind', { kind: 'share' }, 400, 'kind'],
      ['an amount counted in 个', { kind: 'amount', measure: '个' }, 400, 'measure'],
      ['a ratio in 万元', { kind: 'ratio', measure: '万元' }, 400, 'measure'],
      ['a ledger source without rule', { source: 'ledger' }, 400, 'ledgerRule'],
      [
        'a rule on a reported indicator',
        { ledgerRule: { measure: 'count', event: 'signed' } },
        400,
        'ledgerRule',
      ],
      [
        'a rule with an unknown measure',
        { source: 'ledger', ledgerRule: { measure: 'average', event: 'signed' } },
        400,
        'ledgerRule.measure',
      ],
      [
        'a rule with an unknown origin',
        { source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', origins: ['mars'] } },
        400,
        'ledgerRule.origins.0',
      ],
      [
        'a rule with an unknown key',
        { source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', sql: '1=1' } },
        400,
        'ledgerRule.sql',
      ],
      [
        'a rule with a bad amount',
        { source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '1e309' } },
        400,
        'ledgerRule.minAgreedWan',
      ],
      [
        'an amount rule on a count',
        { source: 'ledger', ledgerRule: { measure: 'sum_agreed', event: 'signed' } },
        400,
        'ledgerRule.measure',
      ],
      [
        'a rule chain not in the plan',
        { source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', industryChains: ['生物医药'] } },
        422,
        'ledgerRule.industryChains.0',
      ],
      [
        'a formula on a count',
        { source: 'formula', formula: { kind: 'ratio', numerator: 'funds', denominator: 'signed_count' } },
        400,
        'kind',
      ],
      [
        'a formula with a missing code',
        {
          kind: 'ratio',
          measure: '%',
          source: 'formula',
          formula: { kind: 'ratio', numerator: 'started_count', denominator: 'no_such' },
        },
        422,
        'formula.denominator',
      ],
      [
        'a formula referring to itself',
        {
          kind: 'ratio',
          measure: '%',
          source: 'formula',
          formula: { kind: 'ratio', numerator: 'x_new', denominator: 'signed_count' },
        },
        422,
        'formula.numerator',
      ],
      [
        'weights not summing to 1',
        {
          kind: 'ratio',
          measure: '%',
          source: 'formula',
          formula: {
            kind: 'weighted',
            parts: [
              { numerator: 'signed_count', denominator: 'funds', weight: '0.5' },
              { numerator: 'started_count', denominator: 'funds', weight: '0.6' },
            ],
          },
        },
        400,
        'formula.parts',
      ],
      ['a weight of 5 decimals', { weight: '0.00001' }, 400, 'weight'],
      ['a cap of 0', { cap: '0' }, 400, 'cap'],
      ['an unknown field', { planId: 1 }, 400, 'planId'],
      ['a name too long', { name: '长'.repeat(101) }, 400, 'name'],
    ];

    it.each(badIndicators)(
      'should refuse %s, naming the field, and write nothing',
      async (_label, patch, status, field) => {
        const before = await count('SELECT count(*) AS n FROM indicator WHERE plan_id = $1', [planId]);
        const res = await post({ ...good, ...patch }).expect(status);
        expect(fieldsOf(res.body)).toContain(field);
        expect(await count('SELECT count(*) AS n FROM indicator WHERE plan_id = $1', [planId])).toBe(before);
      },
    );

    it('should update an indicator with its version, refresh YTD only when the rule changes, and 409 a stale version', async () => {
      const id = await codeToId('signed_10yi');
      ytdCalls.mockClear();
      const renamed = await t.http
        .patch(`/api/v1/indicators/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, name: '10亿元以上重大签约项目', weight: '12.5' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        name: '10亿元以上重大签约项目',
        weight: '12.5',
        version: 2,
        ledgerRule: { minAgreedWan: '100000' },
      });
      expect(ytdCalls).not.toHaveBeenCalled();
      const rule = { measure: 'count', event: 'signed', minAgreedWan: '500000', fortune500: true };
      const changed = await t.http
        .patch(`/api/v1/indicators/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, ledgerRule: rule })
        .expect(200);
      expect(changed.body.ledgerRule).toEqual(rule);
      expect(ytdCalls).toHaveBeenCalledWith(expect.anything(), planId);

      const stale = await t.http
        .patch(`/api/v1/indicators/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, name: '旧版本' })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const stored = await t.dataSource.query(
        "SELECT name, version, ledger_rule->>'minAgreedWan' AS min FROM indicator WHERE id = $1",
        [id],
      );
      expect(stored).toEqual([{ name: '10亿元以上重大签约项目', version: 3, min: '500000' }]);
      const audit = await t.dataSource.query(
        `SELECT before->'ledgerRule'->>'minAgreedWan' AS before, after->'ledgerRule'->>'minAgreedWan' AS after
           FROM audit_event WHERE action = 'indicator.update' AND object_id = $1 ORDER BY id`,
        [String(id)],
      );
      expect(audit).toEqual([
        { before: '100000', after: '100000' },
        { before: '100000', after: '500000' },
      ]);
    });

    it('should refuse a formula change that closes a cycle, and a rule on a formula indicator', async () => {
      // share_rate = start_rate / signed_count; then start_rate = share_rate / signed_count would loop
      await post({
        code: 'share_rate',
        name: '开工率占比',
        measure: '%',
        kind: 'ratio',
        source: 'formula',
        formula: { kind: 'ratio', numerator: 'start_rate', denominator: 'signed_count' },
      }).expect(201);
      const startRate = await codeToId('start_rate');
      const cycle = await t.http
        .patch(`/api/v1/indicators/${startRate}`)
        .set('Authorization', auth.admin!)
        .send({
          version: 1,
          formula: { kind: 'ratio', numerator: 'share_rate', denominator: 'signed_count' },
        })
        .expect(422);
      expect(cycle.body.details).toEqual([expect.objectContaining({ field: 'formula', code: 'cycle' })]);
      expect(cycle.body.details[0].message).toContain('start_rate → share_rate → start_rate');
      const self = await t.http
        .patch(`/api/v1/indicators/${startRate}`)
        .set('Authorization', auth.admin!)
        .send({
          version: 1,
          formula: { kind: 'ratio', numerator: 'start_rate', denominator: 'signed_count' },
        })
        .expect(422);
      expect(fieldsOf(self.body)).toEqual(['formula.numerator']);
      const rule = await t.http
        .patch(`/api/v1/indicators/${startRate}`)
        .set('Authorization', auth.admin!)
        .send({ version: 1, ledgerRule: { measure: 'count', event: 'signed' } })
        .expect(400);
      expect(fieldsOf(rule.body)).toEqual(['ledgerRule']);
      const stored = await t.dataSource.query(
        `SELECT formula->>'numerator' AS n, version FROM indicator WHERE id = $1`,
        [startRate],
      );
      expect(stored).toEqual([{ n: 'started_count', version: 1 }]);
    });

    it('should refuse removing an industry chain that a rule uses', async () => {
      await post({
        code: 'nev_signed',
        name: '新能源汽车产业链签约项目',
        measure: '个',
        kind: 'count',
        source: 'ledger',
        ledgerRule: { measure: 'count', event: 'signed', industryChains: ['新能源汽车'] },
      }).expect(201);
      const version = (await planRow(planId)).version;
      const res = await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({ version, industryChains: ['低空经济'] })
        .expect(422);
      expect(res.body.details[0]).toMatchObject({ field: 'industryChains', code: 'chainInUse' });
      expect(res.body.details[0].message).toContain('nev_signed');
      expect(
        (await t.dataSource.query('SELECT industry_chains FROM plan WHERE id = $1', [planId]))[0]
          .industry_chains,
      ).toEqual(['新能源汽车', '低空经济']);
    });

    it('should refuse indicator writes to leader, sysadmin and reporter and change nothing', async () => {
      const id = await codeToId('funds');
      for (const who of ['leader', 'sysadmin', 'rep_t01', 'auditor']) {
        await post(good, who).expect(403);
        await t.http
          .patch(`/api/v1/indicators/${id}`)
          .set('Authorization', auth[who]!)
          .send({ version: 1, name: '篡改' })
          .expect(403);
      }
      expect(await count(`SELECT count(*) AS n FROM indicator WHERE code = 'x_new'`)).toBe(0);
      expect(
        (await t.dataSource.query('SELECT name, version FROM indicator WHERE id = $1', [id]))[0],
      ).toEqual({ name: '实际到位资金', version: 1 });
      await t.http
        .patch('/api/v1/indicators/999999')
        .set('Authorization', auth.admin!)
        .send({ version: 1 })
        .expect(404);
      await t.http
        .post('/api/v1/plans/999999/indicators')
        .set('Authorization', auth.admin!)
        .send(good)
        .expect(404);
    });

    async function codeToId(code: string): Promise<number> {
      return (
        await t.dataSource.query('SELECT id FROM indicator WHERE plan_id = $1 AND code = $2', [planId, code])
      )[0].id;
    }
  });
});
