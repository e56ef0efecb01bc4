import type { Workbook, Worksheet } from 'exceljs';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { INVESTORS, insertProject } from './factories/project.factory';
import { insertTargets } from './factories/target.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

// 2026-06-15 12:00 in Asia/Shanghai
const clock = { now: () => new Date('2026-06-15T04:00:00Z') };
const utc = (d: string) => new Date(`${d}T00:00:00Z`);

interface AuditRow {
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  detail: Record<string, unknown> | null;
}

// what differs between two comparable records by nature: ids, codes, the unit, names of the unit, timestamps
const VOLATILE = new Set([
  'id',
  'code',
  'unitId',
  'unitName',
  'createdAt',
  'updatedAt',
  'proposedAt',
  'decidedAt',
]);
// what an import adds to an audit row's detail: where the row came from (the batch and the sheet row)
const PROVENANCE = new Set(['importBatchId', 'row']);

/** A value with what differs by nature between two comparable records masked, the rest kept as is. */
function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, VOLATILE.has(k) ? (v === null ? null : `<${k}>`) : masked(v)]),
  );
}

/** The shape of a value: its keys, recursively, and the type of each leaf. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, shape(v)]),
  );
}

/** An audit row as the two write paths must agree on it: action, entity, before/after (shape and content), detail. */
function comparable(row: AuditRow) {
  const detail = Object.fromEntries(Object.entries(row.detail ?? {}).filter(([k]) => !PROVENANCE.has(k)));
  return {
    action: row.action,
    objectType: row.objectType,
    beforeShape: shape(row.before),
    afterShape: shape(row.after),
    before: masked(row.before),
    after: masked(row.after),
    detail: Object.keys(detail).length > 0 ? masked(detail) : null,
  };
}

/**
 * One write path per record (issue 12): the same change made once through an Excel import and once through the API
 * routes it stands for, on two twin units (城关镇 through Excel, 青山镇 through the API), leaves the same history,
 * the same audit rows and the same year-to-date summary.
 */
