import { Workbook } from 'exceljs';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, toXlsx, upload } from './support/xlsx-fixtures';

const clock = { now: () => new Date('2026-11-20T02:00:00Z') };

/** 招商活动 in and out of Excel (issue 17): the template, a preview with per-row problems, one commit or none. */
describe('excel: 招商活动 import (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  const auth: Record<string, string> = {};
  const count = async (sql: string) => (await t.dataSource.query(sql))[0].n as number;
  const commit = (id: string, who: string) =>
    t.http.post(`/api/v1/imports/${id}/commit`).set('Authorization', auth[who]!);

  /** The template as the reporter downloads it, with these rows typed into the data sheet. */
  async function fileWith(who: string, rows: unknown[][]): Promise<Buffer> {
    const template = await download(t.http, auth[who]!, `/templates/activities.xlsx?planId=${planId}`);
    expect(template.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(template.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('招商活动')!;
    rows.forEach((row, i) => {
      sheet.getRow(i + 2).values = row as never;
    });
    return toXlsx(wb);
  }

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertPlan(t.dataSource, { rootUnitId: u.XIAN! });
    for (const who of ['admin', 'rep_t01', 'rep_t02', 'leader']) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  const good = [
    [
      '青山镇',
      '外出招商',
      '赴宁波开展食品加工产业招商',
      '2026-10-12',
      '2026-10-13',
      '浙江省宁波市',
      '王建军',
      '县委常委、常务副县长',
      '是',
      '县经济开发区',
      '王海峰、李明',
      '宁波甬兴食品有限公司、宁波海润冷链物流有限公司',
      '达成初步投资意向',
    ],
    [
      '青山镇',
      '来访接待',
      '接待浙江绿源食品集团考察团',
      '2026-11-03',
      null,
      '青山镇招商服务中心',
      '王海峰',
      '青山镇分管负责人',
      null,
      null,
      null,
      '浙江绿源食品集团有限公司',
      null,
    ],
  ];

  it('should preview every problem of a bad sheet with its row and column, and commit nothing', async () => {
    const file = await fileWith('rep_t02', [
      [
        '城关镇',
        '外出招商',
        '赴苏州招商',
        '2026-10-01',
        null,
        '江苏省苏州市',
        '李娜',
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        '青山镇',
        '宴请',
        '接待客商',
        '2026-10-02',
        null,
        '青山镇',
        '王海峰',
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        '青山镇',
        '外出招商',
        '赴杭州招商',
        '2026-10-05',
        '2026-10-01',
        '浙江省杭州市',
        '王海峰',
        null,
        '也许',
        '不存在的局',
        null,
        null,
        null,
      ],
      [
        '青山镇',
        '线上洽谈',
        '线上洽谈',
        '2026-12-01',
        null,
        '视频会议',
        '王海峰',
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
    const preview = await upload(t.http, auth.rep_t02!, 'activities', file, { planId });
    expect(preview.status).toBe(200);
    const where = preview.body.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '2:组织单位',
        '3:活动类型',
        '4:结束日期',
        '4:县领导带队',
        '4:参与单位',
        '5:开始日期',
      ]),
    );
    const refused = await commit(preview.body.id, 'rep_t02');
    expect(refused.status).toBe(422);
    expect(await count('SELECT count(*)::int AS n FROM activity')).toBe(0);
  });

  it('should create the rows in one commit, with companies in the 客商库, audited with the batch; the same file again changes nothing', async () => {
    const file = await fileWith('rep_t02', good);
    const preview = await upload(t.http, auth.rep_t02!, 'activities', file, { planId });
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.summary).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    const done = await commit(preview.body.id, 'rep_t02');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ isWritten: true, summary: { created: 2 } });

    const list = await t.http.get('/api/v1/activities').set('Authorization', auth.rep_t02!).expect(200);
    expect(list.body.total).toBe(2);
    const trip = list.body.items.find((a: { title: string }) => a.title === '赴宁波开展食品加工产业招商');
    expect(trip).toMatchObject({
      kind: 'outbound',
      unitId: u.T02,
      startDate: '2026-10-12',
      endDate: '2026-10-13',
      ledByCountyLeader: true,
      participantUnits: [{ unitId: u.P01, unitName: '县经济开发区' }],
      participants: ['王海峰', '李明'],
    });
    expect(trip.companies.map((c: { name: string }) => c.name)).toEqual([
      '宁波甬兴食品有限公司',
      '宁波海润冷链物流有限公司',
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM investor`)).toBe(3);
    const audited = await t.dataSource.query(
      `SELECT detail FROM audit_event WHERE action = 'activity.create' ORDER BY id`,
    );
    expect(audited.map((a: { detail: { importBatchId: string } }) => a.detail.importBatchId)).toEqual([
      preview.body.id,
      preview.body.id,
    ]);

    // a changed outcome updates the one row; the other is unchanged
    const edited = good.map((row) => [...row]);
    edited[1]![12] = '企业确定来县投资考察';
    const again = await upload(t.http, auth.rep_t02!, 'activities', await fileWith('rep_t02', edited), {
      planId,
    });
    expect(again.body.summary).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    await commit(again.body.id, 'rep_t02').expect(200);
    expect(await count('SELECT count(*)::int AS n FROM activity')).toBe(2);
    const [visit] = await t.dataSource.query(
      `SELECT outcome, version FROM activity WHERE title = '接待浙江绿源食品集团考察团'`,
    );
    expect(visit).toEqual({ outcome: '企业确定来县投资考察', version: 2 });
  });

  it('should refuse the upload and the template to a leader (reads only)', async () => {
    const file = await fileWith('admin', good);
    expect((await upload(t.http, auth.leader!, 'activities', file, { planId })).status).toBe(403);
    expect((await download(t.http, auth.leader!, `/templates/activities.xlsx?planId=${planId}`)).status).toBe(
      403,
    );
  });
});
