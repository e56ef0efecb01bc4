import type {
  AwardRule,
  EntryMode,
  ReportFrequency,
  UpdateIndicatorRequest,
  BoardCondition,
  BoardList,
  BoardRule,
  ErrorDetail,
  IndicatorRow,
  IndicatorSettings,
  PlanRow,
  RankMode,
  RoundingMode,
  ScoringConfig,
  TieBreak,
} from '@pacer/shared';
import { validateScoringConfig } from '@pacer/shared';

// The 排名与榜单规则 editor (issue 16 rules 4, 5, 7–9): the parts of a plan's scoring configuration that were JSON-only —
// rank mode and tie-break chain, per-indicator time-progress lag and rounding, boards with their lists and conditions,
// gate-then-award rules — as a form. What the form does not show (pools, items of a board, sizes per group, a
// condition's basis, other rounding outputs…) is kept as it was: each row carries the rule it was read from.

export type TieBreakBy = TieBreak['by'];

export interface TieBreakRow {
  by: TieBreakBy;
  /** An indicator code (by completion or actual). */
  indicator: string;
  /** A scoring item code (by item). */
  item: string;
}

export interface IndicatorRuleRow {
  id: number;
  code: string;
  name: string;
  /** Entry settings of a reported indicator (issue 16 rules 10–11), saved on the indicator (PATCH /indicators/:id). */
  canEnterYtd: boolean;
  isReported: boolean;
  entryMode: EntryMode;
  reportFrequency: ReportFrequency;
  /** 数据滞后 n 个月: 0–11. */
  lagMonths: number;
  /** The indicator's own rounding mode of what is published; '' = the plan's. */
  roundingMode: RoundingMode | '';
}

export interface ConditionRow {
  list: 'red' | 'black';
  /** allOf: every one must hold; anyOf: at least one of the anyOf conditions. */
  join: 'allOf' | 'anyOf';
  type: BoardCondition['type'];
  indicators: string[];
  /** firstOn / lastOn: on at least this many of the indicators (null = 1). */
  min: number | null;
  /** The condition as read (its basis and other fields are kept). */
  original?: BoardCondition;
}

export interface BoardRow {
  code: string;
  name: string;
  /** Top (red) / bottom (black) places; null = no size (every unit a candidate, or no such list). */
  redSize: number | null;
  blackSize: number | null;
  conditions: ConditionRow[];
  original?: BoardRule;
}

export interface AwardRow {
  code: string;
  name: string;
  gates: string[];
  count: number;
  original?: AwardRule;
}

export interface ScoringRulesForm {
  rankMode: RankMode;
  tieBreaks: TieBreakRow[];
  indicators: IndicatorRuleRow[];
  boards: BoardRow[];
  awards: AwardRow[];
}

type Config = ScoringConfig & {
  rankMode?: RankMode;
  tieBreaks?: TieBreak[];
  boards?: BoardRule[];
  awards?: AwardRule[];
  indicators?: Record<string, IndicatorSettings>;
};

/** The form of a plan's configuration (indicators in catalogue order). */
export function rulesForm(scoring: ScoringConfig, indicators: readonly IndicatorRow[]): ScoringRulesForm {
  const config = scoring as Config;
  return {
    rankMode: config.rankMode ?? 'competition',
    tieBreaks: (config.tieBreaks ?? []).map((t) => ({
      by: t.by,
      indicator: 'indicator' in t ? t.indicator : '',
      item: 'item' in t ? t.item : '',
    })),
    indicators: indicators.map((i) => {
      const own = config.indicators?.[i.code];
      return {
        id: i.id,
        code: i.code,
        name: i.name,
        canEnterYtd: i.source === 'reported' && i.kind !== 'ratio',
        isReported: i.source === 'reported',
        entryMode: i.entryMode ?? 'month',
        reportFrequency: i.reportFrequency ?? 'monthly',
        lagMonths: own?.timeProgress?.lagMonths ?? 0,
        roundingMode: own?.rounding?.mode ?? '',
      };
    }),
    boards: (config.boards ?? []).map((b) => ({
      code: b.code,
      name: b.name,
      redSize: b.lists.red?.size ?? null,
      blackSize: b.lists.black?.size ?? null,
      conditions: (['red', 'black'] as const).flatMap((list) =>
        (['allOf', 'anyOf'] as const).flatMap((join) =>
          (b.lists[list]?.[join] ?? []).map((c) => ({
            list,
            join,
            type: c.type,
            indicators: [...c.indicators],
            min: 'min' in c ? (c.min ?? null) : null,
            original: c,
          })),
        ),
      ),
      original: b,
    })),
    awards: (config.awards ?? []).map((a) => ({
      code: a.code,
      name: a.name,
      gates: [...a.gates],
      count: a.count ?? 1,
      original: a,
    })),
  };
}

function conditionOf(row: ConditionRow): BoardCondition {
  const kept = row.original && row.original.type === row.type ? row.original : undefined;
  if (row.type === 'onPace' || row.type === 'behindPace')
    return { type: row.type, indicators: [...row.indicators] };
  const place = { ...(kept as object), type: row.type, indicators: [...row.indicators] } as BoardCondition & {
    min?: number;
  };
  if (row.min !== null && row.min !== 1) place.min = row.min;
  else delete place.min;
  return place;
}

