import type { ErrorDetail } from '../contracts/errors.js';
import { expectedFraction } from '../periods/time-progress.js';
import { Dec } from '../money/decimal.js';
import { Fraction } from './exact.js';
import { DEFAULT_YELLOW_BAND, expectedFractionExact } from '../progress/progress-figures.js';
import { scoreBandShortfall } from './band-shortfall.js';
import { scoreBonus } from './bonus.js';
import { scoreComposite } from './composite.js';
import { scoreCompletion } from './completion.js';
import { scoreDeduction } from './deduction.js';
import { forecastYearEnd } from './forecast.js';
import { DEFAULT_DISPLAY_DECIMALS, plain, unscored, ZERO } from './format.js';
import { PlanData } from './plan-data.js';
import { scoreRank } from './rank-method.js';
import { scoreRelative } from './relative.js';
import { scoreThreshold } from './threshold.js';
import { listOf } from './ties.js';
import { scoreAwards } from './awards.js';
import { rankUnits, scoreBoards, type BoardContext } from './boards.js';
import { edgePlaces } from './tie-break.js';
import { scoreTiers } from './tiers.js';
import { exactCellFigures, type ExactCellFigures } from '../progress/progress-figures.js';
import { cellRounding, publishCell, resolveRounding } from './rounding.js';
import { indicatorExpected, quarterlyRule, quarterlyWords, timeProgressText } from './time-progress.js';
import type {
  FormulaOptions,
  ItemScore,
  PoolMember,
  ScoredCell,
  ScoredGroup,
  ScoredItem,
  ScoredUnit,
  ScorePlanInput,
  ScorePlanResult,
  ScoringItem,
  ScoringPlanConfig,
  ScoringUnit,
} from './types.js';
import { validateScoringConfig } from './validate.js';
import {
  cellsByUnit,
  changedUnits,
  itemPointsOf,
  keptTotals,
  sameItem,
  scoringSignatures,
  type ScoringState,
} from './incremental.js';

export * from './types.js';
export { SCORE_SCALE } from './format.js';
export { scoreCompletion, DEFAULT_COMPLETION_CAP } from './completion.js';
export { scoreComposite } from './composite.js';
export { scoreThreshold, DEFAULT_THRESHOLD } from './threshold.js';
export { scoreTiers } from './tiers.js';
export { scoreRelative } from './relative.js';
export { scoreRank } from './rank-method.js';
export { scoreBonus } from './bonus.js';
export { scoreDeduction, DEFAULT_DEDUCTION_FLOOR } from './deduction.js';
export { scoreBandShortfall } from './band-shortfall.js';
export { cellFigures, type CellFigures } from './traffic-light.js';
export { assignRanks, redBlackLists, type RankCandidate, type Ranked } from './ties.js';
export { listPlaces, chineseNumber } from './list-places.js';
export { forecastYearEnd, FORECAST_SCALE, type YearEndForecastInput } from './forecast.js';
export { validateScoringConfig, type ValidateScoringOptions } from './validate.js';
export { rankByChain, edgePlaces, type ChainCandidate, type ChainRanked } from './tie-break.js';
export { scoreBoards, type BoardContext, type BoardUnit } from './boards.js';
export { scoreAwards } from './awards.js';
export { listWords, awardWords, conditionWords, scoreLabelOf } from './board-words.js';
export { Fraction, roundBy, ROUNDING_MODES, type RoundingMode } from './exact.js';
export { publishedCell, resolveRounding, ROUNDING_MODE_TEXT, type ResolvedRounding } from './rounding.js';
export {
  indicatorExpected,
  quarterlyRule,
  quarterlyWords,
  timeProgressText,
  type IndicatorTimeProgress,
} from './time-progress.js';
export { NO_VALUE } from './figures.js';
export { scoringSignatures, changedUnits, type ScoringSignatures, type ScoringState } from './incremental.js';

