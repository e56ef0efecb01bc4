import type { RankingGroup } from '../contracts/plans.js';
import { Dec } from '../money/decimal.js';
import { completionOf } from '../progress/progress-figures.js';
import { listWords, type IndicatorNamer } from './board-words.js';
import { Fraction } from './exact.js';
import { plain } from './format.js';
import { edgePlaces, rankByChain, type ChainRanked } from './tie-break.js';
import type {
  BoardCondition,
  BoardList,
  BoardPool,
  BoardRule,
  PlaceCondition,
  RankMode,
  RatioFigures,
  RedBlack,
  ScoredBoard,
  ScoredBoardList,
  ScoredBoardPool,
  ScoringBasis,
  TieBreak,
} from './types.js';

/** A ranked unit as boards and awards see it: its group, total and the points of each item that applies. */
export interface BoardUnit {
  id: number;
  name: string;
  sortOrder: number;
  groupCode: string;
  total: Dec;
  itemPoints: ReadonlyMap<string, Dec>;
}

/** What boards, awards and the groups' ranking need from the scored plan. */
export interface BoardContext {
  /** Units in a ranking group, in unit order. */
  units: readonly BoardUnit[];
  groups: readonly RankingGroup[];
  figures: (unitId: number, indicatorCode: string) => RatioFigures;
  /** The plan's time progress at the month (fraction). */
  expected: Dec;
  /**
   * An indicator's own time progress at the month, exactly (its lag or curve, §7.4); absent: the plan's `expected`
   * for every indicator. `onPace`/`behindPace` and award gates compare each indicator with its own.
   */
  expectedOf?: (indicatorCode: string) => Fraction;
  namer: IndicatorNamer;
  rankMode: RankMode;
  tieBreaks: readonly TieBreak[];
}

export type RankedUnit = ChainRanked<{ id: number; sortOrder: number; score: Dec; unit: BoardUnit }>;

/** The tie-break keys of a unit, in the chain's order (the unit order as two keys: sort order, then id). */
export function tieBreakKeys(ctx: BoardContext, unit: BoardUnit): Array<Dec | null> {
  return ctx.tieBreaks.flatMap((t): Array<Dec | null> => {
    switch (t.by) {
      case 'completion': {
        const f = ctx.figures(unit.id, t.indicator);
        return [completionOf(f.actual, f.target)];
      }
      case 'actual':
        return [new Dec(ctx.figures(unit.id, t.indicator).actual)];
      case 'item':
        return [unit.itemPoints.get(t.item) ?? null];
      case 'unitOrder':
        return [new Dec(-unit.sortOrder), new Dec(-unit.id)];
    }
  });
}

/** The score a board or award ranks by: the total, or Σ points of its items that apply to the unit. */
export function boardScore(unit: BoardUnit, items: readonly string[] | undefined): Dec {
  if (items === undefined) return unit.total;
  return items.reduce((sum, code) => sum.plus(unit.itemPoints.get(code) ?? 0), new Dec(0));
}

/** Ranks units by a score and the plan's tie-break chain, in its rank mode (or the one given). */
export function rankUnits(
  ctx: BoardContext,
  units: readonly BoardUnit[],
  items: readonly string[] | undefined,
  mode: RankMode = ctx.rankMode,
): RankedUnit[] {
  return rankByChain(
    units.map((unit) => ({
      id: unit.id,
      sortOrder: unit.sortOrder,
      score: boardScore(unit, items),
      keys: tieBreakKeys(ctx, unit),
      unit,
    })),
    mode,
  );
}

/**
 * The pools of a board or award: its `pools` (groups ranked together), then every other group of `groups` (all the
 * plan's groups when absent) alone, in the plan's group order (a pool at the place of its first group).
 */
export function poolsOf(ctx: BoardContext, rule: { groups?: string[]; pools?: BoardPool[] }): BoardPool[] {
  const wanted = new Set(rule.groups ?? ctx.groups.map((g) => g.code));
  const out: BoardPool[] = [];
  const placed = new Set<string>();
  for (const group of ctx.groups) {
    if (placed.has(group.code)) continue;
    const pool = (rule.pools ?? []).find((p) => p.groups.includes(group.code));
    if (pool) {
      out.push(pool);
      pool.groups.forEach((g) => placed.add(g));
    } else if (wanted.has(group.code)) {
      out.push({ code: group.code, name: group.name, groups: [group.code] });
      placed.add(group.code);
    }
  }
  return out;
}

/**
 * Places the expected amount is rounded to before it is compared. m/12 has no finite decimal: at 40 significant
 * digits 3 × 1/3 is 0.999…9 and a unit exactly on 序时进度 would miss it; 20 places keep every real amount exact.
 */
const PACE_SCALE = 20;

/**
 * An indicator at or above its 序时进度: actual ≥ target × expected (no ratio is cut first); null without a target
 * (the unit is neither on nor behind pace there).
 */
export function isOnPace(ctx: BoardContext, unitId: number, indicator: string): boolean | null {
  const f = ctx.figures(unitId, indicator);
  if (completionOf(f.actual, f.target) === null) return null;
  // the indicator's own 序时进度 (a lag of a month: 外资 measured against 1–(m−1)月), compared as a fraction
  if (ctx.expectedOf)
    return Fraction.of(f.actual).cmp(Fraction.of(f.target!).mul(ctx.expectedOf(indicator))) >= 0;
  return new Dec(f.actual).gte(new Dec(f.target!).mul(ctx.expected).toDecimalPlaces(PACE_SCALE));
}

