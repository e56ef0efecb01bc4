import type { Worksheet } from 'exceljs';

import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { insertTargets, targetSnapshot } from './factories/target.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

// REL-1 for the 目标分解 sheet: every row of PUT /plans/:id/targets carries the version it was read at (none for a
// new target); a stale row, or a "new" row someone created meanwhile, answers 409 VERSION_CONFLICT naming the row,
// and nothing of the PUT is written. The Excel import commits at the versions its preview read.

interface Row {
  unitId: number;
  indicatorId: number;
  value: string;
  version?: number;
}

describe('targets: optimistic locking per row (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  const auth: Record<string, string> = {};
  let year = 2030;

  const put = (planId: number, body: unknown, who = 'admin') =>
    t.http
      .put(`/api/v1/plans/${planId}/targets`)
      .set('Authorization', auth[who]!)
      .send(body as object);
  const read = async (planId: number): Promise<Row[]> =>
    (await t.http.get(`/api/v1/plans/${planId}/targets`).set('Authorization', auth.admin!).expect(200)).body
      .items;
  const auditCount = async (planId: number) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM audit_event WHERE action = 'targets.put' AND object_id = $1`,
          [String(planId)],
        )
      )[0].n,
    );
  /** A fresh plan (its own year) with the standard catalogue, and 城关镇/青山镇 targets at version 1. */
  const freshPlan = async () => {
    const planId = await insertPlan(t.dataSource, { year: year++, rootUnitId: u.XIAN! });
    const ind = await insertIndicators(t.dataSource, planId);
    await insertTargets(t.dataSource, planId, [
      { unitId: u.T01!, indicatorId: ind.signed_amount!, value: '1200000' },
      { unitId: u.T02!, indicatorId: ind.signed_amount!, value: '900000' },
    ]);
    return { planId, ind };
  };
  const versionOf = (rows: Row[], unitId: number, indicatorId: number) =>
    rows.find((r) => r.unitId === unitId && r.indicatorId === indicatorId)?.version;

  beforeAll(async () => {
    t = await createTestApp();
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    // a second administrator: the county's 投促局 clerk editing the same sheet
    await insertUser(t.dataSource, { username: 'admin_b', roles: ['admin'] });
    for (const name of ['admin', 'admin_b']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  it('should update a row sent at its current version and bump the version', async () => {
    const { planId, ind } = await freshPlan();
    const res = await put(planId, [
      { unitId: u.T01, indicatorId: ind.signed_amount, value: '1300000', version: 1 },
    ]).expect(200);
    expect(res.body).toEqual({ planId, created: 0, updated: 1, unchanged: 0 });
    expect(await targetSnapshot(t.dataSource, planId)).toMatchObject({
      [`${u.T01}:${ind.signed_amount}`]: '1300000@2',
    });
  });

  it('should answer 409 VERSION_CONFLICT naming the stale row, and write none of the PUT’s rows', async () => {
    const { planId, ind } = await freshPlan();
    // 乙 saves 城关镇 first (version 1 → 2)
    await put(
      planId,
      [{ unitId: u.T01, indicatorId: ind.signed_amount, value: '1250000', version: 1 }],
      'admin_b',
    ).expect(200);
    const before = await targetSnapshot(t.dataSource, planId);
    const audits = await auditCount(planId);
    // 甲 still has version 1 of 城关镇; the same PUT holds a valid update and a new row, which must not be written
    const res = await put(planId, [
      { unitId: u.T02, indicatorId: ind.signed_amount, value: '950000', version: 1 },
      { unitId: u.T01, indicatorId: ind.signed_amount, value: '1400000', version: 1 },
      { unitId: u.D01, indicatorId: ind.signed_amount, value: '600000' },
    ]).expect(409);
    expect(res.body.code).toBe('VERSION_CONFLICT');
    expect(res.body.message).toContain('城关镇 · 签约总投资');
    expect(res.body.messageEn).toContain('城关镇 · 签约总投资');
    expect(res.body.requestId).toBeTruthy();
    expect(res.body.details).toEqual([
      {
        field: '1.version',
        code: 'staleVersion',
        message: '城关镇 · 签约总投资：读取后已被他人修改',
        messageEn: '城关镇 · 签约总投资: changed by someone else since it was read',
      },
    ]);
    expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
    expect(await auditCount(planId)).toBe(audits);
  });

  it('should refuse a stale version even when the value sent equals the stored one', async () => {
    const { planId, ind } = await freshPlan();
    await put(
      planId,
      [{ unitId: u.T02, indicatorId: ind.signed_amount, value: '800000', version: 1 }],
      'admin_b',
    ).expect(200);
    const res = await put(planId, [
      { unitId: u.T02, indicatorId: ind.signed_amount, value: '800000', version: 1 },
    ]).expect(409);
    expect(res.body.details).toEqual([expect.objectContaining({ field: '0.version', code: 'staleVersion' })]);
  });

  it('should answer 409 when a row sent as new was created by someone else meanwhile', async () => {
    const { planId, ind } = await freshPlan();
    // both read the sheet while 县发展和改革局 had no target; 乙 saves it first
    expect(versionOf(await read(planId), u.D01!, ind.signed_amount!)).toBeUndefined();
    await put(planId, [{ unitId: u.D01, indicatorId: ind.signed_amount, value: '600000' }], 'admin_b').expect(
      200,
    );
    const before = await targetSnapshot(t.dataSource, planId);
    const res = await put(planId, [
      { unitId: u.T01, indicatorId: ind.signed_amount, value: '1300000', version: 1 },
      { unitId: u.D01, indicatorId: ind.signed_amount, value: '650000' },
    ]).expect(409);
    expect(res.body.code).toBe('VERSION_CONFLICT');
    expect(res.body.details).toEqual([
      {
        field: '1.version',
        code: 'alreadyExists',
        message: '县发展和改革局 · 签约总投资：他人已新建了该目标',
        messageEn: '县发展和改革局 · 签约总投资: someone else created this target meanwhile',
      },
    ]);
    expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
  });

  it('should answer 409 for a version sent for a target that does not exist', async () => {
    const { planId, ind } = await freshPlan();
    const before = await targetSnapshot(t.dataSource, planId);
    const res = await put(planId, [
      { unitId: u.P01, indicatorId: ind.signed_amount, value: '500000', version: 3 },
    ]).expect(409);
    expect(res.body.details[0]).toMatchObject({ field: '0.version', code: 'staleVersion' });
    expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
  });

  it('should let exactly one of two parallel PUTs at the same versions win', async () => {
    const { planId, ind } = await freshPlan();
    const rowsOf = (t01: string, t02: string) => [
      { unitId: u.T01, indicatorId: ind.signed_amount, value: t01, version: 1 },
      { unitId: u.T02, indicatorId: ind.signed_amount, value: t02, version: 1 },
    ];
    const results = await Promise.all([
      put(planId, rowsOf('1500000', '1000000'), 'admin'),
      put(planId, rowsOf('1600000', '1100000'), 'admin_b'),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = results.findIndex((r) => r.status === 200);
    const expected = winner === 0 ? ['1500000', '1000000'] : ['1600000', '1100000'];
    // the winner's rows, both of them, at version 2: no mix of the two edits
    expect(await targetSnapshot(t.dataSource, planId)).toEqual({
      [`${u.T01}:${ind.signed_amount}`]: `${expected[0]}@2`,
      [`${u.T02}:${ind.signed_amount}`]: `${expected[1]}@2`,
    });
    expect(results[1 - winner]!.body.code).toBe('VERSION_CONFLICT');
    expect(await auditCount(planId)).toBe(1);
  });

  it('should let exactly one of two parallel PUTs creating the same target win', async () => {
    const { planId, ind } = await freshPlan();
    const results = await Promise.all(
      ['80000', '90000'].map((value, i) =>
        put(planId, [{ unitId: u.P01, indicatorId: ind.funds, value }], i === 0 ? 'admin' : 'admin_b'),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.details[0]).toMatchObject({ field: '0.version', code: 'alreadyExists' });
    const won = results.findIndex((r) => r.status === 200);
    expect((await targetSnapshot(t.dataSource, planId))[`${u.P01}:${ind.funds}`]).toBe(
      `${won === 0 ? '80000' : '90000'}@1`,
    );
  });

  it.each([
    ['zero', 0],
    ['a string', '1'],
    ['null', null],
    ['a fraction', 1.5],
    ['beyond int4', 2 ** 31],
  ])('should refuse a version that is %s with 400 naming the row', async (_label, version) => {
    const { planId, ind } = await freshPlan();
    const before = await targetSnapshot(t.dataSource, planId);
    const res = await put(planId, [
      { unitId: u.T01, indicatorId: ind.signed_amount, value: '1', version },
    ]).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('0.version');
    expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
  });

  describe('Excel import', () => {
    const rowOf = (sheet: Worksheet, name: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === name) found = n;
      });
      return sheet.getRow(found);
    };

    it('should refuse the commit with 409 naming the sheet cell when the targets changed after the preview, writing nothing', async () => {
      const { planId, ind } = await freshPlan();
      const res = await download(t.http, auth.admin!, `/templates/targets.xlsx?planId=${planId}`);
      const wb = await readXlsx(res.body);
      const sheet = wb.getWorksheet('目标任务')!;
      rowOf(sheet, '青山镇').getCell(3).value = 950000;
      rowOf(sheet, '县发展和改革局').getCell(3).value = 600000;
      const preview = await upload(t.http, auth.admin!, 'targets', await toXlsx(wb), { planId });
      expect(preview.status).toBe(200);
      expect(preview.body.problems).toEqual([]);
      // the batch keeps the versions the preview read
      const [stored] = await t.ownerDataSource.query(`SELECT rows FROM import_batch WHERE id = $1`, [
        preview.body.id,
      ]);
      expect(stored.rows).toContainEqual(
        expect.objectContaining({ unitId: u.T01, indicatorId: ind.signed_amount, baseVersion: 1 }),
      );
      expect(stored.rows).toContainEqual(
        expect.objectContaining({ unitId: u.D01, indicatorId: ind.signed_amount, baseVersion: null }),
      );

      // between preview and commit 乙 changes 城关镇 on the grid and creates 县发展和改革局's target
      await put(
        planId,
        [
          { unitId: u.T01, indicatorId: ind.signed_amount, value: '1250000', version: 1 },
          { unitId: u.D01, indicatorId: ind.signed_amount, value: '650000' },
        ],
        'admin_b',
      ).expect(200);
      const before = await targetSnapshot(t.dataSource, planId);
      const audits = Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_event`))[0].n);

      const refused = await t.http
        .post(`/api/v1/imports/${preview.body.id}/commit`)
        .set('Authorization', auth.admin!);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('VERSION_CONFLICT');
      expect(refused.body.message).toContain('请重新上传文件');
      const fields = refused.body.details.map((d: { field: string; code: string }) => `${d.field} ${d.code}`);
      expect(fields).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^目标任务!C\d+ staleVersion$/),
          expect.stringMatching(/^目标任务!C\d+ alreadyExists$/),
        ]),
      );
      expect(refused.body.details).toHaveLength(2);
      expect(refused.body.details.map((d: { message: string }) => d.message).join()).toContain(
        '城关镇 · 签约总投资',
      );
      // nothing written: not 青山镇's unrelated change, not an audit event
      expect(await targetSnapshot(t.dataSource, planId)).toEqual(before);
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_event`))[0].n)).toBe(audits);
      const batch = await t.http.get(`/api/v1/imports/${preview.body.id}`).set('Authorization', auth.admin!);
      expect(batch.body.status).not.toBe('committed');

      // a fresh upload of the same file previews against the new versions and commits
      const again = await upload(t.http, auth.admin!, 'targets', await toXlsx(wb), { planId });
      const done = await t.http
        .post(`/api/v1/imports/${again.body.id}/commit`)
        .set('Authorization', auth.admin!);
      expect(done.status).toBe(200);
      expect(await targetSnapshot(t.dataSource, planId)).toMatchObject({
        [`${u.T02}:${ind.signed_amount}`]: '950000@2',
        [`${u.D01}:${ind.signed_amount}`]: '600000@2',
      });
    });
  });
});
