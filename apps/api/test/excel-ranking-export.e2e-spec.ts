import type { Worksheet } from 'exceljs';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { type BriefingCounty, insertBriefingCounty } from './factories/briefing.factory';
import { bearer } from './factories/user.factory';
import { download, readXlsx } from './support/xlsx-fixtures';

const clock = { now: () => new Date('2026-07-15T02:00:00Z') };
type Who = 'admin' | 'leader' | 'sysadmin' | 'rep_t01';

interface Ranking {
  isFrozen: boolean;
  columns: Array<{ code: string; name: string }>;
  groups: Array<{ code: string; name: string }>;
  rows: Array<{
    unitName: string;
    unitCode: string;
    group: string;
    total: string;
    rank: number;
    list: string | null;
    items: Array<{ code: string; points: string; isScored: boolean }>;
  }>;
}

/** Data rows (from row 3) as [group, rank, unit, code, total, …items]. */
function dataRows(sheet: Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n >= 3) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('excel: the ranking export (e2e)', () => {
  let t: TestApp;
  let c: BriefingCounty;
  const auth = {} as Record<Who, string>;
  const ranking = async (query: string): Promise<Ranking> =>
    (
      await t.http
        .get(`/api/v1/plans/${c.planId}/ranking?${query}`)
        .set('Authorization', auth.leader)
        .expect(200)
    ).body;
  const xlsx = async (who: Who, query: string) => {
    const res = await download(t.http, auth[who], `/exports/ranking.xlsx?planId=${c.planId}&${query}`);
    return { status: res.status, res, book: res.status === 200 ? await readXlsx(res.body) : null };
  };
  const expectSameRows = (sheet: Worksheet, api: Ranking) => {
    const groupName = new Map(api.groups.map((g) => [g.code, g.name]));
    const rows = dataRows(sheet);
    expect(rows.map((r) => r.slice(0, 5))).toEqual(
      api.rows.map((r) => [groupName.get(r.group), r.rank, r.unitName, r.unitCode, Number(r.total)]),
    );
    // one column per scoring item after the 8 fixed ones, empty when the item is not scored for the unit
    expect(sheet.getRow(2).getCell(9).value).toBe(api.columns[0]!.name);
    api.rows.forEach((r, i) => {
      const item = r.items.find((x) => x.code === api.columns[0]!.code);
      expect(rows[i]![8] ?? null).toEqual(item?.isScored ? Number(item.points) : null);
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    c = await insertBriefingCounty(t);
    for (const who of ['admin', 'leader', 'sysadmin', 'rep_t01'] as Who[])
      auth[who] = await bearer(t.http, who);
    await t.http
      .post(`/api/v1/plans/${c.planId}/months/2026-06/close`)
      .set('Authorization', auth.admin)
      .expect(200);
  });
  afterAll(() => t.close());

  it('should export a closed month from its snapshot, as GET ranking answers it', async () => {
    const { res, book } = await xlsx('leader', 'month=2026-06');
    expect(res.res.headers['content-type']).toContain('spreadsheetml');
    const sheet = book!.getWorksheet('综合排名')!;
    expect(String(sheet.getCell('A1').value)).toContain('2026年6月综合排名（已关账）');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const api = await ranking('month=2026-06');
    expect(api.isFrozen).toBe(true);
    expectSameRows(sheet, api);
    expect(sheet.getColumn(5).numFmt).toBe('0.00');
  });

  it('should export a month not closed live, one group on request, and audit each export', async () => {
    const live = await xlsx('admin', 'month=2026-07');
    expect(String(live.book!.getWorksheet('综合排名')!.getCell('A1').value)).toContain('未关账，实时计算');
    expectSameRows(live.book!.getWorksheet('综合排名')!, await ranking('month=2026-07'));

    const towns = await xlsx('admin', 'month=2026-06&group=towns');
    const sheet = towns.book!.getWorksheet('综合排名')!;
    expect(String(sheet.getCell('A1').value)).toContain('乡镇（街道）综合排名');
    expectSameRows(sheet, await ranking('month=2026-06&group=towns'));
    expect(dataRows(sheet).every((r) => r[0] === '乡镇（街道）')).toBe(true);

    const audit = await t.dataSource.query(
      `SELECT username, object_id AS "objectId", detail FROM audit_event WHERE action = 'export.ranking' ORDER BY id`,
    );
    expect(audit.map((a: { username: string }) => a.username)).toEqual(['leader', 'admin', 'admin']);
    expect(audit[2]).toMatchObject({
      objectId: String(c.planId),
      detail: { query: { planId: c.planId, month: '2026-06', group: 'towns' }, rows: 4 },
    });
  });

  it('should let every business reader export and refuse bad queries', async () => {
    expect((await xlsx('rep_t01', 'month=2026-06')).status).toBe(200);
    expect((await xlsx('sysadmin', 'month=2026-06')).status).toBe(403);
    const unknownGroup = await download(
      t.http,
      auth.admin,
      `/exports/ranking.xlsx?planId=${c.planId}&month=2026-06&group=parks`,
    );
    expect(unknownGroup.status).toBe(400);
    expect(JSON.parse(unknownGroup.body.toString()).details[0].field).toBe('group');
    for (const query of [
      '',
      'month=2026-13',
      'month=2025-06',
      'month=2026-06&group=a%20b',
      'month=2026-06&x=1',
    ]) {
      expect((await xlsx('admin', query)).status).toBe(400);
    }
    expect(
      (await download(t.http, auth.admin, '/exports/ranking.xlsx?planId=999999&month=2026-06')).status,
    ).toBe(404);
  });
});