function basisValue(ctx: BoardContext, unitId: number, indicator: string, basis: ScoringBasis): Dec | null {
  const f = ctx.figures(unitId, indicator);
  const completion = completionOf(f.actual, f.target);
  if (basis === 'completion') return completion;
  return new Dec(f.actual);
}

function isPlaceCondition(c: BoardCondition): c is PlaceCondition {
  return c.type === 'firstOn' || c.type === 'lastOn';
}

/** Whether each unit of the pool meets a condition. */
function conditionHolds(
  ctx: BoardContext,
  pool: readonly BoardUnit[],
  c: BoardCondition,
): (unitId: number) => boolean {
  if (!isPlaceCondition(c)) {
    return c.type === 'onPace'
      ? (id) => c.indicators.every((i) => isOnPace(ctx, id, i) === true)
      : (id) => c.indicators.some((i) => isOnPace(ctx, id, i) === false);
  }
  const basis = c.basis ?? 'completion';
  const hits = new Map<number, number>();
  for (const indicator of c.indicators) {
    const values = pool.flatMap((u) => {
      const v = basisValue(ctx, u.id, indicator, basis);
      return v === null ? [] : [{ id: u.id, v }];
    });
    if (values.length === 0) continue;
    const edge = values.reduce(
      (best, x) => (c.type === 'firstOn' ? Dec.max(best, x.v) : Dec.min(best, x.v)),
      values[0]!.v,
    );
    for (const x of values) if (x.v.eq(edge)) hits.set(x.id, (hits.get(x.id) ?? 0) + 1);
  }
  const min = c.min ?? 1;
  return (id) => (hits.get(id) ?? 0) >= min;
}

/** Whether a unit meets a list's conditions: every allOf, and one anyOf when given. */
export function listFilter(
  ctx: BoardContext,
  pool: readonly BoardUnit[],
  list: BoardList,
): (unitId: number) => boolean {
  const all = (list.allOf ?? []).map((c) => conditionHolds(ctx, pool, c));
  const any = (list.anyOf ?? []).map((c) => conditionHolds(ctx, pool, c));
  return (id) => all.every((f) => f(id)) && (any.length === 0 || any.some((f) => f(id)));
}

/** The places a list takes in a pool before its conditions: sizes[pool], sizes[its single group], size, or null. */
export function listSizeOf(list: BoardList | undefined, pool: BoardPool): number | null {
  if (!list) return null;
  const sizes = list.sizes ?? {};
  const own = sizes[pool.code] ?? (pool.groups.length === 1 ? sizes[pool.groups[0]!] : undefined);
  return own ?? list.size ?? null;
}

/**
 * A pool's red and black lists: the edge places (or every unit, without a size), then the conditions; the black
 * list never holds a unit of the red one. Red best first, black worst first.
 */
export function poolLists(
  ctx: BoardContext,
  ranked: readonly RankedUnit[],
  lists: BoardRule['lists'],
  sizes: { red: number | null; black: number | null },
): { red: number[] | null; black: number[] | null } {
  const units = ranked.map((r) => r.entry.unit);
  const edges = edgePlaces(ranked, sizes.red, sizes.black);
  const pick = (side: RedBlack, exclude: ReadonlySet<number>): number[] | null => {
    const list = lists[side];
    if (!list) return null;
    const candidates = edges[side] ?? (side === 'red' ? ranked : [...ranked].reverse()).map((r) => r.entry);
    const holds = listFilter(ctx, units, list);
    return candidates.filter((c) => holds(c.id) && !exclude.has(c.id)).map((c) => c.id);
  };
  const red = pick('red', new Set());
  const black = pick('black', new Set(red ?? []));
  return { red, black };
}

/** Every board of the plan, pool by pool, with its rule in words. */
export function scoreBoards(ctx: BoardContext, boards: readonly BoardRule[]): ScoredBoard[] {
  return boards.map((board) => ({
    code: board.code,
    name: board.name,
    pools: poolsOf(ctx, board).map((pool): ScoredBoardPool => {
      const members = ctx.units.filter((u) => pool.groups.includes(u.groupCode));
      const ranked = rankUnits(ctx, members, board.items);
      const sizes = { red: listSizeOf(board.lists.red, pool), black: listSizeOf(board.lists.black, pool) };
      const lists = poolLists(ctx, ranked, board.lists, sizes);
      const side = (id: number): RedBlack | null =>
        lists.red?.includes(id) ? 'red' : lists.black?.includes(id) ? 'black' : null;
      const described = (s: RedBlack, ids: number[] | null): ScoredBoardList | null => {
        const list = board.lists[s];
        if (!list || ids === null) return null;
        return { rule: listWords(board, list, s, sizes[s], ctx.namer), size: sizes[s], unitIds: ids };
      };
      return {
        code: pool.code,
        name: pool.name,
        groups: pool.groups,
        entries: ranked.map((r) => ({
          unitId: r.entry.id,
          unitName: r.entry.unit.name,
          groupCode: r.entry.unit.groupCode,
          rank: r.rank,
          isTied: r.isTied,
          score: plain(r.entry.score),
          list: side(r.entry.id),
        })),
        red: described('red', lists.red),
        black: described('black', lists.black),
      };
    }),
  }));
}
