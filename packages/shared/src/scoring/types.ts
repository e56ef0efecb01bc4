import type { DecimalString } from '../contracts/common.js';
import type { RankingGroup, ScoringConfig } from '../contracts/plans.js';
import type { IndicatorKind, ReportFrequency } from '../enums/indicator-kind.js';
import type { TrafficLight } from '../enums/project-enums.js';
import type { Dec, DecimalInput } from '../money/decimal.js';
import type { Fraction, RoundingMode } from './exact.js';
import type { IndicatorTimeProgress } from './time-progress.js';

/*
 * The full shapes of a plan's scoring configuration (docs/scoring.md), and the engine's input and output.
 * Items are type aliases, not interfaces, so that they stay assignable to the stored outline `ScoringItemConfig`.
 * Every decimal field is a decimal string; a "fraction" is a ratio (1.2 = 120%); money is in 万元.
 */

/** What `relative` and `rank` compare within a group: the completion rate (default) or the raw actual. */
export type ScoringBasis = 'completion' | 'actual';

/** Fields every item has. `groups`: ranking-group codes the item applies to; all units when absent. */
type ItemHead = { code: string; name: string; groups?: string[] };

/** 完成率赋分: weight × min(completion, cap). `cap` default '1' (100%), null = no cap. */
export type CompletionItem = ItemHead & {
  method: 'completion';
  indicator: string;
  weight: DecimalString;
  cap?: DecimalString | null;
};

/** One ratio of a composite: its indicator, its share of the mix, an optional cap on that ratio alone. */
export type CompositePart = { indicator: string; share: DecimalString; cap?: DecimalString | null };

/** Completion = Σ share × ratio (shares sum to 1), then as `completion`. */
export type CompositeItem = ItemHead & {
  method: 'composite';
  parts: CompositePart[];
  weight: DecimalString;
  cap?: DecimalString | null;
};

/**
 * An increment per excess unit over the target: `points` per `per` (in the indicator's unit, e.g. '10000' 万元
 * = 1亿), at most `max` (null = no limit). `mode` 'whole' (default) counts whole units only, 'prorata' any part.
 */
export type ThresholdIncrement = {
  per: DecimalString;
  points: DecimalString;
  max?: DecimalString | null;
  mode?: 'whole' | 'prorata';
};

/** Full `points` when completion ≥ `threshold` (default '1'), else 0; plus the optional increment. */
export type ThresholdItem = ItemHead & {
  method: 'threshold';
  indicator: string;
  points: DecimalString;
  threshold?: DecimalString;
  increment?: ThresholdIncrement;
};

/** One step: completion ≥ `min` (fraction) earns `points`. */
export type Tier = { min: DecimalString; points: DecimalString };

/** A step function; `tiers` from the highest `min` down; below the last one `otherwise` (default '0'). */
export type TiersItem = ItemHead & {
  method: 'tiers';
  indicator: string;
  tiers: Tier[];
  otherwise?: DecimalString;
};

/** 功效系数法: within the group best = `max`, worst = `min`, linear between. */
export type RelativeItem = ItemHead & {
  method: 'relative';
  indicator: string;
  basis?: ScoringBasis;
  max: DecimalString;
  min: DecimalString;
};

/** 名次赋分: 1st = weight, each place below − step, never below `floor` (default '0'). */
export type RankItem = ItemHead & {
  method: 'rank';
  indicator: string;
  basis?: ScoringBasis;
  weight: DecimalString;
  step: DecimalString;
  floor?: DecimalString;
};

/** Points per counted item of a named counter (plus manual counts), optionally capped. */
export type CountRule = { counter: string; points: DecimalString; cap?: DecimalString; label?: string };

/** A size band of a project list: projects with agreed investment ≥ `minWan` (以上 includes it). */
export type BonusBand = { minWan: DecimalString; points: DecimalString; label?: string };

/** Points per project of a list by size band, each project in its highest band only (不重复加分). */
export type BandRule = { projects: string; bands: BonusBand[]; cap?: DecimalString; label?: string };

/** 加分: Σ rules + manual points, capped at `cap` when set. */
export type BonusItem = ItemHead & {
  method: 'bonus';
  rules?: Array<CountRule | BandRule>;
  cap?: DecimalString;
};

/** 扣分: base − Σ rules − manual points, never below `floor` (default '0', 扣完为止; null = no floor). */
export type DeductionItem = ItemHead & {
  method: 'deduction';
  base: DecimalString;
  rules?: CountRule[];
  floor?: DecimalString | null;
};

