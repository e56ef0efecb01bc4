import { addMonths, businessDate, formatMonth, isMonth, monthsOfYear, businessMonth } from '@pacer/shared';

// The month the assessment screens (驾驶舱, 赛马榜, 单位详情, 大屏) open on: the latest month whose ranking has been
// frozen (closed on day `monthCloseDay` of the following month), because that is the official one. Later months
// are live and can still move; the screens say which one they show from the API's `isFrozen`.

export interface ClosablePlan {
  year: number;
  /** Day of the following month the month closes on (default 10). */
  monthCloseDay: number;
}

/** The day a month is due to close: `monthCloseDay` of the following month (clamped to that month's length). */
export function closeDateOf(month: string, monthCloseDay: number): string {
  const next = addMonths(month, 1);
  const [y, m] = next.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const day = Math.min(Math.max(Math.trunc(monthCloseDay) || 1, 1), lastDay);
  return `${next}-${String(day).padStart(2, '0')}`;
}

/** The plan's months that have begun (Asia/Shanghai), oldest first; January for a plan of a future year. */
export function begunMonths(year: number, now: Date = new Date()): string[] {
  const current = businessMonth(now);
  const months = monthsOfYear(year).filter((m) => m <= current);
  return months.length ? months : [formatMonth(year, 1)];
}

/** Whether the month's close day has come (its ranking is expected to be frozen). */
export function isDueClosed(month: string, plan: ClosablePlan, now: Date = new Date()): boolean {
  return closeDateOf(month, plan.monthCloseDay) <= businessDate(now);
}

/** The latest begun month whose close day has come; the current month when none has (early January). */
export function latestClosedMonth(plan: ClosablePlan, now: Date = new Date()): string {
  const months = begunMonths(plan.year, now);
  const closed = months.filter((m) => isDueClosed(m, plan, now));
  return closed[closed.length - 1] ?? months[months.length - 1]!;
}

/** A `?month=` query value the plan can show, else null. */
export function pickMonth(value: unknown, months: readonly string[]): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return isMonth(text) && months.includes(text) ? text : null;
}

/** What the month pickers read of `GET /plans/:id/months`. */
export interface MonthWork {
  month: string;
  closedAt: string | null;
  reports: { approved: number; submitted: number; expected: number };
}

/**
 * The month a work screen (审核, 月度填报) opens on: the oldest begun month with open work — reports waiting for
 * review, or, in a month not closed yet, reports not approved yet (a reporter's counts are its own units'); the
 * latest begun month when every month is done.
 */
export function oldestOpenWorkMonth(rows: readonly MonthWork[], begun: readonly string[]): string | null {
  const open = rows.find(
    (r) =>
      begun.includes(r.month) &&
      (r.reports.submitted > 0 || (r.closedAt === null && r.reports.approved < r.reports.expected)),
  );
  return open?.month ?? begun[begun.length - 1] ?? null;
}

/** The latest begun month actually closed (its ranking frozen), else null (then the calendar's guess). */
export function latestFrozenMonth(rows: readonly MonthWork[], begun: readonly string[]): string | null {
  const frozen = rows.filter((r) => r.closedAt !== null && begun.includes(r.month));
  return frozen[frozen.length - 1]?.month ?? null;
}

/**
 * The live month, where a plan's read screens open when it says `readScreensMonth: 'live'`: the first begun month
 * after the latest one actually closed (the first begun month when none is closed), else — every begun month
 * closed — the latest begun month. Without the months' rows (null), the month after the calendar's guess.
 */
export function liveMonth(
  rows: readonly MonthWork[] | null,
  begun: readonly string[],
  calendarGuess: string | null,
): string | null {
  const last = begun[begun.length - 1] ?? null;
  const closed = rows ? latestFrozenMonth(rows, begun) : calendarGuess;
  if (closed === null) return begun[0] ?? null;
  const next = addMonths(closed, 1);
  return begun.includes(next) ? next : last;
}
