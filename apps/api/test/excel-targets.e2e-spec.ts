import type { Worksheet } from 'exceljs';

import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { insertTargets, targetSnapshot } from './factories/target.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

type Who = 'admin' | 'leader' | 'rep_t01';

describe('excel: targets template and import (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let ind: Record<string, number>;
  let planId: number;
  const auth = {} as Record<Who, string>;

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.dataSource.query(sql, params))[0].n as number;
  const audits = () => count('SELECT count(*)::int AS n FROM audit_event');
  const template = async () => {
    const res = await download(t.http, auth.admin, `/templates/targets.xlsx?planId=${planId}`);
    expect(res.status).toBe(200);
    return readXlsx(res.body);
  };
  const commit = (id: string, who: Who = 'admin') =>
    t.http.post(`/api/v1/imports/${id}/commit`).set('Authorization', auth[who]);
  /** The data row of a unit name in the targets sheet. */
  const rowOf = (sheet: Worksheet, name: string) => {
    let found = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === name) found = n;
    });
    return sheet.getRow(found);
  };

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    await insertTargets(t.dataSource, planId, [
      { unitId: units.XIAN!, indicatorId: ind.signed_amount!, value: '2000000' },
    ]);
    for (const who of ['admin', 'leader', 'rep_t01'] as const) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should offer a template with instructions, Chinese headers, a frozen header, current targets and list validations', async () => {
    const res = await download(t.http, auth.admin, `/templates/targets.xlsx?planId=${planId}`);
    expect(res.res.headers['content-type']).toContain('spreadsheetml');
    expect(res.res.headers['content-disposition']).toContain(encodeURIComponent('目标任务导入模板'));
    const wb = await readXlsx(res.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['填写说明', '目标任务', '代码表']);
    expect(String(wb.getWorksheet('填写说明')!.getCell('A1').value)).toContain(
      '示范县2026年度招商引资目标责任考核',
    );
    expect(wb.getWorksheet('代码表')!.state).toBe('hidden');
    const sheet = wb.getWorksheet('目标任务')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '单位名称',
      '单位编码',
      '签约总投资（万元）',
      '签约项目个数（个）',
      '新开工项目（个）',
      '实际到位资金（万元）',
      '开工率（%）',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).values).toEqual([undefined, '示范县', 'XIAN', 2000000]);
    expect(sheet.getCell('G2').numFmt).toBe('0.00%');
    expect(sheet.getColumn(1).values.slice(2)).toEqual([
      '示范县',
      '城关镇',
      '青山镇',
      '县发展和改革局',
      '县经济开发区',
      '开发区东区管委会',
    ]);
    const validation = sheet.getCell('A5').dataValidation;
    expect(validation).toMatchObject({ type: 'list', formulae: ['代码表!$A$2:$A$7'] });
    expect(sheet.getCell('C9').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
    });
    const codes = wb.getWorksheet('代码表')!;
    expect(codes.getColumn(1).values.slice(1)).toEqual([
      '单位',
      '示范县',
      '城关镇',
      '青山镇',
      '县发展和改革局',
      '县经济开发区',
      '开发区东区管委会',
    ]);
  });

  it('should refuse the targets template and import to a reporter and a leader', async () => {
    for (const who of ['rep_t01', 'leader'] as const) {
      expect((await download(t.http, auth[who], `/templates/targets.xlsx?planId=${planId}`)).status).toBe(
        403,
      );
      const res = await upload(t.http, auth[who], 'targets', Buffer.from('x'), { planId });
      expect(res.status).toBe(403);
    }
    expect(await count('SELECT count(*)::int AS n FROM import_batch')).toBe(0);
  });

  let goodFile: Buffer;

  it('should preview a filled template without problems, then commit every row in one go, audited', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('目标任务')!;
    rowOf(sheet, '城关镇').getCell(3).value = 300000;
    rowOf(sheet, '城关镇').getCell(4).value = 5;
    rowOf(sheet, '城关镇').getCell(7).value = 0.6;
    rowOf(sheet, '青山镇').getCell(6).value = 12000.5;
    rowOf(sheet, '县经济开发区').getCell(3).value = '450000';
    goodFile = await toXlsx(wb);

    const preview = await upload(t.http, auth.admin, 'targets', goodFile, { planId }, '2026年目标任务.xlsx');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      kind: 'targets',
      planId,
      fileName: '2026年目标任务.xlsx',
      status: 'preview',
      problems: [],
      isDuplicateOfCommitted: false,
      progress: 100,
      summary: { rows: 6, created: 5, updated: 0, unchanged: 1 },
    });
    expect(preview.body.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.body.rows).toContainEqual(
      expect.objectContaining({
        label: '城关镇 · 签约总投资',
        action: 'create',
        values: { value: '300000', before: null },
      }),
    );
    // nothing written by the preview
    expect(await count('SELECT count(*)::int AS n FROM target WHERE plan_id = $1', [planId])).toBe(1);

    const done = await commit(preview.body.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'committed',
      isWritten: true,
      summary: { created: 5, updated: 0, unchanged: 1 },
    });
    const targets = await t.http.get(`/api/v1/plans/${planId}/targets`).set('Authorization', auth.admin);
    const value = (unit: string, code: string) =>
      targets.body.items.find(
        (i: { unitId: number; indicatorId: number }) =>
          i.unitId === units[unit] && i.indicatorId === ind[code],
      )?.value;
    expect(value('T01', 'signed_amount')).toBe('300000');
    expect(value('T01', 'signed_count')).toBe('5');
    expect(value('T01', 'start_rate')).toBe('0.6');
    expect(value('T02', 'funds')).toBe('12000.5');
    expect(value('P01', 'signed_amount')).toBe('450000');
    const [event] = await t.dataSource.query(`SELECT detail FROM audit_event WHERE action = 'import.commit'`);
    expect(event.detail).toMatchObject({
      kind: 'targets',
      planId,
      created: 5,
      contentSha256: preview.body.contentSha256,
    });
    const [put] = await t.dataSource.query(`SELECT detail FROM audit_event WHERE action = 'targets.put'`);
    expect(put.detail.importBatchId).toBe(preview.body.id);
    // committing again writes nothing more
    const again = await commit(preview.body.id);
    expect(again.body).toMatchObject({ status: 'committed', isWritten: false });
  });

  it('should recognise the same file again: the preview says so and the commit changes nothing, not even the audit log', async () => {
    const before = await targetSnapshot(t.dataSource, planId);
    const auditCount = await audits();
    const preview = await upload(t.http, auth.admin, 'targets', goodFile, { planId });
    expect(preview.body).toMatchObject({
      isDuplicateOfCommitted: true,
      message: '该文件已导入过，未发现变化',
      problems: [],
    });
    const done = await commit(preview.body.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ isWritten: false, message: '该文件已导入过，未发现变化' });
    expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
    expect(await audits()).toBe(auditCount);
  });

  it('should list every problem at its sheet, row and column, refuse the commit and write nothing', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('目标任务')!;
    sheet.getCell('A5').value = '不存在镇';
    sheet.getCell('C7').value = 'abc';
    sheet.getCell('D3').value = -5;
    sheet.getCell('E4').value = '1,000';
    sheet.getCell('F6').value = 1.23456;
    sheet.getCell('A8').value = '城关镇';
    sheet.getCell('C8').value = 1;
    sheet.getCell('G3').value = 12;
    const before = await targetSnapshot(t.dataSource, planId);
    const auditCount = await audits();

    const preview = await upload(t.http, auth.admin, 'targets', await toXlsx(wb), { planId });
    expect(preview.status).toBe(200);
    const where = preview.body.problems.map(
      (p: { sheet: string; row: number; column: string }) => `${p.sheet}!${p.column}${p.row}`,
    );
    expect(where).toEqual(
      expect.arrayContaining([
        '目标任务!A5',
        '目标任务!C7',
        '目标任务!D3',
        '目标任务!E4',
        '目标任务!F6',
        '目标任务!A8',
        '目标任务!G3',
      ]),
    );
    expect(preview.body.problems).toHaveLength(7);
    const message = (ref: string) =>
      preview.body.problems.find(
        (p: { sheet: string; row: number; column: string }) => `${p.sheet}!${p.column}${p.row}` === ref,
      ).message;
    expect(message('目标任务!A5')).toBe('第5行 A列（单位名称）：未知单位“不存在镇”（不在本计划的单位树中）');
    expect(message('目标任务!C7')).toContain('“abc”不是数字');
    expect(message('目标任务!D3')).toContain('不能为负数');
    expect(message('目标任务!A8')).toContain('重复（与第3行相同）');
    expect(message('目标任务!F6')).toContain('小数超过4位');

    const refused = await commit(preview.body.id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
    expect(await audits()).toBe(auditCount);
    const [batch] = await t.dataSource.query('SELECT status FROM import_batch WHERE id = $1', [
      preview.body.id,
    ]);
    expect(batch.status).toBe('failed');
  });

  it('should refuse a template of another kind or plan, and keep batches private to their uploader', async () => {
    const other = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, year: 2027 });
    const wb = await template();
    const preview = await upload(t.http, auth.admin, 'targets', await toXlsx(wb), { planId: other });
    expect(preview.body.problems[0].message).toContain('模板属于另一个计划');
    expect(
      (await t.http.get(`/api/v1/imports/${preview.body.id}`).set('Authorization', auth.leader)).status,
    ).toBe(404);
    expect((await commit(preview.body.id, 'leader')).status).toBe(404);
    expect((await t.http.get(`/api/v1/imports/not-a-uuid`).set('Authorization', auth.admin)).status).toBe(
      404,
    );
    const mine = await t.http.get(`/api/v1/imports/${preview.body.id}`).set('Authorization', auth.admin);
    expect(mine.body).toMatchObject({ id: preview.body.id, status: 'preview' });
  });

  it('should answer 400 naming the field for a bad planId and 404 for an unknown plan, storing nothing', async () => {
    const file = await toXlsx(await template());
    const batches = await count('SELECT count(*)::int AS n FROM import_batch');
    const bad = await upload(t.http, auth.admin, 'targets', file, { planId: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('planId');
    expect((await upload(t.http, auth.admin, 'targets', file, { planId: 99999 })).status).toBe(404);
    const none = await t.http
      .post('/api/v1/imports/targets')
      .set('Authorization', auth.admin)
      .field('planId', String(planId));
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('IMPORT_NO_FILE');
    expect(await count('SELECT count(*)::int AS n FROM import_batch')).toBe(batches);
  });
});
