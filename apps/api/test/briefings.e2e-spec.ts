import { Dec } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  type BriefingCounty,
  insertBriefingCounty,
  insertRiverCounty,
  RIVER_TOWNS,
} from './factories/briefing.factory';
import { bearer } from './factories/user.factory';
import { readDocx } from './support/docx-reader';
import { download, readXlsx } from './support/xlsx-fixtures';

// mid-July 2026: June has ended (and is closed below), July has not
const clock = { now: () => new Date('2026-07-15T02:00:00Z') };
type Who = 'admin' | 'leader' | 'sysadmin' | 'auditor' | 'rep_t01';

interface Row {
  unitName: string;
  unitCode: string;
  group: string;
  total: string;
  rank: number;
  list: 'red' | 'black' | null;
  previousRank: number | null;
  movement: { kind: string; places: number };
  items: Array<{ code: string; points: string; isScored: boolean }>;
}
type ListEntry = { unitName: string; total: string };
interface Ranking {
  isFrozen: boolean;
  groups: Array<{ code: string; name: string; red: ListEntry[]; black: ListEntry[] }>;
  rows: Row[];
}

/** A promise the test resolves when it chooses. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const movement = (m: Row['movement']) =>
  m.kind === 'up' ? `↑${m.places}` : m.kind === 'down' ? `↓${m.places}` : m.kind === 'same' ? '—' : '新';
const score = (total: string) => new Dec(total).toFixed(2);

describe('briefings: the monthly 通报 (e2e)', () => {
  let t: TestApp;
  let c: BriefingCounty;
  const auth = {} as Record<Who, string>;
  const base = () => `/api/v1/plans/${c.planId}/months`;
  const generate = (month: string, who: Who = 'admin') =>
    t.http.post(`${base()}/${month}/briefing`).set('Authorization', auth[who]);
  const publish = (month: string, body: object, who: Who = 'admin') =>
    t.http.post(`${base()}/${month}/briefing/publish`).set('Authorization', auth[who]).send(body);
  const versions = async (month: string, who: Who = 'admin') =>
    (await t.http.get(`${base()}/${month}/briefings`).set('Authorization', auth[who]).expect(200)).body
      .items as Array<{
      version: number;
      status: string;
      generatedBy: string | null;
      publishedBy: string | null;
      isStale: boolean;
      docxBytes: number | null;
      summaryText: string;
    }>;
  const file = (month: string, ext: 'docx' | 'xlsx', who: Who = 'admin', query = '') =>
    download(t.http, auth[who], `/plans/${c.planId}/months/${month}/briefing.${ext}${query}`);
  const ranking = async (month: string): Promise<Ranking> =>
    (
      await t.http
        .get(`/api/v1/plans/${c.planId}/ranking?month=${month}`)
        .set('Authorization', auth.leader)
        .expect(200)
    ).body;
  const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    c = await insertBriefingCounty(t);
    for (const who of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01'] as Who[])
      auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should answer a close and finish the month-close job without waiting for the work after them', async () => {
    const hooks = t.app.get(MonthCloseHooks);
    // a listener after the draft that holds the queue of close work until the test lets it go
    const held = gate();
    let released = false;
    hooks.register(async (event) => {
      if (event.month !== '2026-03') return;
      await held.promise;
      released = true;
    });
    // an administrator closes March: the answer comes while the work after the close is held (else it would hang)
    await t.http.post(`${base()}/2026-03/close`).set('Authorization', auth.admin).send({}).expect(200);
    expect(await count(`SELECT count(*) AS n FROM ranking_snapshot WHERE month = '2026-03'`)).toBe(1);
    // 12 June: the job closes May (close day 10); its run is recorded though May's draft waits behind March's work
    const results = await t.app.get(MonthCloseJobsService).runCloseMonth(new Date('2026-06-12T02:00:00Z'));
    expect(results.map((r) => [r.period, r.status])).toEqual([['2026-05', 'done']]);
    expect(
      await count(
        `SELECT count(*) AS n FROM job_run
          WHERE job = 'rankings.close-month' AND period = '2026-05' AND finished_at IS NOT NULL`,
      ),
    ).toBe(1);
    expect(await versions('2026-05')).toEqual([]);
    expect(released).toBe(false);

    held.open();
    await hooks.idle();
    expect(released).toBe(true);
    expect(await versions('2026-03')).toEqual([
      expect.objectContaining({ version: 1, status: 'draft', generatedBy: 'admin' }),
    ]);
    const items = await versions('2026-05');
    expect(items).toEqual([
      expect.objectContaining({ version: 1, status: 'draft', generatedBy: null, isStale: false }),
    ]);
    expect(items[0]!.summaryText.startsWith('1—5月，全县实际到位资金')).toBe(true);
    const audit = await t.dataSource.query(
      `SELECT username, after->>'month' AS month, detail FROM audit_event
        WHERE action = 'briefing.generate' ORDER BY id`,
    );
    expect(audit).toEqual([
      { username: 'admin', month: '2026-03', detail: { trigger: 'month-close', supersededVersion: null } },
      { username: 'system', month: '2026-05', detail: { trigger: 'month-close', supersededVersion: null } },
    ]);
  });

  it('should draft the 通报 after POST …/close, whose answer is unchanged', async () => {
    const res = await t.http
      .post(`${base()}/2026-06/close`)
      .set('Authorization', auth.admin)
      .send({})
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['computedAt', 'isReclose', 'month', 'planId']);
    await t.app.get(MonthCloseHooks).idle();
    expect(await versions('2026-06')).toEqual([
      expect.objectContaining({ version: 1, status: 'draft', generatedBy: 'admin' }),
    ]);
  });

  it('should regenerate as version 2 from the snapshot: the .docx matches GET ranking of the month', async () => {
    const res = await generate('2026-06').expect(201);
    expect(res.body).toMatchObject({
      version: 2,
      status: 'draft',
      title: '关于6月份全县招商引资目标任务完成情况的通报',
    });
    expect((await versions('2026-06')).map((v) => [v.version, v.status, v.docxBytes === null])).toEqual([
      [2, 'draft', false],
      [1, 'superseded', true],
    ]);

    const got = await file('2026-06', 'docx');
    expect(got.status).toBe(200);
    expect(got.res.headers['content-type']).toContain('wordprocessingml');
    const doc = await readDocx(got.body);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([
        '示范县投资促进服务中心',
        '示招促〔2026〕6号',
        '关于6月份全县招商引资目标任务完成情况的通报',
        '2026年7月15日',
      ]),
    );
    // the county's frozen cells, as the scorecard reads them: 36亿 of 50亿 and 48.75亿 of 80亿 at 50% time progress
    const card = await t.http
      .get(`/api/v1/plans/${c.planId}/units/${c.u.XIAN}/scorecard?month=2026-06`)
      .set('Authorization', auth.leader)
      .expect(200);
    const cell = (code: string) => card.body.cells.find((x: { code: string }) => x.code === code);
    expect([cell('DWZJ').actual, cell('DWZJ').completion, cell('QYZTZ').actual]).toEqual([
      '360000',
      '0.72',
      '487500',
    ]);
    const summary =
      '1—6月，全县实际到位资金36.00亿元，完成年度目标的72.00%，高于序时进度22.00个百分点；' +
      '签约总投资48.75亿元，完成年度目标的60.94%，高于序时进度10.94个百分点。';
    expect(res.body.summaryText).toBe(summary);
    expect(doc.paragraphs).toContain(summary);

    const frozen = await ranking('2026-06');
    expect(frozen.isFrozen).toBe(true);
    const groupTables = doc.tables.filter((tb) => tb[0]!.join('|') === '名次|单位|得分|较上月');
    expect(groupTables).toHaveLength(frozen.groups.length);
    frozen.groups.forEach((g, i) => {
      expect(groupTables[i]!.slice(1)).toEqual(
        frozen.rows
          .filter((r) => r.group === g.code)
          .map((r) => [String(r.rank), r.unitName, score(r.total), movement(r.movement)]),
      );
    });
    // against the job-frozen May: somebody moved, so the movement column is not all 新
    expect(frozen.rows.some((r) => r.movement.kind !== 'new')).toBe(true);

    const lists = doc.tables.find((tb) => tb[0]!.join('|') === '考核分组|红榜|黑榜')!;
    const names = (es: ListEntry[]) =>
      es.map((e) => `${e.unitName}（${score(e.total)}分）`).join('\n') || '无';
    expect(lists.slice(1)).toEqual(frozen.groups.map((g) => [g.name, names(g.red), names(g.black)]));

    const headline = doc.tables.find((tb) => tb[0]![0] === '指标')!;
    expect(headline.slice(1)).toEqual([
      ['实际到位资金', '亿元', '50.00', '36.00', '72.00%', '+22.00', '绿灯'],
      ['签约总投资', '亿元', '80.00', '48.75', '60.94%', '+10.94', '绿灯'],
    ]);
    // red lights from the frozen matrix: 石桥镇 signed nothing of its 10亿
    const dashboard = await t.http
      .get(`/api/v1/plans/${c.planId}/dashboard?month=2026-06`)
      .set('Authorization', auth.leader)
      .expect(200);
    const unitName = new Map(
      dashboard.body.matrix.units.map((x: { unitId: number; unitName: string }) => [x.unitId, x.unitName]),
    );
    const redOf = (id: number) =>
      dashboard.body.matrix.cells
        .filter((x: { indicatorId: number; light: string }) => x.indicatorId === id && x.light === 'red')
        .map((x: { unitId: number }) => unitName.get(x.unitId));
    expect(redOf(c.ind.QYZTZ!)).toEqual(['石桥镇']);
    expect(doc.paragraphs).toContain(`签约总投资（1个）：石桥镇。`);
    expect(doc.paragraphs.some((p) => p.startsWith('实际到位资金（'))).toBe(redOf(c.ind.DWZJ!).length > 0);
    expect(doc.paragraphs).toContain('逾期报送6月份月报的单位：青山镇。');
    expect(doc.paragraphs).toContain('截至2026年7月15日，未报送6月份月报的单位：白云镇、石桥镇、县商务局。');
    // the trend and one bar chart per group, as PNG
    const pngs = Object.values(doc.media);
    expect(pngs).toHaveLength(1 + frozen.groups.length);
    for (const png of pngs) expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('should write the .xlsx appendix with numbers as numbers, matching GET ranking', async () => {
    const got = await file('2026-06', 'xlsx');
    expect(got.res.headers['content-type']).toContain('spreadsheetml');
    const book = await readXlsx(got.body);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '指标完成情况',
      '分类排名',
      '红黑榜',
      '月报报送情况',
    ]);
    const frozen = await ranking('2026-06');
    const groupName = new Map(frozen.groups.map((g) => [g.code, g.name]));
    const sheet = book.getWorksheet('分类排名')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const rows = frozen.rows.map((_, i) => sheet.getRow(i + 3).values as unknown[]);
    expect(rows.map((r) => r.slice(1, 9))).toEqual(
      frozen.rows.map((r) => [
        groupName.get(r.group),
        r.rank,
        r.unitName,
        r.unitCode,
        Number(r.total),
        r.previousRank ?? undefined,
        movement(r.movement),
        r.list === 'red' ? '红榜' : r.list === 'black' ? '黑榜' : undefined,
      ]),
    );
    expect(sheet.getRow(frozen.rows.length + 3).getCell(1).value).toBeNull();

    const figures = book.getWorksheet('指标完成情况')!;
    // two header rows as the paper tables (issue 14 point 4): the indicator merged over its five columns
    expect(figures.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
    const header = (n: number) => (figures.getRow(n).values as unknown[]).slice(1);
    expect(header(2)).toEqual([
      '单位名称',
      '单位编码',
      ...Array(5).fill('实际到位资金'),
      ...Array(5).fill('签约总投资'),
    ]);
    expect(header(3)).toEqual([
      '单位名称',
      '单位编码',
      ...['实际到位资金', '签约总投资'].flatMap(() => [
        '累计完成（亿元）',
        '年度目标（亿元）',
        '完成率',
        '超欠序时（百分点）',
        '亮灯',
      ]),
    ]);
    const merges = (figures.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(['A1:L1', 'A2:A3', 'B2:B3', 'C2:G2', 'H2:L2'].sort());
    expect(figures.getRow(4).values).toEqual([
      undefined,
      '示范县',
      'XIAN',
      36,
      50,
      0.72,
      22,
      '绿',
      48.75,
      80,
      0.609375,
      10.9375,
      '绿',
    ]);
    expect(figures.getCell('C4').numFmt).toBe('#,##0.00');
    const reports = book.getWorksheet('月报报送情况')!;
    const status = new Map<string, unknown[]>();
    reports.eachRow((row, n) => {
      if (n >= 3) status.set(String(row.getCell(1).value), [row.getCell(3).value, row.getCell(4).value]);
    });
    expect(status.get('青山镇')).toEqual(['已审核', '是']);
    expect(status.get('县商务局')).toEqual(['未建立', '否']);
  });

  it('should never name a 黑榜 unit among the first places, and state the lists\' rule (issue 14 point 1)', async () => {
    const doc = await readDocx((await file('2026-06', 'docx')).body);
    const frozen = await ranking('2026-06');
    const leads = doc.paragraphs.filter((p) => p.startsWith('本组共'));
    expect(leads).toHaveLength(frozen.groups.length);
    frozen.groups.forEach((g, i) => {
      const rows = frozen.rows.filter((r) => r.group === g.code);
      const named = [...leads[i]!.matchAll(/([^，、；（）]+)（[\d.]+分）/g)].map((m) => m[1]);
      expect(named.filter((n) => g.black.some((b) => b.unitName === n))).toEqual([]);
      expect(named.length).toBeGreaterThan(0);
      expect(named).toEqual(rows.slice(0, named.length).map((r) => r.unitName));
    });
    // 县直部门 has 2 units, one on each list: the sentence names the first only (today's main said 位列前二)
    const departments = frozen.rows.filter((r) => r.group === 'departments');
    expect(departments).toHaveLength(2);
    expect(leads[1]).toMatch(
      new RegExp(`^本组共2个单位参加排名，${departments[0]!.unitName}（${score(departments[0]!.total)}分）位列第一`),
    );
    expect(doc.paragraphs).toContain(
      '根据考核办法，各组综合得分前1名的单位列入红榜、后1名的单位列入黑榜，得分相同的一并列入，同一单位不同时列入红榜和黑榜；' +
        '参加排名的单位不足2个的组，红榜、黑榜各列该组单位数的一半（向下取整，仅1个单位的组不列红黑榜）。',
    );
  });

  it('should publish a draft and keep it when the month is generated again; downloads default to it', async () => {
    const res = await publish('2026-06', { version: 2 }).expect(200);
    expect(res.body).toMatchObject({ version: 2, status: 'published', publishedBy: 'admin' });
    const again = await publish('2026-06', { version: 2 }).expect(409);
    expect(again.body.details[0]).toMatchObject({ field: 'version', code: 'alreadyPublished' });
    expect((await publish('2026-06', { version: 1 }).expect(409)).body.details[0].code).toBe('superseded');
    await publish('2026-06', { version: 99 }).expect(404);
    for (const bad of [{}, { version: 0 }, { version: '2' }, { version: 2, force: true }]) {
      await publish('2026-06', bad).expect(400);
    }
    const published = (await file('2026-06', 'docx', 'admin', '?version=2')).body;

    await generate('2026-06').expect(201);
    expect((await versions('2026-06')).map((v) => [v.version, v.status])).toEqual([
      [3, 'draft'],
      [2, 'published'],
      [1, 'superseded'],
    ]);
    // the published version is untouched: same bytes, and what a download without ?version= gives
    expect((await file('2026-06', 'docx')).body.equals(published)).toBe(true);
    expect((await file('2026-06', 'docx', 'admin', '?version=3')).status).toBe(200);
    expect((await file('2026-06', 'docx', 'admin', '?version=1')).status).toBe(404);
    expect((await file('2026-06', 'docx', 'admin', '?version=abc')).status).toBe(400);

    const audit = await t.dataSource.query(
      `SELECT action, username, detail FROM audit_event WHERE action IN ('briefing.publish', 'export.briefing') ORDER BY id`,
    );
    expect(audit.filter((a: { action: string }) => a.action === 'briefing.publish')).toEqual([
      {
        action: 'briefing.publish',
        username: 'admin',
        detail: { planId: c.planId, month: '2026-06', version: 2 },
      },
    ]);
    expect(
      audit.filter((a: { action: string }) => a.action === 'export.briefing').at(-1).detail,
    ).toMatchObject({
      month: '2026-06',
      version: 3,
      format: 'docx',
      status: 'draft',
    });
  });

  it('should let reporters read the published 通报 only, leaders every version, and only admins write', async () => {
    expect((await versions('2026-06', 'rep_t01')).map((v) => v.version)).toEqual([2]);
    expect((await versions('2026-06', 'leader')).map((v) => v.version)).toEqual([3, 2, 1]);
    const mine = await file('2026-06', 'docx', 'rep_t01');
    expect(mine.status).toBe(200);
    expect(mine.body.equals((await file('2026-06', 'docx', 'admin', '?version=2')).body)).toBe(true);
    expect((await file('2026-06', 'docx', 'rep_t01', '?version=3')).status).toBe(404);
    expect((await file('2026-05', 'xlsx', 'rep_t01')).status).toBe(404);
    expect((await file('2026-06', 'xlsx', 'leader', '?version=3')).status).toBe(200);
    const before = await count('SELECT count(*) AS n FROM briefing');
    await generate('2026-06', 'rep_t01').expect(403);
    await generate('2026-06', 'leader').expect(403);
    await publish('2026-06', { version: 3 }, 'rep_t01').expect(403);
    await publish('2026-06', { version: 3 }, 'leader').expect(403);
    for (const who of ['sysadmin', 'auditor'] as Who[]) {
      await t.http.get(`${base()}/2026-06/briefings`).set('Authorization', auth[who]).expect(403);
      expect((await file('2026-06', 'docx', who)).status).toBe(403);
    }
    expect(await count('SELECT count(*) AS n FROM briefing')).toBe(before);
    expect((await versions('2026-06')).find((v) => v.version === 3)!.status).toBe('draft');
  });

  it('should refuse a month that is not closed (422) and bad months or plans, writing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM briefing');
    const open = await generate('2026-04').expect(422);
    expect(open.body.message).toBe('该月尚未关账，不能生成通报');
    expect(open.body.details[0]).toMatchObject({ field: 'month', code: 'monthNotClosed' });
    await generate('2026-07').expect(422);
    for (const month of ['2026-13', '2026-6', 'abc']) await generate(month).expect(400);
    expect((await generate('2025-06').expect(400)).body.details[0].field).toBe('month');
    await t.http
      .post(`/api/v1/plans/999999/months/2026-06/briefing`)
      .set('Authorization', auth.admin)
      .expect(404);
    expect((await file('2026-04', 'docx')).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM briefing')).toBe(before);
  });

  it('should mark earlier versions stale after a re-close, which drafts a new one', async () => {
    await t.http
      .post(`${base()}/2026-06/close`)
      .set('Authorization', auth.admin)
      .send({ reason: '县商务局6月月报补录后重新计算' })
      .expect(200);
    await t.app.get(MonthCloseHooks).idle();
    const items = await versions('2026-06');
    expect(items.map((v) => [v.version, v.status, v.isStale])).toEqual([
      [4, 'draft', false],
      [3, 'superseded', true],
      [2, 'published', true],
      [1, 'superseded', true],
    ]);
  });

  it('should chart and table the first 15 and last 10 of a group of 40 towns; the .xlsx keeps all 40', async () => {
    const river = await insertRiverCounty(t);
    const riverBase = `/api/v1/plans/${river.planId}/months/2026-06`;
    await t.http.post(`${riverBase}/close`).set('Authorization', auth.admin).send({}).expect(200);
    await t.app.get(MonthCloseHooks).idle();
    const frozen: Ranking = (
      await t.http
        .get(`/api/v1/plans/${river.planId}/ranking?month=2026-06`)
        .set('Authorization', auth.leader)
        .expect(200)
    ).body;
    expect(frozen.rows.map((r) => r.unitName)).toEqual(RIVER_TOWNS);
    const line = (r: Row) => [String(r.rank), r.unitName, score(r.total), movement(r.movement)];

    const doc = await readDocx(
      (await download(t.http, auth.admin, `/plans/${river.planId}/months/2026-06/briefing.docx`)).body,
    );
    const [groupTable, ...others] = doc.tables.filter((tb) => tb[0]!.join('|') === '名次|单位|得分|较上月');
    expect(others).toEqual([]);
    expect(groupTable!.slice(1)).toEqual([
      ...frozen.rows.slice(0, 15).map(line),
      ['……', '（略去15个单位）', '', ''],
      ...frozen.rows.slice(30).map(line),
    ]);
    expect(
      doc.paragraphs.find((p) =>
        p.startsWith(
          '本组共40个单位参加排名，河口镇（24.50分）、柳园镇（23.90分）、杏花镇（23.30分）位列前三',
        ),
      ),
    ).toMatch(
      /。因参加排名的单位较多，下表和下图仅列出前15名和后10名，各单位的名次和得分见附件“分类排名”表。$/,
    );
    expect(doc.paragraphs).toContain('图2  乡镇综合得分（前15名和后10名，本组共40个单位）');
    // the bars: 25 units and the gap, 22 px each + 44, drawn at twice the 640 px canvas (40 bars would be 1848 px)
    const sizes = Object.values(doc.media).map((png) => [png.readUInt32BE(16), png.readUInt32BE(20)]);
    expect(sizes).toEqual(expect.arrayContaining([[1280, 2 * (26 * 22 + 44)]]));
    expect(sizes).toHaveLength(2);
    // long lists of names: the first 30 and the count, the rest in the attachment
    expect(doc.paragraphs).toContain(
      `签约总投资（40个）：${RIVER_TOWNS.slice(0, 30).join('、')}等40个单位（名单见附件“指标完成情况”表）。`,
    );
    expect(doc.paragraphs).toContain(
      `截至2026年7月15日，未报送6月份月报的单位：${RIVER_TOWNS.slice(5, 35).join('、')}等35个单位（名单见附件“月报报送情况”表）。`,
    );

    const book = await readXlsx(
      (await download(t.http, auth.admin, `/plans/${river.planId}/months/2026-06/briefing.xlsx`)).body,
    );
    const ranking = book.getWorksheet('分类排名')!;
    expect(frozen.rows.map((_, i) => (ranking.getRow(i + 3).values as unknown[]).slice(1, 6))).toEqual(
      frozen.rows.map((r) => ['乡镇', r.rank, r.unitName, r.unitCode, Number(r.total)]),
    );
    expect(ranking.getRow(43).getCell(1).value).toBeNull();
    const figures = book.getWorksheet('指标完成情况')!;
    const names: unknown[] = [];
    figures.eachRow((row, n) => {
      if (n >= 4) names.push(row.getCell(1).value);
    });
    expect(names).toEqual(['大河县', ...RIVER_TOWNS]);
    const reports = book.getWorksheet('月报报送情况')!;
    expect(reports.rowCount).toBe(2 + 40);
  });

  it('should let application shutdown wait for the work after a close it answered', async () => {
    const replica = await createTestApp({
      overrides: [{ provide: Clock, useValue: clock }],
      databaseUrl: t.databaseUrl,
    });
    const hooks = replica.app.get(MonthCloseHooks);
    // the work is held until the shutdown has begun, then needs the database once more
    const held = gate();
    const shutdownHook = hooks.beforeApplicationShutdown.bind(hooks);
    jest.spyOn(hooks, 'beforeApplicationShutdown').mockImplementation(() => {
      held.open();
      return shutdownHook();
    });
    const events: string[] = [];
    hooks.register(async () => {
      await held.promise;
      await replica.dataSource.query('SELECT 1');
      events.push('work after the close done');
    });
    const token = await bearer(replica.http, 'admin');
    await replica.http.post(`${base()}/2026-02/close`).set('Authorization', token).send({}).expect(200);
    await replica.close();
    events.push('replica closed');
    expect(events).toEqual(['work after the close done', 'replica closed']);
    expect(await versions('2026-02')).toEqual([
      expect.objectContaining({ version: 1, status: 'draft', generatedBy: 'admin' }),
    ]);
  });

  it('should close the month even when a hook after the close fails, and still draft the 通报', async () => {
    t.app.get(MonthCloseHooks).register(async () => {
      throw new Error('webhook down');
    });
    await t.http.post(`${base()}/2026-04/close`).set('Authorization', auth.admin).send({}).expect(200);
    expect(await count(`SELECT count(*) AS n FROM ranking_snapshot WHERE month = '2026-04'`)).toBe(1);
    await t.app.get(MonthCloseHooks).idle();
    expect((await versions('2026-04')).map((v) => [v.version, v.status])).toEqual([[1, 'draft']]);
  });

  it('should add the 产业链 section only when the plan turns it on (issue 17), moving the last two sections on', async () => {
    const [chain] = await t.dataSource.query(`INSERT INTO industry_chain (name) VALUES ('新能源') RETURNING id`);
    await t.dataSource.query(`INSERT INTO chain_link (chain_id, segment, name) VALUES ($1, 'midstream', '储能系统')`, [chain.id]);
    const off = await readDocx((await file('2026-04', 'docx')).body);
    expect(off.paragraphs).toEqual(expect.arrayContaining(['四、需要关注的问题', '五、下步工作要求']));
    expect(off.paragraphs.join('')).not.toContain('产业链招商情况');

    const [plan] = await t.dataSource.query('SELECT version FROM plan WHERE id = $1', [c.planId]);
    await t.http
      .patch(`/api/v1/plans/${c.planId}`)
      .set('Authorization', auth.admin)
      .send({ version: plan.version, briefingChains: true })
      .expect(200);
    await generate('2026-04').expect(201);
    const on = await readDocx((await file('2026-04', 'docx')).body);
    expect(on.paragraphs).toEqual(
      expect.arrayContaining([
        '四、产业链招商情况',
        '新能源产业链：4月签约项目0个、协议投资0.00亿元，新开工0个，到位资金0.00亿元；1—4月累计签约0个、协议投资0.00亿元，新开工0个，到位资金0.00亿元；洽谈中线索0条。空白环节：储能系统。',
        '五、需要关注的问题',
        '六、下步工作要求',
      ]),
    );
    const book = await readXlsx((await file('2026-04', 'xlsx')).body);
    expect(book.worksheets.map((w) => w.name)).toContain('产业链');
    expect(book.getWorksheet('产业链')!.getRow(3).values).toEqual(expect.arrayContaining(['新能源', '储能系统']));
  });
});
