import type {
  IndicatorSettings,
  PutReportRequest,
  ReportDetail,
  ReportHistoryRow,
  ReportIndicatorLine,
  ReportStatus,
  RoundingRule,
  TrafficLight,
} from '@pacer/shared';
import {
  completionOf,
  Dec,
  DECIMAL_STRING_PATTERN,
  expectedFraction,
  expectedFractionExact,
  Fraction,
  gapPpOf,
  lightOf,
  publishedCell,
  toHalfWidthFigure,
} from '@pacer/shared';

/** What the user types into a report: one text per reported indicator, and the three narratives. */
export interface ReportForm {
  /**
   * indicatorId → the month's increment as typed ('' = not entered); for an indicator entered year-to-date
   * (`entryMode: 'ytd'`), the 累计 typed (Pacer derives the month's increment, docs/scoring.md §10).
   */
  values: Record<number, string>;
  /** indicatorId → why a 累计 is below the approved 累计 before the month (a correction); '' = none. */
  reasons?: Record<number, string>;
  progressText: string;
  problemsText: string;
  nextPlanText: string;
}

export const REPORT_TEXT_MAX = 5000;
export const REPORT_TEXT_FIELDS = ['progressText', 'problemsText', 'nextPlanText'] as const;
export type ReportTextField = (typeof REPORT_TEXT_FIELDS)[number];

export function formFromReport(report: ReportDetail): ReportForm {
  const values: Record<number, string> = {};
  const reasons: Record<number, string> = {};
  for (const line of report.lines) {
    values[line.indicatorId] = (isYtdEntry(line) ? line.ytd : line.value) ?? '';
    if (isYtdEntry(line)) reasons[line.indicatorId] = line.correctionReason ?? '';
  }
  return {
    values,
    reasons,
    progressText: report.progressText ?? '',
    problemsText: report.problemsText ?? '',
    nextPlanText: report.nextPlanText ?? '',
  };
}

/** The indicator is entered as the year's 累计 (the month's increment is derived). */
export function isYtdEntry(line: Pick<ReportIndicatorLine, 'entryMode'>): boolean {
  return line.entryMode === 'ytd';
}

/**
 * A year-to-date line's month increment: the 累计 typed − the approved 累计 before the month (exact); null for a
 * line entered monthly, a blank or an invalid input. Negative = a correction, which needs its reason.
 */
export function derivedIncrement(line: ReportIndicatorLine, typed: string): string | null {
  const text = toHalfWidthFigure(typed);
  if (!isYtdEntry(line) || text === '' || checkIncrement(text) !== null) return null;
  return new Dec(text).minus(line.approvedYtdBefore || '0').toFixed();
}

/** A 累计 below the approved 累计 before the month: saving it needs the reason of the correction. */
export function needsCorrectionReason(line: ReportIndicatorLine, typed: string): boolean {
  const increment = derivedIncrement(line, typed);
  return increment !== null && new Dec(increment).isNegative() && !new Dec(increment).isZero();
}

export type IncrementProblem =
  'format' | 'negative' | 'separator' | 'tooManyDecimals' | 'tooManyDigits' | 'wholeNumber';

/**
 * The API's rule for a month's increment (DECIMAL_STRING_PATTERN): up to 14 integer digits and 4 decimals, ≥ 0,
 * no separators. Blank is allowed while drafting (submit asks for every value); the reason names what to fix.
 */
export function checkIncrement(text: string, kind?: string): IncrementProblem | null {
  // full-width digits typed with a Chinese input method (３．５) are the figures they look like
  const value = toHalfWidthFigure(text);
  if (value === '') return null;
  if (DECIMAL_STRING_PATTERN.test(value)) {
    // a count is a whole number (1.5 条 is a typing error)
    return kind === 'count' && !new Dec(value).isInteger() ? 'wholeNumber' : null;
  }
  if (/^-/.test(value)) return 'negative';
  if (/[,，\s]/.test(value)) return 'separator';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (match) {
    if (match[1]!.length > 14) return 'tooManyDigits';
    if ((match[2]?.length ?? 0) > 4) return 'tooManyDecimals';
  }
  return 'format';
}

/** Indicator ids whose value is still blank (submitting needs every one; 0 is a value). */
export function missingValues(lines: readonly ReportIndicatorLine[], form: ReportForm): number[] {
  // an optional indicator, or a quarterly one outside 3/6/9/12, may stay blank: "not reported", never 0 (§11)
  return lines
    .filter((l) => l.isRequired !== false && (form.values[l.indicatorId] ?? '').trim() === '')
    .map((l) => l.indicatorId);
}