describe('excel: an import writes as the API does (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let ind: Record<string, number>;
  let planId: number;
  let admin: string;

  const api = {
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', admin),
    post: (path: string, body: object) =>
      t.http.post(`/api/v1${path}`).set('Authorization', admin).send(body),
    put: (path: string, body: object | object[]) =>
      t.http.put(`/api/v1${path}`).set('Authorization', admin).send(body),
    patch: (path: string, body: object) =>
      t.http.patch(`/api/v1${path}`).set('Authorization', admin).send(body),
  };
  const template = async (kind: string, query = ''): Promise<Workbook> => {
    const res = await download(t.http, admin, `/templates/${kind}.xlsx?planId=${planId}${query}`);
    expect(res.status).toBe(200);
    return readXlsx(res.body);
  };
  /** Uploads and commits a file; expects it written without problems. */
  const importFile = async (kind: string, wb: Workbook, fields: Record<string, string | number> = {}) => {
    const preview = await upload(t.http, admin, kind, await toXlsx(wb), { planId, ...fields });
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([]);
    const done = await api.post(`/imports/${preview.body.id}/commit`, {});
    expect(done.status).toBe(200);
    expect(done.body.isWritten).toBe(true);
    return preview.body.id as string;
  };
  const audits = async (objectType: string, objectIds: Array<number | string>): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, object_type AS "objectType", object_id AS "objectId", before, after, detail
         FROM audit_event WHERE object_type = $1 AND object_id = ANY($2::text[]) ORDER BY id`,
      [objectType, objectIds.map(String)],
    );
  /** Clears every value cell of the data rows but the given unit's (a blank cell keeps what is stored). */
  const keepOnly = (sheet: Worksheet, unitName: string, fromColumn: number) => {
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value === unitName) return;
      for (let c = fromColumn; c <= sheet.columnCount; c++) row.getCell(c).value = null;
    });
  };
  const rowOf = (sheet: Worksheet, unitName: string, column = 1) => {
    let found = 0;
    sheet.eachRow((row, n) => {
      if (found === 0 && row.getCell(column).value === unitName) found = n;
    });
    return sheet.getRow(found);
  };
  const summaryOf = (unitId: number) =>
    t.dataSource.query(
      `SELECT indicator_id AS "indicatorId", month_no AS "monthNo", trim_scale(value)::text AS value,
              trim_scale(numerator)::text AS numerator, trim_scale(denominator)::text AS denominator
         FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 ORDER BY indicator_id, month_no`,
      [planId, unitId],
    );

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, status: 'published' });
    ind = await insertIndicators(t.dataSource, planId);
    admin = await bearer(t.http, 'admin');
  });
  afterAll(() => t.close());

  it('should write targets from a sheet with the same rows and the same targets.put audit as PUT /plans/:id/targets', async () => {
    await insertTargets(t.dataSource, planId, [
      { unitId: units.T01!, indicatorId: ind.signed_count!, value: '5' },
      { unitId: units.T02!, indicatorId: ind.signed_count!, value: '5' },
    ]);
    const wb = await template('targets');
    const sheet = wb.getWorksheet('目标任务')!;
    keepOnly(sheet, '城关镇', 3);
    rowOf(sheet, '城关镇').getCell(3).value = 300000; // 签约总投资（万元）: a new target
    rowOf(sheet, '城关镇').getCell(4).value = 6; // 签约项目个数: 5 → 6
    await importFile('targets', wb);

    const put = await api.put(`/plans/${planId}/targets`, [
      { unitId: units.T02, indicatorId: ind.signed_amount, value: '300000' },
      { unitId: units.T02, indicatorId: ind.signed_count, value: '6', version: 1 },
    ]);
    expect(put.status).toBe(200);

    const targetsOf = (unitId: number) =>
      t.dataSource.query(
        `SELECT indicator_id AS "indicatorId", trim_scale(value)::text AS value, version FROM target
          WHERE plan_id = $1 AND unit_id = $2 ORDER BY indicator_id`,
        [planId, unitId],
      );
    expect(await targetsOf(units.T01!)).toEqual(await targetsOf(units.T02!));
    const [viaExcel, viaApi, ...more] = await audits('plan', [planId]);
    expect(more).toEqual([]);
    expect(viaExcel!.action).toBe('targets.put');
    expect(comparable(viaExcel!)).toEqual(comparable(viaApi!));
    expect(viaExcel!.detail).toMatchObject({ rows: 2, created: 1, updated: 1, unchanged: 0 });
  });

  it('should create and save a month’s report from a sheet with the same history and audit as POST /plans/:id/reports and PUT /reports/:id', async () => {
    const text = '完成新能源汽车零部件项目签约，到位资金3500.5万元';
    const wb = await template('reports', '&month=2026-05');
    const sheet = wb.getWorksheet('月度数据')!;
    rowOf(sheet, '城关镇').getCell(3).value = 3500.5;
    rowOf(sheet, '城关镇').getCell(4).value = text;
    await importFile('reports', wb, { month: '2026-05' });

    const created = await api.post(`/plans/${planId}/reports`, { unitId: units.T02, month: '2026-05' });
    expect(created.status).toBe(201);
    const saved = await api.put(`/reports/${created.body.id}`, {
      version: created.body.version,
      values: [{ indicatorId: ind.funds, value: '3500.5' }],
      progressText: text,
    });
    expect(saved.status).toBe(200);

    const reportOf = async (unitId: number) =>
      (
        await t.dataSource.query(
          `SELECT r.id, r.status, r.version, r.progress_text AS "progressText", r.problems_text AS "problemsText",
                  r.next_plan_text AS "nextPlanText", r.updated_by AS "updatedBy",
                  (SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'value', trim_scale(v.value)::text))
                     FROM report_value v WHERE v.report_id = r.id) AS values
             FROM monthly_report r WHERE r.plan_id = $1 AND r.unit_id = $2 AND r.month = '2026-05'`,
          [planId, unitId],
        )
      )[0];
    const historyOf = (reportId: number) =>
      t.dataSource.query(
        `SELECT from_status AS "from", to_status AS "to", action, reason, user_id AS "userId"
           FROM report_status_history WHERE report_id = $1 ORDER BY id`,
        [reportId],
      );
    const excelReport = await reportOf(units.T01!);
    const apiReport = await reportOf(units.T02!);
    expect(masked(excelReport)).toEqual(masked(apiReport));
    expect(await historyOf(excelReport.id)).toEqual(await historyOf(apiReport.id));
    expect(await historyOf(excelReport.id)).toEqual([
      expect.objectContaining({ from: null, to: 'draft', action: 'create' }),
    ]);
    const excelAudits = await audits('report', [excelReport.id]);
    const apiAudits = await audits('report', [apiReport.id]);
    expect(excelAudits.map((a) => a.action)).toEqual(['report.create', 'report.update']);
    expect(excelAudits.map(comparable)).toEqual(apiAudits.map(comparable));

    // the next file changes the drafts the first made, as a second save does
    const again = await template('reports', '&month=2026-05');
    keepOnly(again.getWorksheet('月度数据')!, '城关镇', 3);
    rowOf(again.getWorksheet('月度数据')!, '城关镇').getCell(3).value = 4000;
    await importFile('reports', again, { month: '2026-05' });
    const resaved = await api.put(`/reports/${apiReport.id}`, {
      version: apiReport.version,
      values: [{ indicatorId: ind.funds, value: '4000' }],
    });
    expect(resaved.status).toBe(200);
    expect(masked(await reportOf(units.T01!))).toEqual(masked(await reportOf(units.T02!)));
    const [excelUpdate] = (await audits('report', [excelReport.id])).slice(2);
    const [apiUpdate] = (await audits('report', [apiReport.id])).slice(2);
    expect(excelUpdate!.action).toBe('report.update');
    expect(comparable(excelUpdate!)).toEqual(comparable(apiUpdate!));
    // drafts do not move the year-to-date figures, whoever saved them
    expect(await summaryOf(units.T01!)).toEqual(await summaryOf(units.T02!));
  });

  it('should create and update ledger projects from a sheet with the same events, shares, audit and YTD summary as POST and PATCH /projects', async () => {
    const twin = {
      name: '智能装备产业园一期',
      investorName: INVESTORS.robot.name,
      investorCreditCode: INVESTORS.robot.creditCode,
      industryChain: '新能源汽车',
      agreedInvestmentWan: '80000',
      signedDate: '2026-03-10',
    };
    const excelTwin = await insertProject(t.dataSource, { unitId: units.T01!, ...twin });
    const apiTwin = await insertProject(t.dataSource, { unitId: units.T02!, ...twin });
    const newProject = {
      name: '新能源汽车零部件产业园',
      investorName: INVESTORS.byd.name,
      investorCreditCode: INVESTORS.byd.creditCode,
      origin: 'out_of_province',
      industryChain: '新能源汽车',
      agreedInvestmentWan: '120000',
      fortune500Kind: 'china_private',
      isChainLeader: true,
      isSpecialized: false,
      description: '建设电驱动系统生产线',
      contact: '王经理 13900000000',
    };

    const wb = await template('projects');
    const sheet = wb.getWorksheet('项目台账')!;
    let twinRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '城关镇' && row.getCell(2).value === twin.name) twinRow = n;
    });
    sheet.getCell(`G${twinRow}`).value = 90000;
    sheet.addRow([
      '城关镇',
      newProject.name,
      newProject.investorName,
      newProject.investorCreditCode,
      '省外',
      newProject.industryChain,
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
      newProject.description,
      newProject.contact,
    ]);
    await importFile('projects', wb);

    const changed = await api.patch(`/projects/${apiTwin}`, { version: 1, agreedInvestmentWan: '90000' });
    expect(changed.status).toBe(200);
    const created = await api.post('/projects', {
      ...newProject,
      unitId: units.T02,
      stage: 'signed',
      stageDate: '2026-04-08',
    });
    expect(created.status).toBe(201);
    const apiNew = created.body.project.id as number;
    const [{ id: excelNew }] = await t.dataSource.query(
      'SELECT id FROM project WHERE unit_id = $1 AND name = $2',
      [units.T01, newProject.name],
    );

    const eventsOf = (projectId: number) =>
      t.dataSource.query(
        `SELECT stage, event_date AS "date", is_correction AS "isCorrection", reason, created_by AS "createdBy"
           FROM project_event WHERE project_id = $1 ORDER BY id`,
        [projectId],
      );
    const sharesOf = (projectId: number) =>
      t.dataSource.query(
        `SELECT trim_scale(share_pct)::text AS "sharePct", status, proposed_by AS "proposedBy",
                decided_by AS "decidedBy", decline_reason AS "declineReason"
           FROM project_share WHERE project_id = $1 ORDER BY unit_id`,
        [projectId],
      );
    const rowOfProject = async (id: number) => (await api.get(`/projects/${id}`)).body;
    for (const [viaExcel, viaApi] of [
      [excelTwin, apiTwin],
      [excelNew as number, apiNew],
    ] as const) {
      expect(await eventsOf(viaExcel)).toEqual(await eventsOf(viaApi));
      expect(await sharesOf(viaExcel)).toEqual(await sharesOf(viaApi));
      const { events: _e, funds: _f, duplicates: _d, ...excelRow } = await rowOfProject(viaExcel);
      const { events: _e2, funds: _f2, duplicates: _d2, ...apiRow } = await rowOfProject(viaApi);
      expect(masked(excelRow)).toEqual(masked(apiRow));
      const excelAudits = await audits('project', [viaExcel]);
      const apiAudits = await audits('project', [viaApi]);
      expect(excelAudits).toHaveLength(1);
      expect(excelAudits.map(comparable)).toEqual(apiAudits.map(comparable));
    }
    expect(await eventsOf(excelNew)).toEqual([
      expect.objectContaining({ stage: 'signed', date: '2026-04-08', isCorrection: false }),
    ]);
    // both units' year-to-date figures were refreshed in the write, to the same values
    const excelSummary = await summaryOf(units.T01!);
    expect(excelSummary.length).toBeGreaterThan(0);
    expect(excelSummary).toEqual(await summaryOf(units.T02!));
    const signed = excelSummary.find(
      (s: { indicatorId: number; monthNo: number }) => s.indicatorId === ind.signed_amount && s.monthNo === 6,
    );
    expect(signed.value).toBe('210000');
  });
});
