import { addMonths, businessDate, businessMonth, parseMonth } from '../periods/month.js';

/**
 * The last day to submit a month's report: day `deadlineDay` of the FOLLOWING month, `YYYY-MM-DD`
 * (the whole of that day in Asia/Shanghai still counts as on time).
 */
export function reportDeadline(month: string, deadlineDay: number): string {
  if (!Number.isInteger(deadlineDay) || deadlineDay < 1 || deadlineDay > 28) {
    throw new RangeError(`deadline day out of range: ${deadlineDay}`);
  }
  return `${addMonths(month, 1)}-${String(deadlineDay).padStart(2, '0')}`;
}

/** Whether a submission at `instant` is late for `month`: its Asia/Shanghai date is after the deadline day. */
export function isLateSubmission(month: string, deadlineDay: number, instant: Date): boolean {
  return businessDate(instant) > reportDeadline(month, deadlineDay);
}

/** Whether `month` lies in `year` and is not after the Asia/Shanghai month of `now` (reports exist up to now). */
export function isReportableMonth(month: string, year: number, now: Date): boolean {
  return parseMonth(month).year === year && month <= businessMonth(now);
}