/** Thrown by scorePlan when the plan's scoring configuration does not pass validateScoringConfig. */
export class ScoringConfigError extends Error {
  constructor(readonly issues: ErrorDetail[]) {
    super(`invalid scoring configuration: ${issues.map((i) => i.messageEn).join('; ')}`);
    this.name = 'ScoringConfigError';
  }
}

const NOT_IN_GROUP = '不属于任何考核分组，不参与组内比较';

/**
 * The scoring engine (DOMAIN.md §4–5, docs/scoring.md): for a plan at a month, every unit × indicator's
 * completion, gap, light and year-end forecast; every unit's scorecard (each item with its inputs, formula and
 * points; subtotal, coefficient, total); ranks within each ranking group, with the red and black lists.
 * Pure: the month and all data are arguments. Throws ScoringConfigError on an invalid configuration and
 * RangeError on a month outside 1..12.
 */
export function scorePlan(input: ScorePlanInput): ScorePlanResult {
  return scoreWith(input, undefined);
}

/**
 * What a rescoring may take over from the previous result: everything of the units not in `changed` (their cells
 * and, unless a pool they are in is recomputed, their items and totals). Ranks, lists, boards and awards are always
 * recomputed, from every unit's total.
 */
interface Reuse {
  result: ScorePlanResult;
  changed: ReadonlySet<number>;
}

/**
 * The input scored again after a change, reusing the previous scoring where the change cannot move it (docs/scoring.md
 * "Incremental scoring"): only the units whose own data changed are scored again — their cells and items — plus
 * every unit of a `relative` or `rank` pool one of them is in; then ranks, lists, boards and awards of every group.
 * The result is exactly scorePlan(input)'s (incremental.spec.ts). A change of the plan, the units, the indicators or
 * the coefficients scores everything again. `changedUnitIds` is null after a full scoring.
 */
export function rescorePlan(
  previous: ScoringState | null,
  input: ScorePlanInput,
): ScoringState & { changedUnitIds: number[] | null } {
  const signatures = scoringSignatures(input);
  const changed =
    previous === null
      ? null
      : changedUnits(previous.signatures, signatures, new Set(input.units.map((u) => u.id)));
  if (previous === null || changed === null) {
    return { signatures, result: scoreWith(input, undefined), changedUnitIds: null };
  }
  return {
    signatures,
    result: rescoreUnits(previous.result, input, changed),
    changedUnitIds: [...changed].sort((a, b) => a - b),
  };
}

/**
 * scorePlan(input) computed from `previous`, the result of an input that differs from this one only in the own data
 * of the `changed` units (changedUnits tells them; a caller that has the signatures already uses this directly).
 */
export function rescoreUnits(
  previous: ScorePlanResult,
  input: ScorePlanInput,
  changed: ReadonlySet<number>,
): ScorePlanResult {
  return scoreWith(input, { result: previous, changed });
}

