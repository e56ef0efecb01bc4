import { Dec } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { DemoSeedService } from '../src/database/seeds/demo-seed.service';
import { createTestApp, type TestApp } from './create-test-app';
import { bearer } from './factories/user.factory';

// the demo's today
const clock = { now: () => new Date('2026-11-25T04:00:00Z') };
const DEMO_PASSWORD = 'Pacer@2026';
const MONTHS = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

interface Row {
  unitId: number;
  unitName: string;
  group: string;
  total: string;
  rank: number;
  movement: { kind: string; places: number };
}
interface Ranking {
  isFrozen: boolean;
  computedAt: string | null;
  rows: Row[];
  groups: Array<{ code: string; unitCount: number; red: unknown[]; black: unknown[] }>;
}

describe('the demo county’s rankings (e2e)', () => {
  let t: TestApp;
  let planId: number;
  const auth: Record<string, string> = {};

  const ranking = async (month: string): Promise<Ranking> =>
    (
      await t.http
        .get(`/api/v1/plans/${planId}/ranking?month=${month}`)
        .set('Authorization', auth.leader!)
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    const result = await t.app.get(DemoSeedService).seed('test');
    if (!result.seeded) throw new Error('the demo was not seeded');
    planId = result.planId;
    auth.leader = await bearer(t.http, 'leader', DEMO_PASSWORD);
    auth.admin = await bearer(t.http, 'admin', DEMO_PASSWORD);
  }, 60000);
  afterAll(() => t?.close());

  it('should freeze January–October on their close days, as the month-close job would have', async () => {
    const rows = await t.dataSource.query(
      `SELECT s.month, s.computed_at AS "computedAt", count(su.unit_id)::int AS units
         FROM ranking_snapshot s JOIN ranking_snapshot_unit su ON su.snapshot_id = s.id
        WHERE s.plan_id = $1 GROUP BY 1, 2 ORDER BY 1`,
      [planId],
    );
    expect(rows.map((r: { month: string }) => r.month)).toEqual(MONTHS);
    // October closed on 10 November, 09:00 in Shanghai; the county and its 24 units
    expect(rows[9]).toEqual({ month: '2026-10', computedAt: new Date('2026-11-10T01:00:00Z'), units: 25 });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'ranking.close' AND username = 'system'`,
    );
    expect(n).toBe(10);
  });

  it('should rank every month January–October in its three groups, with movement from February on', async () => {
    for (const month of MONTHS) {
      const body = await ranking(month);
      expect(body.isFrozen).toBe(true);
      expect(body.groups.map((g) => [g.code, g.unitCount])).toEqual([
        ['towns', 10],
        ['departments', 10],
        ['parks', 4],
      ]);
      for (const group of body.groups) {
        const rows = body.rows.filter((r) => r.group === group.code);
        expect(rows[0]!.rank).toBe(1);
        // best first, totals between 0 and the 109 points the 考核办法 can give
        const totals = rows.map((r) => new Dec(r.total));
        totals.forEach((total, i) => {
          expect(total.gte(0) && total.lte(109)).toBe(true);
          if (i > 0) expect(total.lte(totals[i - 1]!)).toBe(true);
        });
        expect(group.red.length).toBeGreaterThan(0);
        expect(group.black.length).toBeGreaterThan(0);
      }
      // the totals spread: a ranking, not a tie of everyone
      expect(new Set(body.rows.map((r) => r.total)).size).toBeGreaterThan(12);
      const kinds = new Set(body.rows.map((r) => r.movement.kind));
      if (month === '2026-01') expect([...kinds]).toEqual(['new']);
      else expect(kinds.has('up') && kinds.has('down')).toBe(true);
    }
  });

  it('should explain a unit’s October score item by item, adding up to its total', async () => {
    const october = await ranking('2026-10');
    const first = october.rows[0]!;
    const card = await t.http
      .get(`/api/v1/plans/${planId}/units/${first.unitId}/scorecard?month=2026-10`)
      .set('Authorization', auth.leader!)
      .expect(200);
    expect(card.body).toMatchObject({ isFrozen: true, rank: 1, total: first.total });
    const sum = card.body.items.reduce((s: Dec, i: { points: string }) => s.plus(i.points), new Dec(0));
    expect(sum.eq(card.body.total)).toBe(true);
    expect(card.body.items.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['B_W500', 'D_REPORT']),
    );
  });

  it('should keep October frozen when a November report is approved, while November moves', async () => {
    const octoberBefore = await ranking('2026-10');
    const novemberBefore = await ranking('2026-11');
    expect(novemberBefore.isFrozen).toBe(false);
    const [report] = await t.dataSource.query(
      `SELECT r.id, r.unit_id AS "unitId", r.version FROM monthly_report r JOIN report_value v ON v.report_id = r.id
        WHERE r.plan_id = $1 AND r.month = '2026-11' AND r.status = 'submitted' AND v.value > 0
        ORDER BY r.id LIMIT 1`,
      [planId],
    );
    const cellOf = async (month: string) => {
      const res = await t.http
        .get(`/api/v1/plans/${planId}/units/${report.unitId}/scorecard?month=${month}`)
        .set('Authorization', auth.leader!)
        .expect(200);
      return res.body.cells.find((c: { code: string }) => c.code === 'XS').actual as string;
    };
    const xsBefore = await cellOf('2026-11');
    await t.http
      .post(`/api/v1/reports/${report.id}/approve`)
      .set('Authorization', auth.admin!)
      .send({ version: report.version })
      .expect(200);
    expect(await ranking('2026-10')).toEqual(octoberBefore);
    expect(new Dec(await cellOf('2026-11')).gte(xsBefore)).toBe(true);
    const novemberAfter = await ranking('2026-11');
    expect(novemberAfter.rows).not.toEqual(novemberBefore.rows);
  });

  it('should serve the October dashboard from the snapshot', async () => {
    const res = await t.http
      .get(`/api/v1/plans/${planId}/dashboard?month=2026-10`)
      .set('Authorization', auth.leader!)
      .expect(200);
    expect(res.body).toMatchObject({ isFrozen: true, computedAt: '2026-11-10T01:00:00.000Z' });
    expect(res.body.headlines.map((h: { code: string }) => h.code)).toEqual([
      'QYZE',
      'SHIYI',
      'YIYI',
      'W500',
      'DWZJ',
    ]);
    expect(res.body.series[0].points).toHaveLength(10);
    expect(res.body.series[0].points.every((p: { isFrozen: boolean }) => p.isFrozen)).toBe(true);
    expect(res.body.matrix.units).toHaveLength(24);
  });
});