export interface LineFigures {
  /** Year-to-date once this month is approved: approved months before + this month (exact); null if the input is invalid. */
  ytd: string | null;
  /** ytd ÷ target, exact; null without a (positive) target or a valid input. */
  completion: string | null;
  /** (completion − expected) × 100, in percentage points. */
  gapPp: string | null;
  light: TrafficLight | null;
  /**
   * The completion (%) and gap (pp) as the plan publishes them for this indicator (its rounding rule, issue 14
   * point 12: '42', '-8.3'); null when there is no completion.
   */
  completionPct: string | null;
  publishedGapPp: string | null;
}

export interface LineContext {
  /** The plan's curve (null = linear) and the month number 1..12, for the time progress. */
  curve?: readonly string[] | null;
  monthNo?: number;
  yellowBand?: string;
  /** The plan's rounding rules (its scoring's `rounding` and `indicators`, docs/scoring.md §7.5). */
  rounding?: RoundingRule;
  indicators?: Record<string, IndicatorSettings>;
  /** The plan's displayDecimals (default 2). */
  displayDecimals?: number;
}

/**
 * The decimals the form prints an indicator's figures (累计, target) with: the indicator's own precision when its
 * rounding rule sets one, else the plan's rule, else the plan's displayDecimals (issue 14 point 12).
 */
export function lineDecimals(line: Pick<ReportIndicatorLine, 'code'>, context: LineContext = {}): number {
  return context.indicators?.[line.code]?.rounding?.decimals ?? context.rounding?.decimals ?? context.displayDecimals ?? 2;
}

/** The figures beside an input, computed with Dec, never floats. A blank input adds nothing. */
export function lineFigures(
  line: ReportIndicatorLine,
  typed: string,
  context: LineContext = {},
): LineFigures {
  const text = toHalfWidthFigure(typed);
  const none = { completionPct: null, publishedGapPp: null };
  if (checkIncrement(text) !== null) return { ytd: null, completion: null, gapPp: null, light: null, ...none };
  // a 累计 typed is the year-to-date itself; a month's figure adds to the approved months before
  const ytd =
    isYtdEntry(line) && text !== ''
      ? new Dec(text)
      : new Dec(line.approvedYtdBefore || '0').plus(text === '' ? '0' : text);
  const completion = completionOf(ytd, line.target);
  // what the 通报 and the read screens would print: the indicator's rounding rule on the exact ratio
  const published = (expected: Fraction) =>
    publishedCell(
      Fraction.ratio(ytd.toFixed(), line.target!) ?? null,
      expected,
      context.rounding,
      context.indicators?.[line.code]?.rounding,
      context.displayDecimals,
    );
  if (completion === null || context.monthNo === undefined) {
    const shown = completion === null ? none : { completionPct: published(Fraction.of(0)).completionPct, publishedGapPp: null };
    return { ytd: ytd.toFixed(), completion: completion?.toFixed() ?? null, gapPp: null, light: null, ...shown };
  }
  const gap = gapPpOf(completion, expectedFraction(context.curve ?? null, context.monthNo));
  const display = published(expectedFractionExact(context.curve ?? null, context.monthNo));
  return {
    ytd: ytd.toFixed(),
    completion: completion.toFixed(),
    gapPp: gap.toFixed(),
    light: lightOf(gap, context.yellowBand ?? '10'),
    completionPct: display.completionPct,
    publishedGapPp: display.gapPp,
  };
}

/**
 * The PUT body: values in the order of the lines (non-blank only, trimmed), the three texts, the version read.
 * `sentIds[i]` is the indicator of `values[i]`, so an error on `values.i.value` finds its input.
 */
export function buildPutBody(
  lines: readonly ReportIndicatorLine[],
  form: ReportForm,
  version: number,
): { body: PutReportRequest; sentIds: number[] } {
  const values = lines
    .map((l) => {
      const typed = toHalfWidthFigure(form.values[l.indicatorId] ?? '');
      if (!isYtdEntry(l)) return { indicatorId: l.indicatorId, value: typed, typed };
      // a 累计: its reason only where it is a correction (the API drops it otherwise)
      const reason = (form.reasons?.[l.indicatorId] ?? '').trim();
      return {
        indicatorId: l.indicatorId,
        ytd: typed,
        ...(reason !== '' && needsCorrectionReason(l, typed) ? { correctionReason: reason } : {}),
        typed,
      };
    })
    .filter((v) => v.typed !== '')
    .map(({ typed: _typed, ...v }) => v);
  return {
    body: {
      version,
      values,
      progressText: form.progressText,
      problemsText: form.problemsText,
      nextPlanText: form.nextPlanText,
    },
    sentIds: values.map((v) => v.indicatorId),
  };
}