function scoreWith(input: ScorePlanInput, reuse: Reuse | undefined): ScorePlanResult {
  const { plan } = input;
  const expected = expectedFraction(plan.curve, plan.month);
  const issues = validateScoringConfig(
    plan.scoring,
    input.indicators.map((i) => i.code),
    { groupCodes: plan.rankingGroups.map((g) => g.code) },
  );
  if (issues.length > 0) throw new ScoringConfigError(issues);
  const config = plan.scoring as ScoringPlanConfig;
  const displayDecimals = plan.displayDecimals ?? DEFAULT_DISPLAY_DECIMALS;
  const options = resolveRounding('points', config.rounding, undefined, displayDecimals);
  const yellowBand = plan.yellowBand ?? DEFAULT_YELLOW_BAND;
  const data = new PlanData(input);
  // per plan, not per cell: a province scores 90,000 cells
  const expectedText = expected.toFixed();
  const expectedExact = expectedFractionExact(plan.curve, plan.month);
  const yellowExact = Fraction.of(yellowBand);

  // each indicator's own time progress (a lag, its own curve), computed once per plan
  const perIndicator = new Map(
    input.indicators.map((indicator) => {
      const settings = config.indicators?.[indicator.code];
      // a quarterly indicator's figures are of the last quarter's month: measured against its time progress
      const quarterly =
        indicator.reportFrequency === 'quarterly'
          ? quarterlyRule(plan.month, settings?.timeProgress)
          : undefined;
      const own = quarterly ?? settings?.timeProgress;
      const exact = own === undefined ? expectedExact : indicatorExpected(plan.curve, plan.month, own);
      const ofQuarter = quarterly === undefined ? undefined : quarterlyWords(plan.month, quarterly);
      return [
        indicator.id,
        {
          settings,
          exact,
          text: own === undefined ? expectedText : exact.toDec().toFixed(),
          words: ofQuarter?.words ?? timeProgressText(plan.month, own),
          dataMonth:
            ofQuarter !== undefined && ofQuarter.dataMonth < plan.month ? ofQuarter.dataMonth : undefined,
          rounding: cellRounding(config.rounding, settings?.rounding, displayDecimals),
        },
      ];
    }),
  );

  // an optional indicator's figure of an earlier month than the plan's says so (数据截至8月)
  const asOfByCell = new Map<string, number>();
  for (const a of input.actuals) {
    if (a.asOfMonth !== undefined && a.asOfMonth < plan.month)
      asOfByCell.set(`${a.unitId}:${a.indicatorId}`, a.asOfMonth);
  }
  const previousCells = reuse === undefined ? undefined : cellsByUnit(reuse.result.cells);
  const cells: ScoredCell[] = data.units.flatMap((unit) => {
    const kept = reuse === undefined || reuse.changed.has(unit.id) ? undefined : previousCells!.get(unit.id);
    if (kept !== undefined) return kept;
    return input.indicators.map((indicator) => {
      const { actual, target, exact } = data.figures(unit.id, indicator.id);
      const own = perIndicator.get(indicator.id)!;
      // a plain figure stays text (the cheap path); a ratio given with its parts is its exact fraction
      const value = exact === undefined ? actual : exact;
      const figures = exactCellFigures(value, target, own.exact, yellowExact);
      return {
        unitId: unit.id,
        indicatorId: indicator.id,
        actual: plain(actual),
        target: target === null ? null : plain(target),
        ...pickCell(figures),
        expected: own.text,
        forecast: forecastYearEnd({
          isCumulative: indicator.kind !== 'ratio',
          actual,
          target,
          month: plan.month,
          curve: plan.curve,
          expected,
          history: data.history(unit.id, indicator.id),
        }),
        hasValue: value !== null,
        display: cellDisplay(
          publishCell(figures.exactCompletion ?? null, own.exact, own.rounding),
          own,
          asOfByCell.get(`${unit.id}:${indicator.id}`),
        ),
      };
    });
  });

  const scores = new Map(
    config.items.map((item) => [item.code, scoreItem(item, data, options, reuse?.changed)]),
  );
  const previousUnits =
    reuse === undefined ? undefined : new Map(reuse.result.units.map((u) => [u.unitId, u]));

  const scorecards = data.units.map((unit) => {
    const before = previousUnits?.get(unit.id);
    // a unit whose own data did not change keeps its items and totals unless a pool item it is in scored otherwise
    if (
      before !== undefined &&
      !reuse!.changed.has(unit.id) &&
      config.items.every((item) => {
        const s = scores.get(item.code)!.get(unit.id);
        return (
          s === undefined ||
          sameItem(
            s,
            before.items.find((i) => i.code === item.code),
          )
        );
      })
    ) {
      return { unit, items: before.items, ...keptTotals(before), before };
    }
    const items: ScoredItem[] = config.items
      .filter((item) => data.applies(item, unit))
      .map((item) => {
        const s = scores.get(item.code)!.get(unit.id);
        if (s === undefined) return before!.items.find((i) => i.code === item.code)!;
        return {
          code: item.code,
          name: item.name,
          method: item.method,
          isScored: s.isScored,
          inputs: s.inputs,
          formula: s.formula,
          points: plain(s.points),
        };
      });
    const subtotal = items.reduce((sum, i) => sum.plus(i.points), ZERO);
    const coefficient = data.coefficient(unit.id, config.coefficient);
    return { unit, items, subtotal, coefficient, total: subtotal.mul(coefficient), before: undefined };
  });

  const boardCtx = boardContextOf(input, data, scorecards, config, expected);
  // boards' and awards' 序时进度 is each indicator's own (its lag or curve), as its cell's
  const expectedByCode = new Map(
    input.indicators.map((i) => [i.code, perIndicator.get(i.id)?.exact ?? expectedExact]),
  );
  boardCtx.expectedOf = (code) => expectedByCode.get(code) ?? expectedExact;
  const rankOf = new Map<number, { rank: number; list: ScoredUnit['list'] }>();
  const groups: ScoredGroup[] = plan.rankingGroups.map((group) => {
    const members = boardCtx.units.filter((u) => u.groupCode === group.code);
    // without a rank mode or tie-breaks this is assignRanks and redBlackLists (tie-break.spec.ts)
    const ranked = rankUnits(boardCtx, members, undefined);
    const size = config.listSize ?? 0;
    const edges = edgePlaces(ranked, size, size);
    const lists = { red: edges.red ?? [], black: edges.black ?? [] };
    const entries = ranked.map((r) => ({
      unitId: r.entry.id,
      unitName: r.entry.unit.name,
      rank: r.rank,
      total: plain(r.entry.score),
      list: listOf(r.entry, lists),
      isTied: r.isTied,
    }));
    for (const e of entries) rankOf.set(e.unitId, { rank: e.rank, list: e.list });
    return {
      code: group.code,
      name: group.name,
      entries,
      red: lists.red.map((u) => u.id),
      black: lists.black.map((u) => u.id),
    };
  });

  const units: ScoredUnit[] = scorecards.map((s) => {
    const rank = rankOf.get(s.unit.id)?.rank ?? null;
    const list = rankOf.get(s.unit.id)?.list ?? null;
    // a unit taken over whole is the previous object itself unless its place moved
    if (s.before !== undefined)
      return s.before.rank === rank && s.before.list === list ? s.before : { ...s.before, rank, list };
    return {
      unitId: s.unit.id,
      unitName: s.unit.name,
      category: s.unit.category,
      sortOrder: s.unit.sortOrder,
      groupCode: data.groupOf(s.unit)?.code ?? null,
      items: s.items,
      subtotal: plain(s.subtotal),
      coefficient: plain(s.coefficient),
      total: plain(s.total),
      rank,
      list,
    };
  });

  return {
    month: plan.month,
    expected: expected.toFixed(),
    yellowBand: plain(yellowBand),
    cells,
    units,
    groups,
    warnings: data.warnings,
    boards: scoreBoards(boardCtx, config.boards ?? []),
    awards: scoreAwards(boardCtx, config.awards ?? []),
  };
}