/**
 * A required size band: `required` projects with minWan ≤ agreed < maxWan (null/absent = no upper bound).
 * The count comes from the item's project list, or from `counter` when the item has none.
 */
export type ShortfallBand = {
  minWan: DecimalString;
  maxWan?: DecimalString | null;
  required: number;
  perMissing?: DecimalString;
  counter?: string;
  label?: string;
};

/** base − perMissing × missing projects per band, never below `floor` (default '0'). */
export type BandShortfallItem = ItemHead & {
  method: 'band-shortfall';
  base: DecimalString;
  perMissing: DecimalString;
  bands: ShortfallBand[];
  projects?: string;
  floor?: DecimalString | null;
  /** A surplus in a higher band covers a shortfall below it (大项目抵顶); default false. */
  higherFillsLower?: boolean;
};

export type ScoringItem =
  | CompletionItem
  | CompositeItem
  | ThresholdItem
  | TiersItem
  | RelativeItem
  | RankItem
  | BonusItem
  | DeductionItem
  | BandShortfallItem;

/** The typed form of `ScoringConfig` (contracts/plans.ts) once `validateScoringConfig` has passed. */
export type ScoringPlanConfig = {
  items: ScoringItem[];
  /** Applied to every unit's total unless the unit has its own; default '1'. */
  coefficient?: DecimalString;
  /** Size of the red and black lists of each group; absent = no lists. */
  listSize?: number;
  /** How equal places rank: 'competition' (default: 1, 1, 3) or 'dense' (1, 1, 2). */
  rankMode?: RankMode;
  /** Keys that separate equal totals, in order (tie-break.ts); a tie no key separates stands (并列). */
  tieBreaks?: TieBreak[];
  /** Boards (榜单) beyond the groups' red and black lists, each with its own rule (boards.ts). */
  boards?: BoardRule[];
  /** Gate-then-award rules (awards.ts). */
  awards?: AwardRule[];
  /** Per-indicator rules by indicator code: own time progress, rounding of what is published (issue 16). */
  indicators?: Record<string, IndicatorSettings>;
  /** How the plan publishes its figures (default: half-up at the plan's displayDecimals, gap from exact figures). */
  rounding?: RoundingRule;
};

// ---------------------------------------------------------------- ties, boards, awards (issue 16 rules 7–9)

/** 'competition': equal places share a rank and the next skips (1, 1, 3); 'dense': the next does not (1, 1, 2). */
export type RankMode = 'competition' | 'dense';

/**
 * A key that separates equal scores, higher first: a unit's completion or (signed) actual on an indicator (no
 * target/value = after every unit with one), its points on one scoring item, or the units' order (排序号), which
 * makes the chain a total order.
 */
export type TieBreak =
  { by: 'completion' | 'actual'; indicator: string } | { by: 'item'; item: string } | { by: 'unitOrder' };

/**
 * A condition a unit of a board's pool must meet. `onPace`: every listed indicator at or above its 序时进度
 * (actual ≥ target × expected; no target = not met). `behindPace`: at least one listed indicator below it (no target
 * = not met). `firstOn` / `lastOn`: first (last) within the pool on at least `min` (default 1) of the listed
 * indicators, by completion (default) or actual; ties share the place; a unit without a value is neither.
 */
export type BoardCondition = PaceCondition | PlaceCondition;
export type PaceCondition = { type: 'onPace' | 'behindPace'; indicators: string[] };
export type PlaceCondition = {
  type: 'firstOn' | 'lastOn';
  indicators: string[];
  min?: number;
  basis?: ScoringBasis;
};

/**
 * One list of a board. `size`: the top (red) or bottom (black) places by the board's ranking (ties on the edge all
 * make it; at most half the pool, so a unit is never on both lists); `sizes` per pool or ranking-group code replace
 * it. Absent size = every unit of the pool is a candidate. Then a candidate stays only if it meets every `allOf`
 * condition and, when `anyOf` is given, at least one of those. So a list may hold fewer than its size, or none.
 */
export type BoardList = {
  size?: number;
  sizes?: Record<string, number>;
  allOf?: BoardCondition[];
  anyOf?: BoardCondition[];
};

/** Ranking groups ranked together on one board (e.g. 乡镇 and 街道), under a code and name of their own. */
export type BoardPool = { code: string; name: string; groups: string[] };

