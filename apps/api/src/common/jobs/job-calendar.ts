import { addMonths, businessDate, businessMonth, reportDeadline } from '@pacer/shared';

// When the monthly jobs are due. Every date is an Asia/Shanghai calendar date `YYYY-MM-DD`, whatever the server's
// zone; string comparison of such dates is chronological.

/** The month the jobs of `now` work on: the previous Asia/Shanghai month (month M is reported during M+1). */
export function reportingMonth(now: Date): string {
  return addMonths(businessMonth(now), -1);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first day reminders for `month` go out: `remindDays` before its deadline. */
export function remindFrom(month: string, deadlineDay: number, remindDays: number): string {
  return addDays(reportDeadline(month, deadlineDay), -remindDays);
}

/** Reminders are due from `remindDays` before the deadline up to the deadline day itself (a missed tick catches up). */
export function isReminderDue(month: string, deadlineDay: number, remindDays: number, now: Date): boolean {
  const today = businessDate(now);
  return today >= remindFrom(month, deadlineDay, remindDays) && today <= reportDeadline(month, deadlineDay);
}

/** After the deadline day (the whole of which still counts as on time). */
export function isPastDeadline(month: string, deadlineDay: number, now: Date): boolean {
  return businessDate(now) > reportDeadline(month, deadlineDay);
}

/** The day `month` closes: day `closeDay` of the following month. */
export function monthCloseDate(month: string, closeDay: number): string {
  return `${addMonths(month, 1)}-${String(closeDay).padStart(2, '0')}`;
}

/** On or after the close day (a missed tick catches up the next day). */
export function isCloseDue(month: string, closeDay: number, now: Date): boolean {
  return businessDate(now) >= monthCloseDate(month, closeDay);
}
