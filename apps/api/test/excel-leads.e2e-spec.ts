import type { Workbook } from 'exceljs';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { creditCode } from './factories/project.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

type Who = 'admin' | 'rep_t01' | 'leader';
// 2026-06-15 12:00 in Asia/Shanghai
const clock = { now: () => new Date('2026-06-15T04:00:00Z') };
const utc = (d: string) => new Date(`${d}T00:00:00Z`);

describe('excel: 线索 template, import (preview → commit, all or nothing) and export (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  const auth = {} as Record<Who, string>;
  const n = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].n as number;
  const commit = (id: string, who: Who = 'admin') => t.http.post(`/api/v1/imports/${id}/commit`).set('Authorization', auth[who]);
  const template = async (who: Who = 'admin'): Promise<Workbook> => {
    const res = await download(t.http, auth[who], `/templates/leads.xlsx?planId=${planId}`);
    expect(res.status).toBe(200);
    return readXlsx(res.body);
  };
  const GOOD = [
    ['城关镇', '恒瑞新材料锂电隔膜项目', '江苏恒瑞新材料科技有限公司', creditCode(17, '320500'), '王建国', '展会/推介会', 50000, utc('2026-05-20'), '邀请企业来县考察', utc('2026-06-30'), '展会上对接'],
    ['城关镇', '预制菜中央厨房项目', '浙江绿源食品集团有限公司', null, '李娜', '外出招商', null, null, null, null, null],
    ['青山镇', '山地户外运动营地项目', '乐途户外运动有限公司', null, '王海峰', '以商招商', 9000, utc('2026-06-01'), null, null, null],
  ];

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, status: 'published' });
    await insertIndicators(t.dataSource, planId);
    for (const who of ['admin', 'rep_t01', 'leader'] as const) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should offer a template with the caller’s units and the sources as lists (a reporter: its own units only)', async () => {
    const wb = await template();
    expect(wb.worksheets.map((s) => s.name)).toEqual(['填写说明', '线索', '代码表']);
    expect((wb.getWorksheet('线索')!.getRow(1).values as unknown[]).slice(1, 7)).toEqual([
      '所属单位',
      '线索名称',
      '企业名称',
      '统一社会信用代码',
      '负责人',
      '线索来源',
    ]);
    const codes = wb.getWorksheet('代码表')!;
    expect(codes.getColumn(2).values.slice(2)).toEqual(['外出招商', '来访', '展会/推介会', '以商招商', '中介', '线上', '其他']);
    const mine = await template('rep_t01');
    expect(mine.getWorksheet('代码表')!.getColumn(1).values.slice(2)).toEqual(['城关镇']);
    expect((await download(t.http, auth.leader, `/templates/leads.xlsx?planId=${planId}`)).status).toBe(403);
  });

  it('should list every problem with its cell and write nothing, then create every row at once', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('线索')!;
    for (const row of GOOD) sheet.addRow(row);
    sheet.addRow(['不存在镇', '某项目', '某公司', null, '张三', '外出招商']);
    sheet.addRow(['城关镇', '坏代码项目', '某公司', '91320500000000017X', '张三', '来访', -5, utc('2026-07-01')]);
    sheet.addRow(['城关镇', '缺下一步项目', '某公司', null, null, '飞鸽传书', null, null, null, utc('2026-07-01')]);
    const bad = await upload(t.http, auth.admin, 'leads', await toXlsx(wb), { planId }, '线索.xlsx');
    expect(bad.status).toBe(200);
    const cells = bad.body.problems.map((p: { column: string; row: number }) => `${p.column}${p.row}`);
    expect(cells).toEqual(expect.arrayContaining(['A5', 'D6', 'G6', 'H6', 'E7', 'F7', 'I7']));
    const refused = await commit(bad.body.id);
    expect(refused.status).toBe(422);
    expect(await n('SELECT count(*)::int AS n FROM lead')).toBe(0);

    const good = await template();
    for (const row of GOOD) good.getWorksheet('线索')!.addRow(row);
    const preview = await upload(t.http, auth.admin, 'leads', await toXlsx(good), { planId }, '线索.xlsx');
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.summary).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await n('SELECT count(*)::int AS n FROM lead')).toBe(0);
    const done = await commit(preview.body.id);
    expect(done.status).toBe(200);
    const leads = await t.dataSource.query(
      `SELECT l.title, u.name AS unit, i.name AS investor, i.credit_code AS code, l.owner_name AS owner, l.source, l.status,
              trim_scale(l.intended_investment_wan)::text AS amount, to_char(l.found_on, 'YYYY-MM-DD') AS found,
              l.next_step AS step, to_char(l.next_step_due, 'YYYY-MM-DD') AS due
         FROM lead l JOIN unit u ON u.id = l.unit_id JOIN investor i ON i.id = l.investor_id ORDER BY l.id`,
    );
    expect(leads).toEqual([
      { title: '恒瑞新材料锂电隔膜项目', unit: '城关镇', investor: '江苏恒瑞新材料科技有限公司', code: creditCode(17, '320500'), owner: '王建国', source: 'expo', status: 'new', amount: '50000', found: '2026-05-20', step: '邀请企业来县考察', due: '2026-06-30' },
      { title: '预制菜中央厨房项目', unit: '城关镇', investor: '浙江绿源食品集团有限公司', code: null, owner: '李娜', source: 'outbound', status: 'new', amount: null, found: '2026-06-15', step: null, due: null },
      { title: '山地户外运动营地项目', unit: '青山镇', investor: '乐途户外运动有限公司', code: null, owner: '王海峰', source: 'business_referral', status: 'new', amount: '9000', found: '2026-06-01', step: null, due: null },
    ]);
    // one audit row per lead, naming the batch and the row; each lead's trail starts at 新线索
    expect(await n(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'lead.create' AND detail->>'importBatchId' = $1`, [preview.body.id])).toBe(3);
    expect(await n(`SELECT count(*)::int AS n FROM lead_status_change WHERE to_status = 'new'`)).toBe(3);
  });

  it('should leave known rows unchanged when an edited sheet comes back, and refuse a reporter another unit’s row', async () => {
    const wb = await template('rep_t01');
    const sheet = wb.getWorksheet('线索')!;
    sheet.addRow(GOOD[0]!);
    sheet.addRow(['城关镇', '城关镇冷链物流中心项目', '鲜达冷链食品有限公司', null, '李娜', '来访']);
    const preview = await upload(t.http, auth.rep_t01, 'leads', await toXlsx(wb), { planId });
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.summary).toEqual({ rows: 2, created: 1, unchanged: 1, updated: 0 });
    expect((await commit(preview.body.id, 'rep_t01')).status).toBe(200);
    expect(await n('SELECT count(*)::int AS n FROM lead')).toBe(4);
    const theirs = await template('rep_t01');
    theirs.getWorksheet('线索')!.addRow(GOOD[2]!);
    const refused = await upload(t.http, auth.rep_t01, 'leads', await toXlsx(theirs), { planId });
    expect(refused.body.problems.map((p: { column: string; row: number }) => `${p.column}${p.row}`)).toEqual(['A2']);
  });

  it('should export the list with its filters in the template’s columns (audited), a reporter its own units', async () => {
    const res = await download(t.http, auth.admin, `/exports/leads.xlsx?planId=${planId}&source=expo`);
    expect(res.status).toBe(200);
    const sheet = (await readXlsx(res.body)).getWorksheet('线索')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('恒瑞新材料锂电隔膜项目');
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    const mine = await readXlsx((await download(t.http, auth.rep_t01, `/exports/leads.xlsx?planId=${planId}`)).body);
    const units = new Set<unknown>();
    mine.getWorksheet('线索')!.eachRow((row, i) => i > 1 && units.add(row.getCell(1).value));
    expect([...units]).toEqual(['城关镇']);
    expect(await n(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'export.leads'`)).toBe(2);
  });
});