/** The ranked units (those in a group) with what boards, awards and tie-breaks read of them. */
function boardContextOf(
  input: ScorePlanInput,
  data: PlanData,
  scorecards: ReadonlyArray<{ unit: ScoringUnit; items: ScoredItem[]; total: Dec }>,
  config: ScoringPlanConfig,
  expected: Dec,
): BoardContext {
  const names = new Map(input.indicators.map((i) => [i.code, i.name ?? i.code]));
  return {
    units: scorecards.flatMap((s) => {
      const group = data.groupOf(s.unit);
      if (group === null) return [];
      return [
        {
          id: s.unit.id,
          name: s.unit.name,
          sortOrder: s.unit.sortOrder,
          groupCode: group.code,
          total: s.total,
          itemPoints: itemPointsOf(s.items),
        },
      ];
    }),
    groups: input.plan.rankingGroups,
    figures: (unitId, code) => data.figuresByCode(unitId, code),
    expected,
    namer: (code) => names.get(code) ?? code,
    rankMode: config.rankMode ?? 'competition',
    tieBreaks: config.tieBreaks ?? [],
  };
}

/** A cell's published figures with its time progress words and, when older than the plan's month, its data month. */
function cellDisplay(
  published: Omit<ScoredCell['display'], 'timeProgress' | 'dataMonth'>,
  own: { words: string | null; dataMonth: number | undefined },
  asOfMonth: number | undefined,
): ScoredCell['display'] {
  if (asOfMonth !== undefined) {
    const words = [own.words, `数据截至${asOfMonth}月`].filter((w) => w !== null).join('；');
    return { ...published, timeProgress: words, dataMonth: asOfMonth };
  }
  return {
    ...published,
    timeProgress: own.words,
    ...(own.dataMonth !== undefined ? { dataMonth: own.dataMonth } : {}),
  };
}