export interface ReportFieldErrors {
  /** indicatorId → message. */
  values: Record<number, string>;
  texts: Partial<Record<ReportTextField, string>>;
  /** Messages that name no input (shown above the form). */
  other: string[];
}

/** Places the API's details on the inputs: `values.2.value` is the 3rd value sent, `progressText` its textarea. */
export function placeFieldErrors(
  fields: Record<string, string>,
  sentIds: readonly number[],
): ReportFieldErrors {
  const result: ReportFieldErrors = { values: {}, texts: {}, other: [] };
  for (const [field, message] of Object.entries(fields)) {
    const valueMatch = /^values\.(\d+)(?:\.|$)/.exec(field);
    const id = valueMatch ? sentIds[Number(valueMatch[1])] : undefined;
    if (id !== undefined) result.values[id] = message;
    else if ((REPORT_TEXT_FIELDS as readonly string[]).includes(field))
      result.texts[field as ReportTextField] = message;
    else result.other.push(message);
  }
  return result;
}

/** Whether the form differs from what the server holds. */
export function isFormDirty(report: ReportDetail, form: ReportForm): boolean {
  const saved = formFromReport(report);
  if (REPORT_TEXT_FIELDS.some((f) => saved[f] !== form[f])) return true;
  return report.lines.some(
    (l) =>
      (saved.values[l.indicatorId] ?? '').trim() !== (form.values[l.indicatorId] ?? '').trim() ||
      (saved.reasons?.[l.indicatorId] ?? '').trim() !== (form.reasons?.[l.indicatorId] ?? '').trim(),
  );
}

export interface ConflictRow {
  /** `value:<indicatorId>` or a text field. */
  key: string;
  indicatorId?: number;
  textField?: ReportTextField;
  mine: string;
  theirs: string;
}

/**
 * After a 409 and a reload: where the user's form differs from the latest saved version. The user's values stay
 * in the form (nothing typed is lost); these rows are shown side by side so each can be kept or replaced.
 */
export function conflictRows(fresh: ReportDetail, form: ReportForm): ConflictRow[] {
  const latest = formFromReport(fresh);
  const rows: ConflictRow[] = [];
  for (const line of fresh.lines) {
    const mine = (form.values[line.indicatorId] ?? '').trim();
    const theirs = (latest.values[line.indicatorId] ?? '').trim();
    if (mine !== theirs)
      rows.push({ key: `value:${line.indicatorId}`, indicatorId: line.indicatorId, mine, theirs });
  }
  for (const field of REPORT_TEXT_FIELDS) {
    if (form[field] !== latest[field])
      rows.push({ key: field, textField: field, mine: form[field], theirs: latest[field] });
  }
  return rows;
}

/** Takes the saved version's value for one conflict row (the user chose theirs). */
export function takeTheirs(form: ReportForm, row: ConflictRow): ReportForm {
  if (row.indicatorId !== undefined)
    return { ...form, values: { ...form.values, [row.indicatorId]: row.theirs } };
  if (row.textField) return { ...form, [row.textField]: row.theirs };
  return form;
}

/** The history newest first, for the timeline. */
export function timelineOf(history: readonly ReportHistoryRow[]): ReportHistoryRow[] {
  return [...history].reverse();
}

/**
 * The month a reporter lands on: the latest month whose report exists and is not approved yet, else the current
 * month. `statusOf(month)` answers the unit's report status for a month (null: no report); months newest first.
 */
export async function pickDefaultMonth(
  monthsNewestFirst: readonly string[],
  statusOf: (month: string) => Promise<ReportStatus | null>,
): Promise<string | null> {
  if (monthsNewestFirst.length === 0) return null;
  for (const month of monthsNewestFirst) {
    const status = await statusOf(month);
    if (status !== null && status !== 'approved') return month;
    // An approved month: the months before it were dealt with as well.
    if (status === 'approved') break;
  }
  return monthsNewestFirst[0]!;
}

/**
 * Whole days from `today` to `deadline` (both `YYYY-MM-DD`, Asia/Shanghai business dates): 0 on the day itself,
 * negative once it has passed. Calendar arithmetic in UTC, so no clock or daylight saving can shift a day.
 */
export function daysUntil(deadline: string, today: string): number {
  const toDay = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!) / 86_400_000;
  };
  return toDay(deadline) - toDay(today);
}
