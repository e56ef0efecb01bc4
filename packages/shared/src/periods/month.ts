/** Periods are calendar months in Asia/Shanghai, written `YYYY-MM`, whatever the server's time zone. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface YearMonth {
  year: number;
  /** 1..12 */
  month: number;
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return d <= daysInMonth(y, m);
}

export function parseMonth(value: string): YearMonth {
  if (!isMonth(value)) throw new RangeError(`not a month (YYYY-MM): ${value}`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) };
}

export function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(value: string, delta: number): string {
  const { year, month } = parseMonth(value);
  const index = year * 12 + (month - 1) + delta;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** The 12 months of a year, `YYYY-01` … `YYYY-12`. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => formatMonth(year, i + 1));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Shanghai calendar date of an instant, `YYYY-MM-DD`. */
export function businessDate(instant: Date): string {
  const parts = Object.fromEntries(shanghaiParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The Asia/Shanghai month of an instant, `YYYY-MM`. */
export function businessMonth(instant: Date): string {
  return businessDate(instant).slice(0, 7);
}

/** The month a date `YYYY-MM-DD` falls in. */
export function monthOfDate(date: string): string {
  return date.slice(0, 7);
}

/** Chinese label: '2026-10' → '2026年10月'. */
export function monthLabelZh(value: string): string {
  const { year, month } = parseMonth(value);
  return `${year}年${month}月`;
}

/**
 * The dates a user may enter (VAL-1): a stage date, a fund month, an imported date. Plans run from 2000 to 2100
 * (a plan's year is bounded so); anything outside, such as 1900-01-01, is a typing error, not a business fact.
 */
export const BUSINESS_DATE_MIN = '2000-01-01';
export const BUSINESS_DATE_MAX = '2099-12-31';

/** A real date inside [BUSINESS_DATE_MIN, BUSINESS_DATE_MAX] (ISO text compares in date order). */
export function isBusinessDate(value: unknown): value is string {
  return isIsoDate(value) && value >= BUSINESS_DATE_MIN && value <= BUSINESS_DATE_MAX;
}

/** A month `YYYY-MM` inside the business date window. */
export function isBusinessMonth(value: unknown): value is string {
  return isMonth(value) && value >= BUSINESS_DATE_MIN.slice(0, 7) && value <= BUSINESS_DATE_MAX.slice(0, 7);
}
