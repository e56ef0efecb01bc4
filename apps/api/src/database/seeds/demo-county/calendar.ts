import { addMonths, businessDate } from '@pacer/shared';

import { addDays } from './random';

/** The plan's calendar (docs/demo.md): reports of month M are due on the 5th of M+1, M closes on the 10th of M+1. */
export const DEMO_REPORT_DEADLINE_DAY = 5;
export const DEMO_MONTH_CLOSE_DAY = 10;

/**
 * Where the demo county stands on the day it is seeded (Asia/Shanghai), decided the way the scheduled jobs decide:
 * month M is reported during M+1 (open-month on the 1st, deadline on the 5th, mark-late after it, close on the 10th).
 *
 * - before the close day (the 1st–9th): last month is in review — its reports a mix that grows with the day
 *   (`before-deadline` up to the 5th, `after-deadline` from the 6th, when the few not in are flagged late); every
 *   earlier month of the plan year is approved and closed;
 * - from the close day on (`after-close`): last month was closed on the 10th like the earlier ones, and the current
 *   month is being written: a few early drafts, from the 20th a few submitted (nothing is approved before a month ends).
 *
 * The plan year is the year of the month the county is busy with: in January that is still last year until its
 * December closes on the 10th (`storyYear`), and the new year's plan (`newYear`) is already published with its
 * targets; from the 10th its January has the early drafts of any month after the close day.
 */
export interface DemoCalendar {
  /** The seeding day, 'YYYY-MM-DD' in Asia/Shanghai. */
  today: string;
  /** Nothing in the ledger or the report histories happens on or after `today` (except the jobs' 00:10/00:20 runs). */
  lastEventDay: string;
  /** The year of the plan the story is told in (the ledger, the reports, the ranking). */
  storyYear: number;
  /** In January: the next plan, published with its targets and without data. */
  newYear: number | null;
  /** Months of the story year that are approved and frozen, in order. */
  closedMonths: string[];
  /** The month whose reports are in progress (January after the close day: the new year's, in the new plan). */
  reviewMonth: string;
  phase: 'before-deadline' | 'after-deadline' | 'after-close';
  /** Day of month of `today`. */
  day: number;
}

export function demoCalendar(now: Date): DemoCalendar {
  const today = businessDate(now);
  const day = Number(today.slice(8, 10));
  const current = today.slice(0, 7);
  const last = addMonths(current, -1);
  const afterClose = day >= DEMO_MONTH_CLOSE_DAY;
  const isJanuary = current.endsWith('-01');
  const storyYear = isJanuary ? Number(last.slice(0, 4)) : Number(current.slice(0, 4));
  const closedThrough = afterClose ? last : addMonths(last, -1);
  const closedMonths: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${storyYear}-${String(m).padStart(2, '0')}`;
    if (month <= closedThrough) closedMonths.push(month);
  }
  const reviewMonth = afterClose ? current : last;
  return {
    today,
    lastEventDay: addDays(today, -1),
    storyYear,
    newYear: isJanuary ? storyYear + 1 : null,
    closedMonths,
    reviewMonth,
    phase: afterClose ? 'after-close' : day > DEMO_REPORT_DEADLINE_DAY ? 'after-deadline' : 'before-deadline',
    day,
  };
}

/** The number of days in a month 'YYYY-MM'. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Last month's reports on day `day` of the review (1–9): how many units are in (ever submitted), approved, and
 * currently returned; the rest are drafts the open-month job made on the 1st. Nothing is submitted before the
 * seeding day itself, so the 1st shows the month just opened.
 */
// prettier-ignore
const REVIEW_MIX: ReadonlyArray<readonly [inCount: number, approved: number, returned: number]> = [
  /* day 1 */ [0, 0, 0],
  /* day 2 */ [4, 1, 1],
  /* day 3 */ [8, 3, 1],
  /* day 4 */ [12, 5, 2],
  /* day 5 */ [17, 8, 2],
  /* day 6 */ [21, 12, 2],
  /* day 7 */ [22, 15, 2],
  /* day 8 */ [22, 18, 1],
  /* day 9 */ [23, 20, 1],
];

export interface ReviewMix {
  /** Units that have submitted at least once. */
  submittedEver: number;
  approved: number;
  returned: number;
  /** Of `submittedEver`, the first `onTime` submitted by the deadline; the others are late. */
  onTime: number;
}

/** The review month's mix for a number of reporting units (24 in the demo), scaled if there are more or fewer. */
export function reviewMix(day: number, units: number): ReviewMix {
  const [inCount, approved, returned] = REVIEW_MIX[Math.min(Math.max(day, 1), 9) - 1]!;
  const scale = (n: number) => Math.round((n * units) / 24);
  const submittedEver = scale(inCount);
  return {
    submittedEver,
    approved: scale(approved),
    returned: scale(returned),
    // in by the end of the deadline day (what the 6th row shows as submitted before it)
    onTime:
      day > DEMO_REPORT_DEADLINE_DAY
        ? Math.min(submittedEver, scale(REVIEW_MIX[DEMO_REPORT_DEADLINE_DAY]![0]))
        : submittedEver,
  };
}

/**
 * The current month after the close day: early drafts (reporters who write as they go), and from the 20th a few
 * submitted, one of them sent back. Nothing is approved before the month has ended.
 */
export function earlyMix(
  day: number,
  units: number,
): { drafts: number; submitted: number; returned: number } {
  const scale = (n: number) => Math.round((n * units) / 24);
  const drafts = scale(Math.min(6, 1 + Math.floor((day - DEMO_MONTH_CLOSE_DAY) / 3)));
  const submitted = day >= 20 ? scale(Math.min(6, day - 19)) : 0;
  const returned = day >= 24 ? 1 : 0;
  return { drafts, submitted, returned };
}
