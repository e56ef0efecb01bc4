import { Dec } from '@pacer/shared';
import type { Worksheet } from 'exceljs';

import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { INVESTORS, insertProject } from './factories/project.factory';
import { insertTargets } from './factories/target.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, readXlsx } from './support/xlsx-fixtures';

type Who = 'admin' | 'leader' | 'rep_t01' | 'auditor';

/** Header (row 2) text → column number. */
function columns(sheet: Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  sheet.getRow(2).eachCell((cell, col) => map.set(String(cell.value), col));
  return map;
}

/** Data rows (from row 3) keyed by the first cell. */
function rowsByFirstCell(sheet: Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  sheet.eachRow((row, n) => {
    if (n >= 3) map.set(String(row.getCell(1).value), n);
  });
  return map;
}

describe('excel: exports of the table screens (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let ind: Record<string, number>;
  let planId: number;
  const auth = {} as Record<Who, string>;
  const get = (who: Who, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]);
  const xlsx = async (who: Who, path: string) => {
    const res = await download(t.http, auth[who], path);
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toContain('spreadsheetml');
    return readXlsx(res.body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, status: 'published' });
    ind = await insertIndicators(t.dataSource, planId);
    await insertTargets(t.dataSource, planId, [
      { unitId: units.XIAN!, indicatorId: ind.signed_amount!, value: '2000000' },
      { unitId: units.T01!, indicatorId: ind.signed_amount!, value: '1234567.8912' },
      { unitId: units.T01!, indicatorId: ind.signed_count!, value: '6' },
      { unitId: units.XIAN!, indicatorId: ind.start_rate!, value: '0.6' },
    ]);
    await insertProject(t.dataSource, {
      unitId: units.T01!,
      name: '新能源汽车零部件产业园',
      investorName: INVESTORS.byd.name,
      agreedInvestmentWan: '150000',
      signedDate: '2026-03-18',
      industryChain: '新能源汽车',
    });
    await insertProject(t.dataSource, {
      unitId: units.T02!,
      name: '青山镇绿色食品精深加工项目',
      investorName: INVESTORS.food.name,
      agreedInvestmentWan: '65000.5',
      signedDate: '2026-04-02',
      startedDate: '2026-05-10',
      stage: 'started',
      shares: [{ unitId: units.T01!, sharePct: '30' }],
    });
    await insertProject(t.dataSource, {
      unitId: units.P01!,
      name: '开发区智能装备产业园',
      agreedInvestmentWan: '80000',
    });
    await t.dataSource.transaction((m) => t.app.get(YtdSummaryService).refreshPlan(m, planId));
    for (const who of ['admin', 'leader', 'rep_t01', 'auditor'] as const)
      auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should export the targets as numbers in 亿元 with two decimals, a title row, a frozen header and a filter', async () => {
    const wb = await xlsx('leader', `/exports/targets.xlsx?planId=${planId}`);
    const sheet = wb.getWorksheet('目标任务')!;
    expect(String(sheet.getCell('A1').value)).toBe(
      '示范县2026年度招商引资目标责任考核 目标任务（金额单位：亿元）',
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:G2');
    const cols = columns(sheet);
    const rows = rowsByFirstCell(sheet);
    const amount = sheet.getRow(rows.get('城关镇')!).getCell(cols.get('签约总投资（亿元）')!);
    expect(amount.value).toBe(123.45678912);
    expect(amount.numFmt).toBe('#,##0.00');
    const api = await get('leader', `/plans/${planId}/targets`);
    for (const item of api.body.items as Array<{ unitId: number; indicatorId: number; value: string }>) {
      const unitName = SMALL_COUNTY.find((u) => units[u.code] === item.unitId)!.name;
      const header = [...cols.keys()].find((h) =>
        h.startsWith(
          Object.entries({
            signed_amount: '签约总投资',
            signed_count: '签约项目个数',
            start_rate: '开工率',
          }).find(([code]) => ind[code] === item.indicatorId)![1],
        ),
      )!;
      const cell = sheet.getRow(rows.get(unitName)!).getCell(cols.get(header)!);
      const expected =
        item.indicatorId === ind.signed_amount
          ? new Dec(item.value).div(10000).toNumber()
          : Number(item.value);
      expect({ unit: unitName, header, value: cell.value }).toEqual({
        unit: unitName,
        header,
        value: expected,
      });
    }
    expect(sheet.getRow(rows.get('示范县')!).getCell(cols.get('开工率（%）')!).numFmt).toBe('0.00%');
    expect(sheet.getRow(rows.get('城关镇')!).getCell(cols.get('签约项目个数（个）')!).value).toBe(6);
  });

  it('should export the progress exactly as GET /plans/:id/progress answers it', async () => {
    const wb = await xlsx('admin', `/exports/progress.xlsx?planId=${planId}&month=2026-06`);
    const sheet = wb.getWorksheet('目标完成进度')!;
    expect(String(sheet.getCell('A1').value)).toContain(
      '2026年6月目标完成进度（金额单位：亿元；序时进度 50.00%）',
    );
    const api = (await get('admin', `/plans/${planId}/progress?month=2026-06`)).body;
    const cols = columns(sheet);
    const rows = rowsByFirstCell(sheet);
    expect(rows.size).toBe(api.units.length);
    let checked = 0;
    for (const c of api.cells as Array<{
      unitId: number;
      indicatorId: number;
      actual: string;
      target: string | null;
      completion: string | null;
    }>) {
      const unit = api.units.find((u: { id: number }) => u.id === c.unitId);
      const indicator = api.indicators.find((i: { id: number }) => i.id === c.indicatorId);
      const row = sheet.getRow(rows.get(unit.name)!);
      const scale = (v: string) =>
        indicator.kind === 'amount' ? new Dec(v).div(10000).toNumber() : Number(v);
      const actualCell = row.getCell([...cols].find(([h]) => h.startsWith(`${indicator.name}·完成（`))![1]);
      expect(actualCell.value).toBe(scale(c.actual));
      const completion = row.getCell(cols.get(`${indicator.name}·完成率`)!);
      expect(completion.value).toBe(c.completion === null ? null : Number(c.completion));
      if (c.completion !== null) {
        expect(completion.numFmt).toBe('0.00%');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    const county = sheet.getRow(rows.get('示范县')!);
    expect(county.getCell([...cols].find(([h]) => h.startsWith('签约总投资·完成（'))![1]).value).toBe(
      21.50005,
    );
  });

  it('should export the ledger with the screen’s filters and a reporter’s scope', async () => {
    const all = await xlsx(
      'admin',
      `/exports/projects.xlsx?planId=${planId}&sort=agreedInvestmentWan&order=desc`,
    );
    const sheet = all.getWorksheet('项目台账')!;
    const cols = columns(sheet);
    const names = sheet.getColumn(cols.get('项目名称')!).values.slice(3);
    const api = await get('admin', `/projects?planId=${planId}&sort=agreedInvestmentWan&order=desc`);
    expect(names).toEqual(api.body.items.map((p: { name: string }) => p.name));
    const first = sheet.getRow(3);
    expect(first.getCell(cols.get('协议投资额（亿元）')!).value).toBe(15);
    expect(first.getCell(cols.get('协议投资额（亿元）')!).numFmt).toBe('#,##0.00');
    expect(first.getCell(cols.get('签约日期')!).value).toEqual(new Date('2026-03-18T00:00:00Z'));

    const started = await xlsx('admin', `/exports/projects.xlsx?planId=${planId}&stage=started`);
    expect(started.getWorksheet('项目台账')!.getColumn(2).values.slice(3)).toEqual([
      '青山镇绿色食品精深加工项目',
    ]);

    // 城关镇's reporter reads its own project and the one it shares, never the park's
    const mine = await xlsx('rep_t01', `/exports/projects.xlsx?planId=${planId}&sort=name&order=asc`);
    const mineNames = mine.getWorksheet('项目台账')!.getColumn(2).values.slice(3);
    const screen = await get('rep_t01', `/projects?planId=${planId}&sort=name&order=asc`);
    expect(mineNames).toEqual(screen.body.items.map((p: { name: string }) => p.name));
    expect(mineNames).toHaveLength(2);
    expect(mineNames).not.toContain('开发区智能装备产业园');
  });

  it('should export the month’s reports, audit every export, and keep the audit export to the auditor', async () => {
    const wb = await xlsx('admin', `/exports/reports.xlsx?planId=${planId}&month=2026-05`);
    const sheet = wb.getWorksheet('月报')!;
    expect(sheet.getColumn(3).values.slice(3)).toEqual(['未建立', '未建立', '未建立', '未建立', '未建立']);

    expect((await download(t.http, auth.admin, '/exports/audit.xlsx')).status).toBe(403);
    const audit = await xlsx('auditor', '/exports/audit.xlsx?action=export.targets');
    const rows = audit.getWorksheet('审计日志')!;
    expect(rows.getColumn(6).values.slice(3)).toEqual(['export.targets']);
    const kinds = await t.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE action LIKE 'export.%' GROUP BY action ORDER BY action`,
    );
    expect(kinds.map((k: { action: string }) => k.action)).toEqual([
      'export.audit',
      'export.progress',
      'export.projects',
      'export.reports',
      'export.targets',
    ]);
    const [event] = await t.dataSource.query(
      `SELECT detail FROM audit_event WHERE action = 'export.projects' ORDER BY id LIMIT 1`,
    );
    expect(event.detail.query).toMatchObject({ planId, sort: 'agreedInvestmentWan' });
  });

  it('should answer 400 naming the field for a bad month and 404 for a plan the caller cannot see', async () => {
    const bad = await get('admin', `/exports/progress.xlsx?planId=${planId}&month=2026-13`);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('month');
    expect((await get('admin', '/exports/targets.xlsx?planId=9999')).status).toBe(404);
    expect((await get('leader', `/exports/projects.xlsx?planId=${planId}&pageSize=abc`)).status).toBe(400);
  });
});