function listOf(row: BoardRow, list: 'red' | 'black'): BoardList | undefined {
  const original = row.original?.lists[list];
  const size = list === 'red' ? row.redSize : row.blackSize;
  const mine = row.conditions.filter((c) => c.list === list);
  const allOf = mine.filter((c) => c.join === 'allOf').map(conditionOf);
  const anyOf = mine.filter((c) => c.join === 'anyOf').map(conditionOf);
  const result: BoardList = { ...(original?.sizes ? { sizes: original.sizes } : {}) };
  if (size !== null) result.size = size;
  if (allOf.length > 0) result.allOf = allOf;
  if (anyOf.length > 0) result.anyOf = anyOf;
  return Object.keys(result).length > 0 ? result : undefined;
}

/** The plan's configuration with the form's rules in place of the ones it edits; everything else kept. */
export function rulesScoring(scoring: ScoringConfig, form: ScoringRulesForm): ScoringConfig {
  const config: Config = { ...(scoring as Config) };
  if (form.rankMode === 'dense') config.rankMode = 'dense';
  else delete config.rankMode;
  const tieBreaks = form.tieBreaks.map((t): TieBreak => {
    if (t.by === 'completion' || t.by === 'actual') return { by: t.by, indicator: t.indicator };
    if (t.by === 'item') return { by: 'item', item: t.item };
    return { by: 'unitOrder' };
  });
  if (tieBreaks.length > 0) config.tieBreaks = tieBreaks;
  else delete config.tieBreaks;

  const indicators: Record<string, IndicatorSettings> = { ...(config.indicators ?? {}) };
  for (const row of form.indicators) {
    const own: IndicatorSettings = { ...(indicators[row.code] ?? {}) };
    const timeProgress = { ...(own.timeProgress ?? {}) };
    if (row.lagMonths > 0) timeProgress.lagMonths = row.lagMonths;
    else delete timeProgress.lagMonths;
    if (Object.keys(timeProgress).length > 0) own.timeProgress = timeProgress;
    else delete own.timeProgress;
    const rounding = { ...(own.rounding ?? {}) };
    if (row.roundingMode !== '') rounding.mode = row.roundingMode;
    else delete rounding.mode;
    if (Object.keys(rounding).length > 0) own.rounding = rounding;
    else delete own.rounding;
    if (Object.keys(own).length > 0) indicators[row.code] = own;
    else delete indicators[row.code];
  }
  if (Object.keys(indicators).length > 0) config.indicators = indicators;
  else delete config.indicators;

  const boards = form.boards.map((row): BoardRule => {
    const lists: BoardRule['lists'] = {};
    const red = listOf(row, 'red');
    const black = listOf(row, 'black');
    if (red) lists.red = red;
    if (black) lists.black = black;
    return { ...(row.original ?? {}), code: row.code.trim(), name: row.name.trim(), lists };
  });
  if (boards.length > 0) config.boards = boards;
  else delete config.boards;

  const awards = form.awards.map((row): AwardRule => ({
    ...(row.original ?? {}),
    code: row.code.trim(),
    name: row.name.trim(),
    gates: [...row.gates],
    count: row.count,
  }));
  if (awards.length > 0) config.awards = awards;
  else delete config.awards;
  return config;
}

/** The indicators whose entry settings the form changed, with the body of their PATCH (their version read). */
export function indicatorPatches(
  form: ScoringRulesForm,
  indicators: readonly IndicatorRow[],
): Array<{ id: number; code: string; body: UpdateIndicatorRequest }> {
  return form.indicators.flatMap((row) => {
    const before = indicators.find((i) => i.id === row.id);
    if (!before) return [];
    const body: UpdateIndicatorRequest = { version: before.version };
    if (row.entryMode !== (before.entryMode ?? 'month')) body.entryMode = row.entryMode;
    if (row.reportFrequency !== (before.reportFrequency ?? 'monthly'))
      body.reportFrequency = row.reportFrequency;
    return Object.keys(body).length > 1 ? [{ id: row.id, code: row.code, body }] : [];
  });
}

/** The shared validator's problems of the edited configuration, named as the API names them (`scoring.boards.0.…`). */
export function checkRules(
  scoring: ScoringConfig,
  plan: Pick<PlanRow, 'rankingGroups'>,
  indicators: readonly IndicatorRow[],
): ErrorDetail[] {
  return validateScoringConfig(
    scoring,
    indicators.map((i) => i.code),
    { groupCodes: plan.rankingGroups.map((g) => g.code), path: 'scoring' },
  );
}

/** Field → message from the validator's (or the API's) details. */
export function messagesOf(details: readonly ErrorDetail[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) out[d.field] = out[d.field] ? `${out[d.field]}；${d.message}` : d.message;
  return out;
}

/**
 * The messages of a row (every field under `prefix`, e.g. `scoring.boards.1.`) not shown on one of its inputs
 * (`shown`: the exact fields that have their own place), so no message is lost.
 */
export function rowMessages(
  messages: Record<string, string>,
  prefix: string,
  shown: readonly string[] = [],
): string[] {
  return Object.entries(messages)
    .filter(
      ([field]) => (field === prefix.slice(0, -1) || field.startsWith(prefix)) && !shown.includes(field),
    )
    .map(([, message]) => message);
}

/** Messages under none of the form's rows (shown above the form). */
export function otherMessages(messages: Record<string, string>): string[] {
  const mine = /^scoring\.(rankMode|tieBreaks|indicators|boards|awards)(\.|$)/;
  return Object.entries(messages)
    .filter(([field]) => !mine.test(field))
    .map(([, message]) => message);
}
