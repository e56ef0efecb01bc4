import { Injectable } from '@nestjs/common';
import {
  type DashboardAtRiskUnit,
  type DashboardHeadline,
  type DashboardMatrix,
  type DashboardRankingGroup,
  type DashboardResponse,
  type DashboardSeries,
  Dec,
  expectedFraction,
  formatMonth,
  type RankMovement,
  type ScoredCell,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import {
  entityTag,
  JsonPiece,
  KeptBodies,
  type KeptJson,
  spliceJsonObject,
} from '../../common/http/kept-json';
import { RankingSnapshotsService } from '../rankings/ranking-snapshots.service';
import { RankingsService } from '../rankings/rankings.service';
import {
  headlineFigures,
  type PreviousRanks,
  type RankingPlan,
  type ScoredMonth,
  type ScoredUnitView,
} from '../rankings/rankings.types';
import { DashboardRepository } from './dashboard.repository';

/** Places shown per group on the dashboard's ranking bars. */
export const DASHBOARD_TOP_RANKS = 10;
// 万元 to 4 places, as amounts are stored
const SERIES_SCALE = 4;
/** The dashboard answer's shape, in its entity tag: bump it when the answer changes shape. */
const DASHBOARD_BODY = 'dashboard/2';

/**
 * The dashboard in one call. Headline figures, ranking, light matrix and at-risk units come from the scored month
 * (its snapshot when frozen); the trend takes each frozen month from its snapshot and the others live; report
 * discipline (late, missing) is live.
 */
@Injectable()
export class DashboardService {
  /** The light matrix and at-risk units (most of a province's 16 MiB), serialized once per kept month. */
  private readonly pieces = new KeptBodies();

  constructor(
    private readonly rankings: RankingsService,
    private readonly snapshots: RankingSnapshotsService,
    private readonly dashboard: DashboardRepository,
  ) {}

  /**
   * The dashboard as JSON (a DashboardResponse): the parts that are views of the scored month alone come kept, the
   * rest (headlines, trend, ranking bars, report discipline: read live) is serialized on each request and spliced
   * in. The entity tag names the kept month and carries a SHA-1 of the rest; nothing depends on the caller beyond
   * seeing the plan, which is checked first.
   */
  async getDashboardBody(actor: Actor, planId: number, month: string): Promise<KeptJson> {
    const plan = await this.rankings.requireVisiblePlan(actor, planId, month);
    const [scored, previous, lateReports, missingReports] = await Promise.all([
      this.rankings.loadMonth(plan, month, { withCells: true }),
      this.rankings.previous(plan, month),
      this.dashboard.listLateReports(plan.id, month),
      this.dashboard.listMissingReports(plan.id, plan.rootUnitId, month, plan.ownFigures ?? 'none'),
    ]);
    const root = scored.units.find((u) => u.depth === 0)!;
    const assessed = () => scored.units.filter((u) => u.depth > 0);
    const piece = (name: string, view: () => unknown) => new JsonPiece(this.pieces.get([scored], name, view));
    const headlineIds = new Set(scored.indicators.filter((i) => i.isHeadline).map((i) => i.id));
    const headlines = this.headlines(scored, root, headlineIds);
    // in DashboardResponse's order, every field present
    const fields: { [K in keyof DashboardResponse]: DashboardResponse[K] | JsonPiece } = {
      planId: plan.id,
      planName: plan.name,
      month,
      isFrozen: scored.isFrozen,
      computedAt: scored.computedAt,
      expected: scored.expected,
      yellowBand: scored.yellowBand,
      headlines,
      series: await this.series(plan, scored, headlines),
      ranking: ranking(scored, previous.ranks, (unit, ranks) => this.rankings.movementOf(unit, ranks)),
      matrix: piece('matrix', () => matrix(scored, assessed())),
      lateReports,
      missingReports,
      atRisk: piece('atRisk', () => atRisk(scored, assessed())),
    };
    const { body, freshDigest } = spliceJsonObject(fields);
    return {
      etag: entityTag([
        DASHBOARD_BODY,
        this.rankings.engineVersion,
        `plan-${plan.id}`,
        month,
        this.rankings.keptContentId(scored),
        freshDigest,
      ]),
      body,
    };
  }

  private headlines(
    scored: ScoredMonth,
    root: ScoredUnitView,
    ids: ReadonlySet<number>,
  ): DashboardHeadline[] {
    const cells = new Map(root.cells.map((c) => [c.indicatorId, c]));
    return scored.indicators
      .filter((i) => ids.has(i.id) && cells.has(i.id))
      .map((i) => {
        const c = cells.get(i.id)!;
        return {
          ...headlineFigures(i, c),
          forecast: c.forecast.value,
          isAtRisk: c.forecast.isAtRisk,
          // as published, at the indicator's precision (issue 14 point 12); a month frozen before issue 16 has none
          ...(c.display ? { display: { completionPct: c.display.completionPct, gapPp: c.display.gapPp } } : {}),
        };
      });
  }

  /** Months 1..m of each headline indicator: the county's cumulative actual vs its target × time progress. */
  private async series(
    plan: RankingPlan,
    scored: ScoredMonth,
    headlines: DashboardHeadline[],
  ): Promise<DashboardSeries[]> {
    if (headlines.length === 0) return [];
    const [live, frozen] = await Promise.all([
      this.dashboard.listUnitSeries(
        plan.id,
        plan.rootUnitId,
        scored.monthNo,
        headlines.map((h) => h.indicatorId),
      ),
      this.snapshots.listUnitCellsByMonth(plan.id, plan.rootUnitId, scored.month),
    ]);
    const liveValue = new Map(live.map((r) => [`${r.indicatorId}:${r.monthNo}`, r.value]));
    const frozenCells = new Map<string, Map<number, ScoredCell>>(
      frozen.map((f) => [f.month, new Map(f.cells.map((c) => [c.indicatorId, c]))]),
    );
    return headlines.map((h) => ({
      indicatorId: h.indicatorId,
      code: h.code,
      name: h.name,
      measure: h.measure,
      target: h.target,
      points: Array.from({ length: scored.monthNo }, (_, i) => {
        const monthNo = i + 1;
        const month = formatMonth(plan.year, monthNo);
        const frozenMonth = frozenCells.get(month);
        const expected = expectedFraction(plan.curve, monthNo);
        return {
          month,
          actual: frozenMonth
            ? (frozenMonth.get(h.indicatorId)?.actual ?? '0')
            : (liveValue.get(`${h.indicatorId}:${monthNo}`) ?? '0'),
          expectedActual:
            h.target === null
              ? null
              : new Dec(h.target).mul(expected).toDecimalPlaces(SERIES_SCALE).toFixed(),
          expected: expected.toFixed(),
          isFrozen: frozenMonth !== undefined,
        };
      }),
    }));
  }
}

function ranking(
  scored: ScoredMonth,
  previous: PreviousRanks,
  movementOf: (unit: ScoredUnitView, previous: PreviousRanks) => RankMovement,
): DashboardRankingGroup[] {
  const byId = new Map(scored.units.map((u) => [u.unitId, u]));
  return scored.groups.map((g) => ({
    code: g.code,
    name: g.name,
    unitCount: g.entries.length,
    rows: g.entries
      .filter((e) => e.rank <= DASHBOARD_TOP_RANKS)
      .map((e) => ({
        unitId: e.unitId,
        unitName: e.unitName,
        total: e.total,
        rank: e.rank,
        list: e.list,
        movement: movementOf(byId.get(e.unitId)!, previous),
      })),
  }));
}

/** Assessed units × scored indicators: light and completion ("—" = null without a target). */
function matrix(scored: ScoredMonth, assessed: ScoredUnitView[]): DashboardMatrix {
  const indicators = scored.indicators.filter((i) => i.isScored);
  const ids = new Set(indicators.map((i) => i.id));
  // each indicator's printed precision, read off the first published completion of its cells
  const completionDecimals = new Map<number, number>();
  for (const u of assessed) {
    for (const c of u.cells) {
      const pct = c.display?.completionPct;
      if (pct != null && !completionDecimals.has(c.indicatorId)) {
        const dot = pct.indexOf('.');
        completionDecimals.set(c.indicatorId, dot < 0 ? 0 : pct.length - dot - 1);
      }
    }
  }
  return {
    units: assessed.map((u) => ({ unitId: u.unitId, unitName: u.unitName, group: u.groupCode })),
    indicators: indicators.map((i) => {
      const decimals = completionDecimals.get(i.id);
      return {
        indicatorId: i.id,
        code: i.code,
        name: i.name,
        ...(decimals === undefined ? {} : { completionDecimals: decimals }),
      };
    }),
    cells: assessed.flatMap((u) =>
      u.cells
        .filter((c) => ids.has(c.indicatorId))
        .map((c) => ({
          unitId: u.unitId,
          indicatorId: c.indicatorId,
          light: c.light,
          completion: c.completion,
          // by the indicator's rounding mode too (进一法 / 去尾法), not only its decimals
          ...(c.display ? { completionPct: c.display.completionPct } : {}),
        })),
    ),
  };
}

/** Units whose year-end forecast falls short of a target. */
function atRisk(scored: ScoredMonth, assessed: ScoredUnitView[]): DashboardAtRiskUnit[] {
  const indicators = new Map(scored.indicators.map((i) => [i.id, i]));
  return assessed.flatMap((u) => {
    const risky = u.cells.filter((c) => c.forecast.isAtRisk === true && c.target !== null);
    if (risky.length === 0) return [];
    return [
      {
        unitId: u.unitId,
        unitName: u.unitName,
        indicators: risky.map((c) => ({
          indicatorId: c.indicatorId,
          code: indicators.get(c.indicatorId)?.code ?? '',
          name: indicators.get(c.indicatorId)?.name ?? '',
          target: c.target!,
          forecast: c.forecast.value ?? '0',
          forecastCompletion: c.forecast.completion,
        })),
      },
    ];
  });
}
