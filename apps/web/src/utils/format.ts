import { Dec, formatAmount, formatNumber, formatPercent, formatPoints } from '@pacer/shared';
import type { AmountUnit, DecimalInput } from '@pacer/shared';

// The one place views format figures: exact decimals, half-up, '—' for a missing value.
// Thin wrappers so that a change of house format (decimals, separators) is one edit.

type Figure = DecimalInput | null | undefined;

/** 万元 → 亿元 text without the unit: '3000000' → '300.00'. */
export function amountYi(wan: Figure, decimals = 2): string {
  return formatAmount(wan, { unit: '亿元', decimals });
}

/** 万元 as 万元 text without the unit: '123456.7' → '123,457'. */
export function amountWan(wan: Figure, decimals = 0): string {
  return formatAmount(wan, { unit: '万元', decimals });
}

/** An amount with its unit: '300.00亿元' or '3,000,000万元'. */
export function amountWithUnit(wan: Figure, unit: AmountUnit = '亿元', decimals?: number): string {
  return formatAmount(wan, { unit, decimals, withUnit: true });
}

/** A ratio as a percentage: '0.65' → '65.00%'. */
export function percent(ratio: Figure, decimals = 2): string {
  return formatPercent(ratio, decimals);
}

/** A gap in percentage points with its sign: '+15.00', '-8.33'. */
export function points(pp: Figure, decimals = 2): string {
  return formatPoints(pp, decimals);
}

/** The decimals a published figure was rounded to ('66.7' → 1, '12' → 0): the indicator's printed precision. */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * A completion as published (issue 14 point 12): the API's rounded percent text ('67', '66.7', by the indicator's
 * mode and decimals) in the house format ('67%'); without one (a month frozen before published figures existed),
 * the exact ratio at the plan's `decimals`.
 */
export function publishedPercent(pct: string | null | undefined, ratio: Figure, decimals = 2): string {
  if (pct === null || pct === undefined) return percent(ratio, decimals);
  // the printed digits are kept: ÷ 100 then × 100 again is exact
  return percent(new Dec(pct).div(100), decimalsOf(pct));
}

/** A gap as published ('-8.3', its decimals) or, without one, the exact gap at the plan's `decimals`. */
export function publishedGap(
  published: string | null | undefined,
  exact: Figure,
  decimals = 2,
): { gapPp: Figure; decimals: number } {
  return published === null || published === undefined
    ? { gapPp: exact, decimals }
    : { gapPp: published, decimals: decimalsOf(published) };
}

/** Any number with thousands separators: '1234567.005' → '1,234,567.01'. */
export function thousands(value: Figure, decimals = 2): string {
  return formatNumber(value, decimals);
}

/** Business time zone (DATA-4): the county's clock, whatever the browser's. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const DATE_TIME_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Asia/Shanghai wall time: '2026-03-01T01:02:03Z' → '2026-03-01 09:02:03'; '—' when missing. */
export function dateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  const part = Object.fromEntries(DATE_TIME_PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** A calendar day 'YYYY-MM-DD' in Asia/Shanghai as the instant it starts, for API time filters. */
export function startOfBusinessDay(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The instant the day after `day` starts in Asia/Shanghai: the exclusive end of a day range. */
export function endOfBusinessDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = new Date(Date.UTC(y!, m! - 1, d! + 1));
  return `${next.toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** A file's size: 12.3 MB / 456 KB / 789 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
