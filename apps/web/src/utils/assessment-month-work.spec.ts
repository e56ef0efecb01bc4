import { describe, expect, it } from 'vitest';

import { latestFrozenMonth, liveMonth, oldestOpenWorkMonth, type MonthWork } from './assessment-month';

// December 2026 in a county: January–October closed, November over with 6 waiting for review and 15 missing,
// December begun.
const begun = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const row = (
  month: string,
  closed: boolean,
  approved: number,
  submitted: number,
  expected = 24,
): MonthWork => ({
  month,
  closedAt: closed ? `${month}-28T02:00:00.000Z` : null,
  reports: { approved, submitted, expected },
});
const year = [
  ...begun.slice(0, 10).map((m) => row(m, true, 24, 0)),
  row('2026-11', false, 3, 6),
  row('2026-12', false, 0, 1),
];

describe('the month a screen opens on', () => {
  it('should open the work screens on the oldest month with open work (November, not the calendar month)', () => {
    expect(oldestOpenWorkMonth(year, begun)).toBe('2026-11');
  });

  it('should count a report waiting for review in a closed month as open work (a late report)', () => {
    const late = year.map((r) => (r.month === '2026-09' ? row('2026-09', true, 23, 1) : r));
    expect(oldestOpenWorkMonth(late, begun)).toBe('2026-09');
  });

  it('should fall back on the latest begun month when every month is done', () => {
    const done = begun.map((m) => row(m, true, 24, 0));
    expect(oldestOpenWorkMonth(done, begun)).toBe('2026-12');
  });

  it('should open the read screens on the latest month actually closed', () => {
    expect(latestFrozenMonth(year, begun)).toBe('2026-10');
    const novemberClosed = year.map((r) => (r.month === '2026-11' ? row('2026-11', true, 24, 0) : r));
    expect(latestFrozenMonth(novemberClosed, begun)).toBe('2026-11');
    expect(latestFrozenMonth([], begun)).toBeNull();
  });

  it('should open the read screens of a plan that says live on the first month not closed yet', () => {
    expect(liveMonth(year, begun, '2026-10')).toBe('2026-11');
    const allClosed = begun.map((m) => row(m, true, 24, 0));
    expect(liveMonth(allClosed, begun, '2026-11')).toBe('2026-12');
    expect(liveMonth([], begun, '2026-10')).toBe('2026-01');
    // the months not known (the request failed): the month after the calendar's guess
    expect(liveMonth(null, begun, '2026-10')).toBe('2026-11');
  });
});