/**
 * A board (榜单) of the notice: its units ranked by their total, or by the points of `items` only (e.g. 基础工作),
 * within each ranking group — or within `pools` of groups ranked together; groups not in a pool stay apart.
 * `groups` restricts the board to some groups. The plan's rankMode and tieBreaks apply.
 */
export type BoardRule = {
  code: string;
  name: string;
  items?: string[];
  /** What the board ranks by, in words ("基础工作得分"); default 综合得分 (or "<name>得分" with items). */
  scoreName?: string;
  groups?: string[];
  pools?: BoardPool[];
  lists: { red?: BoardList; black?: BoardList };
};

/**
 * 先达标、后评优: within each ranking group (or pool), a unit qualifies only when every `gates` indicator is at or
 * above its 序时进度; the best `count` (default 1) qualified by total (or by `items`) win — ties on the last place all
 * win unless a tie-break separates them; none qualify, none win.
 */
export type AwardRule = {
  code: string;
  name: string;
  gates: string[];
  count?: number;
  items?: string[];
  scoreName?: string;
  groups?: string[];
  pools?: BoardPool[];
};

/** How one published output is rounded: `mode` (default half-up) to `decimals` places. */
export type OutputRounding = { mode?: RoundingMode; decimals?: number };

/**
 * Rounding of published figures (issue 16, rule 5): a default `mode` and `decimals`, refined per output —
 * completion (in %), gap (in percentage points), points (formula texts) — and whether the published gap is
 * the difference of the rounded completion and time progress (`gapFrom: 'rounded'`) or the exact gap rounded
 * (`'exact'`, default). Lights and comparisons always use exact values.
 */
export type RoundingRule = OutputRounding & {
  completion?: OutputRounding;
  gapPp?: OutputRounding;
  points?: OutputRounding;
  gapFrom?: 'exact' | 'rounded';
};

/** The settings of one indicator in the plan's scoring configuration. */
export type IndicatorSettings = {
  timeProgress?: IndicatorTimeProgress;
  rounding?: RoundingRule;
};

// ---------------------------------------------------------------- engine input

export interface ScoringUnit {
  id: number;
  name: string;
  category: string;
  sortOrder: number;
}

export interface ScoringIndicator {
  id: number;
  code: string;
  name?: string;
  /**
   * A 'ratio' indicator (开工率…) is a level, not a flow: its forecast is its current value, and a unit without an
   * actual row has no value ("—"), not 0%.
   */
  kind?: IndicatorKind;
  /**
   * `quarterly`: reported only in months 3/6/9/12, so at month 11 its figures are of September: measured against
   * the time progress of that month and said so (数据截至9月). `optional`: a unit's figure is of its latest reported
   * month (`UnitValue.asOfMonth`). Default `monthly`.
   */
  reportFrequency?: ReportFrequency;
}

/** A target or a year-to-date actual of a unit on an indicator (money in 万元; ratios as fractions). */
export interface UnitValue {
  unitId: number;
  indicatorId: number;
  value: DecimalString;
  /**
   * A formula ratio's parts (summed over the unit's subtree): the actual is exactly numerator ÷ denominator, and
   * a denominator of 0 is no value ("—", no light, unranked on the items that read it). Absent for other figures.
   */
  numerator?: DecimalString | null;
  denominator?: DecimalString | null;
  /**
   * An optional indicator (issue 16 rule 11): the latest month (1..12) with a reported figure in the year-to-date
   * value; a cell whose figure is older than the plan's month says so (数据截至9月). Absent: the plan's month.
   */
  asOfMonth?: number;
}

/** A named count of a unit (e.g. `fortune500`, `lateStart`, `reportMissing`); rows of the same name add up. */
export interface UnitCounter {
  unitId: number;
  counter: string;
  count: DecimalString | number;
}

/** A counted project of a named list, for size bands. `share` is the unit's share (default '1'). */
export interface CountedProject {
  unitId: number;
  list: string;
  agreedWan: DecimalString;
  share?: DecimalString;
  projectId?: number;
  name?: string;
}

/**
 * An entry the office records by hand against an item (e.g. 弄虚作假). Either `count` of one of the item's
 * counters (`counter` names it), or `points` added (bonus) or taken off (deduction) directly.
 */