function pickCell(f: ExactCellFigures): Pick<ScoredCell, 'completion' | 'gapPp' | 'light'> {
  return { completion: f.completion, gapPp: f.gapPp, light: f.light };
}

/** One item's score for every unit it applies to. */
function scoreItem(
  item: ScoringItem,
  data: PlanData,
  options: FormulaOptions,
  changed: ReadonlySet<number> | undefined,
): Map<number, ItemScore> {
  const all = data.units.filter((u) => data.applies(item, u));
  // when rescoring, an item is scored again for the changed units only, and a pool for all its members when one of
  // them changed
  const units = changed === undefined ? all : all.filter((u) => changed.has(u.id));
  const perUnit = (score: (unit: ScoringUnit) => ItemScore) => new Map(units.map((u) => [u.id, score(u)]));
  switch (item.method) {
    case 'completion':
      return perUnit((u) => scoreCompletion(item, data.figuresByCode(u.id, item.indicator), options));
    case 'composite':
      return perUnit((u) =>
        scoreComposite(
          item,
          Object.fromEntries(item.parts.map((p) => [p.indicator, data.figuresByCode(u.id, p.indicator)])),
          options,
        ),
      );
    case 'threshold':
      return perUnit((u) => scoreThreshold(item, data.figuresByCode(u.id, item.indicator), options));
    case 'tiers':
      return perUnit((u) => scoreTiers(item, data.figuresByCode(u.id, item.indicator), options));
    case 'relative':
    case 'rank': {
      const scores = new Map<number, ItemScore>();
      const pools = new Map<string, PoolMember[]>();
      const moved = changed === undefined ? null : new Set(units.map((u) => data.groupOf(u)?.code ?? null));
      for (const u of changed === undefined ? units : all) {
        if (moved !== null && !moved.has(data.groupOf(u)?.code ?? null)) continue;
        if (moved !== null && data.groupOf(u) === null && !changed!.has(u.id)) continue;
        const group = data.groupOf(u);
        const member = { unitId: u.id, sortOrder: u.sortOrder, ...data.figuresByCode(u.id, item.indicator) };
        if (group === null) {
          scores.set(
            u.id,
            unscored(
              { actual: plain(member.actual), target: member.target === null ? null : plain(member.target) },
              NOT_IN_GROUP,
            ),
          );
        } else {
          const pool = pools.get(group.code) ?? [];
          pool.push(member);
          pools.set(group.code, pool);
        }
      }
      for (const pool of pools.values()) {
        const pooled =
          item.method === 'relative' ? scoreRelative(item, pool, options) : scoreRank(item, pool, options);
        for (const [id, s] of pooled) scores.set(id, s);
      }
      return scores;
    }
    case 'bonus':
      return perUnit((u) => scoreBonus(item, data.facts(u.id, item.code), options));
    case 'deduction':
      return perUnit((u) => scoreDeduction(item, data.facts(u.id, item.code), options));
    case 'band-shortfall':
      return perUnit((u) => scoreBandShortfall(item, data.facts(u.id, item.code), options));
  }
}
