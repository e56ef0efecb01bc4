import type { Workbook, Worksheet } from 'exceljs';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { INVESTORS, insertProject } from './factories/project.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

type Who = 'admin' | 'rep_t01';
// 2026-06-15 12:00 in Asia/Shanghai
const clock = { now: () => new Date('2026-06-15T04:00:00Z') };
const utc = (d: string) => new Date(`${d}T00:00:00Z`);

/** Writes a ledger row (責任单位 … 联系人) at the first empty row; answers its row number. */
function addProject(sheet: Worksheet, values: Array<string | number | Date | null>): number {
  const row = sheet.addRow(values);
  return row.number;
}

describe('excel: project ledger and monthly figures import (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let existingId: number;
  const auth = {} as Record<Who, string>;
  const n = async (sql: string, params: unknown[] = []) =>
    (await t.dataSource.query(sql, params))[0].n as number;
  const commit = (id: string, who: Who = 'admin') =>
    t.http.post(`/api/v1/imports/${id}/commit`).set('Authorization', auth[who]);
  const template = async (kind: string, query: string, who: Who = 'admin'): Promise<Workbook> => {
    const res = await download(t.http, auth[who], `/templates/${kind}.xlsx?planId=${planId}${query}`);
    expect(res.status).toBe(200);
    return readXlsx(res.body);
  };
  const at = (problems: Array<{ row: number; column: string }>) => problems.map((p) => `${p.column}${p.row}`);

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, status: 'published' });
    await insertIndicators(t.dataSource, planId);
    existingId = await insertProject(t.dataSource, {
      unitId: units.T01!,
      name: '智能装备产业园一期',
      investorName: INVESTORS.robot.name,
      investorCreditCode: INVESTORS.robot.creditCode,
      industryChain: '新能源汽车',
      agreedInvestmentWan: '80000',
      signedDate: '2026-03-10',
    });
    await insertProject(t.dataSource, {
      unitId: units.T02!,
      name: '青山镇冷链物流中心',
      industryChain: '绿色食品加工',
    });
    for (const who of ['admin', 'rep_t01'] as const) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should offer a ledger template prefilled with the projects, with lists for units, stages, origins, chains and 500强', async () => {
    const wb = await template('projects', '');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['填写说明', '项目台账', '代码表']);
    const sheet = wb.getWorksheet('项目台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual([
      '责任单位',
      '项目名称',
      '投资方',
      '统一社会信用代码',
      '投资方来源',
      '产业链',
      '协议投资额（万元）',
    ]);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 8)).toEqual([
      '城关镇',
      '智能装备产业园一期',
      INVESTORS.robot.name,
      INVESTORS.robot.creditCode,
      '省外',
      '新能源汽车',
      80000,
    ]);
    expect(sheet.getCell('K2').value).toBe('签约');
    expect(sheet.getCell('L2').value).toEqual(utc('2026-03-10'));
    expect(sheet.getCell('L2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('K10').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['代码表!$B$2:$B$7'],
    });
    expect(sheet.getCell('E10').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['代码表!$C$2:$C$5'],
    });
    expect(sheet.getCell('F10').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['代码表!$D$2:$D$4'],
    });
    const codes = wb.getWorksheet('代码表')!;
    expect(codes.getColumn(2).values.slice(2)).toEqual(['线索', '洽谈', '签约', '开工', '投产', '终止']);
    expect(codes.getColumn(3).values.slice(2)).toEqual(['本市', '市外省内', '省外', '境外']);
    expect(codes.getColumn(4).values.slice(2)).toEqual(['新能源汽车', '低空经济', '绿色食品加工']);
    expect(codes.getColumn(5).values.slice(2)).toContain('世界500强');
    // a reporter's template holds its own units and projects only
    const mine = (await template('projects', '', 'rep_t01')).getWorksheet('项目台账')!;
    expect(mine.getColumn(2).values.slice(2)).toEqual(['智能装备产业园一期']);
  });

  let goodFile: Buffer;

  it('should create and update projects by natural key, with stage events, audit rows and the YTD summary refreshed', async () => {
    const wb = await template('projects', '');
    const sheet = wb.getWorksheet('项目台账')!;
    sheet.getCell('G2').value = 90000;
    sheet.getCell('M2').value = utc('2026-06-01');
    sheet.getCell('K2').value = '开工';
    addProject(sheet, [
      '城关镇',
      '新能源汽车零部件产业园',
      INVESTORS.byd.name,
      INVESTORS.byd.creditCode,
      '省外',
      '新能源汽车',
      120000,
      '中国民营企业500强',
      '是',
      '否',
      '签约',
      utc('2026-04-08'),
      null,
      null,
      null,
      null,
      '建设电驱动系统生产线',
      '王经理 13900000000',
    ]);
    addProject(sheet, [
      '青山镇',
      '低空经济无人机总装基地',
      '深圳翼飞航空科技有限公司',
      null,
      '省外',
      '低空经济',
      '65000.5',
      null,
      '否',
      '是',
      '开工',
      '2026-02-01',
      '2026/5/20',
      null,
      null,
      null,
      null,
      null,
    ]);
    goodFile = await toXlsx(wb);

    const preview = await upload(t.http, auth.admin, 'projects', goodFile, { planId }, '项目台账.xlsx');
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.summary).toEqual({ rows: 4, created: 2, updated: 1, unchanged: 1 });
    const events = await n('SELECT count(*)::int AS n FROM project_event');

    const done = await commit(preview.body.id);
    expect(done.body).toMatchObject({ isWritten: true, summary: { created: 2, updated: 1 } });
    const list = await t.http
      .get(`/api/v1/projects?planId=${planId}&pageSize=50`)
      .set('Authorization', auth.admin);
    expect(list.body.total).toBe(4);
    const byName = (name: string) => list.body.items.find((p: { name: string }) => p.name === name);
    expect(byName('新能源汽车零部件产业园')).toMatchObject({
      unitId: units.T01,
      origin: 'out_of_province',
      agreedInvestmentWan: '120000',
      fortune500Kind: 'china_private',
      isChainLeader: true,
      stage: 'signed',
      signedDate: '2026-04-08',
      shares: [{ unitId: units.T01, sharePct: '100' }],
    });
    expect(byName('低空经济无人机总装基地')).toMatchObject({
      stage: 'started',
      signedDate: '2026-02-01',
      startedDate: '2026-05-20',
      agreedInvestmentWan: '65000.5',
      isSpecialized: true,
    });
    expect(byName('智能装备产业园一期')).toMatchObject({
      id: existingId,
      agreedInvestmentWan: '90000',
      stage: 'started',
      signedDate: '2026-03-10',
      startedDate: '2026-06-01',
      version: 3,
    });
    // signed (1) + signed, started (2) + started on the existing one (1)
    expect(await n('SELECT count(*)::int AS n FROM project_event')).toBe(events + 4);
    const actions = await t.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE action LIKE 'project.%' OR action = 'import.commit' GROUP BY action ORDER BY action`,
    );
    expect(actions).toEqual([
      { action: 'import.commit', n: 1 },
      { action: 'project.create', n: 2 },
      { action: 'project.update', n: 1 },
    ]);
    const progress = await t.http
      .get(`/api/v1/plans/${planId}/progress?month=2026-06`)
      .set('Authorization', auth.admin);
    const started = progress.body.indicators.find((i: { code: string }) => i.code === 'started_count').id;
    const cell = progress.body.cells.find(
      (c: { unitId: number; indicatorId: number }) => c.unitId === units.XIAN && c.indicatorId === started,
    );
    expect(cell.actual).toBe('2');
  });

  it('should recognise the same ledger file again and write nothing', async () => {
    const projects = await n('SELECT count(*)::int AS n FROM project');
    const audits = await n('SELECT count(*)::int AS n FROM audit_event');
    const preview = await upload(t.http, auth.admin, 'projects', goodFile, { planId });
    expect(preview.body).toMatchObject({
      isDuplicateOfCommitted: true,
      message: '该文件已导入过，未发现变化',
    });
    expect(preview.body.summary).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect((await commit(preview.body.id)).body.isWritten).toBe(false);
    expect(await n('SELECT count(*)::int AS n FROM project')).toBe(projects);
    expect(await n('SELECT count(*)::int AS n FROM audit_event')).toBe(audits);
  });

  it('should report dates out of the plan year, future dates, duplicates, bad choices and corrections at their cells, writing nothing', async () => {
    const wb = await template('projects', '');
    const sheet = wb.getWorksheet('项目台账')!;
    sheet.getCell('L2').value = utc('2026-03-11'); // a stored signing date changed: a correction
    const r1 = addProject(sheet, [
      '城关镇',
      '食品产业园二期',
      '河南金穗食品股份有限公司',
      null,
      '省外',
      '绿色食品加工',
      30000,
      null,
      null,
      null,
      '签约',
      utc('2025-12-20'),
    ]);
    const r2 = addProject(sheet, [
      '城关镇',
      '食品产业园二期',
      '河南金穗食品股份有限公司',
      null,
      '省外',
      '绿色食品加工',
      30000,
    ]);
    const r3 = addProject(sheet, ['不存在镇', '文旅综合体', '某文旅集团', null, '外星', '文旅', 'abc']);
    const r4 = addProject(sheet, [
      '青山镇',
      '光伏组件项目',
      '晶科光伏有限公司',
      '12345',
      '境外',
      null,
      -10,
      null,
      '也许',
      null,
      '开工',
      utc('2026-05-01'),
      utc('2026-07-01'),
    ]);
    const before = {
      projects: await n('SELECT count(*)::int AS n FROM project'),
      events: await n('SELECT count(*)::int AS n FROM project_event'),
      audits: await n('SELECT count(*)::int AS n FROM audit_event'),
    };
    const preview = await upload(t.http, auth.admin, 'projects', await toXlsx(wb), { planId });
    expect(preview.status).toBe(200);
    expect(at(preview.body.problems)).toEqual(
      expect.arrayContaining([
        `L${r1}`,
        `B${r2}`,
        `A${r3}`,
        `E${r3}`,
        `F${r3}`,
        `G${r3}`,
        `D${r4}`,
        `G${r4}`,
        `I${r4}`,
        `M${r4}`,
        'L2',
      ]),
    );
    const message = (ref: string) =>
      preview.body.problems.find((p: { row: number; column: string }) => `${p.column}${p.row}` === ref)
        ?.message;
    expect(message(`L${r1}`)).toContain('不在计划年度（2026年）内');
    expect(message(`B${r2}`)).toContain(`与第${r1}行重复`);
    expect(message(`M${r4}`)).toContain('晚于今天');
    expect(message('L2')).toContain('更正日期请在系统中操作');
    expect(preview.body.problems.every((p: { sheet: string }) => p.sheet === '项目台账')).toBe(true);
    expect((await commit(preview.body.id)).status).toBe(422);
    expect({
      projects: await n('SELECT count(*)::int AS n FROM project'),
      events: await n('SELECT count(*)::int AS n FROM project_event'),
      audits: await n('SELECT count(*)::int AS n FROM audit_event'),
    }).toEqual(before);
  });

  it('should let a reporter import only the projects of its own units', async () => {
    const wb = await template('projects', '', 'rep_t01');
    const sheet = wb.getWorksheet('项目台账')!;
    const row = addProject(sheet, [
      '青山镇',
      '青山镇农产品加工园',
      '河南金穗食品股份有限公司',
      null,
      '省外',
      '绿色食品加工',
      20000,
    ]);
    const preview = await upload(t.http, auth.rep_t01, 'projects', await toXlsx(wb), { planId });
    expect(preview.body.problems).toEqual([
      expect.objectContaining({ row, column: 'A', message: expect.stringContaining('不在您的管辖范围内') }),
    ]);
    expect((await commit(preview.body.id, 'rep_t01')).status).toBe(422);
  });

  it('should offer a month template of the reporting units and import the month’s figures as drafts', async () => {
    const wb = await template('reports', '&month=2026-05');
    const sheet = wb.getWorksheet('月度数据')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '单位名称',
      '单位编码',
      '实际到位资金（万元）',
      '工作进展',
      '存在问题',
      '下步计划',
      '月报状态',
    ]);
    expect(sheet.getColumn(1).values.slice(2)).toEqual([
      '城关镇',
      '青山镇',
      '县发展和改革局',
      '县经济开发区',
      '开发区东区管委会',
    ]);
    expect(sheet.getCell('G2').value).toBe('未建立');
    sheet.getCell('C2').value = 3500.5;
    sheet.getCell('D2').value = '完成新能源汽车零部件项目签约，到位资金3500.5万元';
    sheet.getCell('C3').value = 1200;
    const file = await toXlsx(wb);
    const wrongMonth = await upload(t.http, auth.admin, 'reports', file, { planId, month: '2026-04' });
    expect(wrongMonth.body.problems[0].message).toBe('模板月份为 2026-05，与所选月份 2026-04 不一致');

    const preview = await upload(t.http, auth.admin, 'reports', file, { planId, month: '2026-05' });
    expect(preview.body).toMatchObject({ problems: [], summary: { rows: 2, created: 2 } });
    expect((await commit(preview.body.id)).body.isWritten).toBe(true);
    const list = await t.http
      .get(`/api/v1/plans/${planId}/reports?month=2026-05`)
      .set('Authorization', auth.admin);
    expect(
      list.body.items.map((r: { unitCode: string; status: string }) => `${r.unitCode}:${r.status}`),
    ).toEqual(['T01:draft', 'T02:draft']);
    const values = await t.dataSource.query(
      `SELECT u.code, trim_scale(v.value)::text AS value, r.progress_text AS text FROM report_value v
         JOIN monthly_report r ON r.id = v.report_id JOIN unit u ON u.id = r.unit_id ORDER BY u.code`,
    );
    expect(values).toEqual([
      { code: 'T01', value: '3500.5', text: '完成新能源汽车零部件项目签约，到位资金3500.5万元' },
      { code: 'T02', value: '1200', text: '' },
    ]);
  });

  it('should refuse to change an approved report or another unit’s report, writing nothing', async () => {
    await t.dataSource.query(
      `UPDATE monthly_report SET status = 'approved', approved_at = now() WHERE unit_id = $1`,
      [units.T02],
    );
    const wb = await template('reports', '&month=2026-05');
    const sheet = wb.getWorksheet('月度数据')!;
    expect(sheet.getCell('G3').value).toBe('已审核');
    sheet.getCell('C3').value = 1300;
    const preview = await upload(t.http, auth.admin, 'reports', await toXlsx(wb), {
      planId,
      month: '2026-05',
    });
    expect(preview.body.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'A',
        message: expect.stringContaining('已审核，不能通过导入修改（需管理员解锁）'),
      }),
    ]);
    const mine = await template('reports', '&month=2026-05', 'rep_t01');
    const own = mine.getWorksheet('月度数据')!;
    expect(own.getColumn(1).values.slice(2)).toEqual(['城关镇']);
    own.addRow(['青山镇', 'T02', 999]);
    const scoped = await upload(t.http, auth.rep_t01, 'reports', await toXlsx(mine), {
      planId,
      month: '2026-05',
    });
    expect(scoped.body.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'A',
        message: expect.stringContaining('不在您的管辖范围内'),
      }),
    ]);
    expect(await n(`SELECT count(*)::int AS n FROM report_value WHERE value = 999 OR value = 1300`)).toBe(0);
  });
});