export interface ManualEntry {
  unitId: number;
  itemCode: string;
  counter?: string;
  count?: DecimalString | number;
  points?: DecimalString;
  reason: string;
}

export interface UnitCoefficient {
  unitId: number;
  coefficient: DecimalString;
}

/** An earlier year's year-to-date series of a unit on an indicator: 12 cumulative values, January first. */
export interface HistoryRow {
  unitId: number;
  indicatorId: number;
  year: number;
  ytd: DecimalString[];
}

export interface ScoringPlanSettings {
  /** The stored scoring configuration; validated by the engine (throws ScoringConfigError). */
  scoring: ScoringPlanConfig | ScoringConfig;
  rankingGroups: readonly RankingGroup[];
  /** Month of the plan's year, 1..12. */
  month: number;
  /** 12 cumulative fractions; null/absent = exact m/12. */
  curve?: readonly DecimalString[] | null;
  /** Yellow band in percentage points; default '10'. */
  yellowBand?: DecimalString;
  /** Decimals shown in formula texts; default 2. Points themselves are not rounded to it. */
  displayDecimals?: number;
}

export interface ScorePlanInput {
  plan: ScoringPlanSettings;
  units: readonly ScoringUnit[];
  indicators: readonly ScoringIndicator[];
  targets: readonly UnitValue[];
  actuals: readonly UnitValue[];
  counters?: readonly UnitCounter[];
  projects?: readonly CountedProject[];
  manual?: readonly ManualEntry[];
  /** Per-unit coefficients; they replace the plan's `coefficient` for those units. */
  coefficients?: readonly UnitCoefficient[];
  history?: readonly HistoryRow[];
}

// ---------------------------------------------------------------- engine output

export type ScoringInputValue =
  string | number | boolean | null | ScoringInputValue[] | { [key: string]: ScoringInputValue };
/** The numbers an item used, as decimal strings, for the scorecard's "how was this computed". */
export type ScoringInputs = Record<string, ScoringInputValue>;

export interface YearEndForecast {
  /** actual ÷ expected(m), rounded to FORECAST_SCALE places; null when expected(m) is 0. */
  runRate: string | null;
  /** actual ÷ the earlier years' average share of the year reached by month m; null without usable history. */
  seasonal: string | null;
  /** seasonal when available, else runRate; the actual itself for a ratio indicator. */
  value: string | null;
  method: 'seasonal' | 'run-rate' | 'current' | null;
  /** Earlier years that entered the seasonal shape. */
  yearsUsed: number;
  /** value ÷ target; null without a target. */
  completion: string | null;
  /** value < target; null without a target or a forecast. */
  isAtRisk: boolean | null;
}

export interface ScoredCell {
  unitId: number;
  indicatorId: number;
  actual: string;
  target: string | null;
  /** actual ÷ target, exact; null without a target ("—"). */
  completion: string | null;
  expected: string;
  gapPp: string | null;
  light: TrafficLight | null;
  forecast: YearEndForecast;
  /** false: the unit has no value on the indicator (0 ÷ 0, a rate not reported): shown "—", no light. */
  hasValue: boolean;
  /** What is published, rounded by the plan's and the indicator's rounding rules (issue 16, rule 5). */
  display: CellDisplay;
}

/** A cell's published figures: completion in % and gap in percentage points, as rounded decimal text. */
export interface CellDisplay {
  completionPct: string | null;
  gapPp: string | null;
  /**
   * The indicator's time progress rule in words, when it has its own (数据滞后1个月，按1–5月序时进度计算), and which
   * month's figure the cell uses when it is not the plan's (按季度报送，数据截至9月…; 数据截至8月).
   */
  timeProgress: string | null;
  /** The month (1..12) of the figure when it is older than the plan's month (quarterly, or an optional figure). */
  dataMonth?: number;
}

export interface ScoredItem {
  code: string;
  name: string;
  method: ScoringItem['method'];
  /** false when the item could not be scored for the unit (no target, not in a group): shown as "—", 0 points. */
  isScored: boolean;
  inputs: ScoringInputs;
  /** zh-CN, with the numbers: "30 × min(65.00%, 120%) = 19.50". */
  formula: string;
  /** Exact at SCORE_SCALE (8) places, no trailing zeros. */
  points: string;
}

export type RedBlack = 'red' | 'black';

export interface ScoredUnit {
  unitId: number;
  unitName: string;
  category: string;
  sortOrder: number;
  /** The ranking group of the unit's category; null = not ranked. */
  groupCode: string | null;
  items: ScoredItem[];
  /** Σ items' points. */
  subtotal: string;
  coefficient: string;
  /** subtotal × coefficient, exact. */
  total: string;
  rank: number | null;
  list: RedBlack | null;
}

export interface ScoredGroupEntry {
  unitId: number;
  unitName: string;
  rank: number;
  total: string;
  list: RedBlack | null;
  /** Another unit shares the rank (并列): neither the total nor a tie-break separates them. */
  isTied?: boolean;
}

export interface ScoredGroup {
  code: string;
  name: string;
  /** Best first; ties share a rank and follow the units' sort order. */
  entries: ScoredGroupEntry[];
  /** 红榜, best first. */
  red: number[];
  /** 黑榜, worst first. */
  black: number[];
}

export interface ScoringWarning {
  code: string;
  message: string;
  messageEn: string;
  unitId?: number;
  itemCode?: string;
}

export interface ScorePlanResult {
  month: number;
  /** The plan's time progress at the month (fraction). */
  expected: string;
  yellowBand: string;
  cells: ScoredCell[];
  /** In unit sort order. */
  units: ScoredUnit[];
  /** In the plan's group order. */
  groups: ScoredGroup[];
  /** Data the engine ignored (unknown units, manual entries that fit no item…). */
  warnings: ScoringWarning[];
  /** The plan's boards (empty without any), in its order. */
  boards?: ScoredBoard[];
  /** The plan's awards (empty without any), in its order. */
  awards?: ScoredAward[];
}

export interface ScoredBoardEntry {
  unitId: number;
  unitName: string;
  groupCode: string;
  rank: number;
  isTied: boolean;
  /** The board's score: the total, or Σ points of its items. */
  score: string;
  list: RedBlack | null;
}

/** One list of a board's pool: its rule in words and the units on it (red best first, black worst first). */
export interface ScoredBoardList {
  /** zh-CN: "综合得分前5名且实际到位资金达到序时进度的单位". */
  rule: string;
  /** The places taken before the conditions (null: no size, every unit a candidate). */
  size: number | null;
  unitIds: number[];
}

export interface ScoredBoardPool {
  code: string;
  name: string;
  groups: string[];
  entries: ScoredBoardEntry[];
  red: ScoredBoardList | null;
  black: ScoredBoardList | null;
}

export interface ScoredBoard {
  code: string;
  name: string;
  pools: ScoredBoardPool[];
}

export interface ScoredAwardPool {
  code: string;
  name: string;
  groups: string[];
  /** zh-CN: "实际到位资金、签约项目均达到序时进度的单位中综合得分最高的2个单位". */
  rule: string;
  count: number;
  /** Units that passed every gate, best first. */
  qualified: number[];
  winners: number[];
}

export interface ScoredAward {
  code: string;
  name: string;
  pools: ScoredAwardPool[];
}

// ---------------------------------------------------------------- method-level types

/** What one method answers for one unit; `points` already rounded to SCORE_SCALE. */
export interface ItemScore {
  points: Dec;
  formula: string;
  inputs: ScoringInputs;
  isScored: boolean;
}

/** A unit's actual and target on an indicator. */
export interface RatioFigures {
  actual: DecimalInput;
  target: DecimalInput | null;
  /**
   * The exact actual when it is a ratio of parts; null = no value (0 ÷ 0, a rate not reported): "—".
   * Absent: `actual` itself.
   */
  exact?: Fraction | null;
}

/** A unit of a group's pool, for the methods that compare units. */
export interface PoolMember extends RatioFigures {
  unitId: number;
  sortOrder: number;
}

/** A unit's counts and project lists for bonus, deduction and band-shortfall items. */
export interface UnitFacts {
  /** counter → count (automatic counts plus manual counts recorded against the item). */
  counts: Readonly<Record<string, DecimalInput>>;
  /** list → projects. */
  projects: Readonly<Record<string, ReadonlyArray<{ agreedWan: DecimalInput; share?: DecimalInput }>>>;
  /** Manual points recorded against the item. */
  manualPoints: ReadonlyArray<{ points: DecimalInput; reason: string }>;
}

export interface FormulaOptions {
  /** Decimals of points and percentages in the formula text; default 2. */
  decimals?: number;
  /** How the points of the formula text are rounded (issue 16, rule 5); default half-up. */
  mode?: RoundingMode;
}
