import { describe, expect, it } from 'vitest';

import { begunMonths, closeDateOf, isDueClosed, latestClosedMonth, pickMonth } from './assessment-month';

const plan = { year: 2026, monthCloseDay: 10 };
// 2026-11-25 16:33 UTC = 2026-11-26 00:33 in Asia/Shanghai.
const demoNow = new Date('2026-11-25T16:33:00Z');

describe('assessment month', () => {
  it('should close a month on the plan day of the following month, December in January', () => {
    expect(closeDateOf('2026-10', 10)).toBe('2026-11-10');
    expect(closeDateOf('2026-12', 5)).toBe('2027-01-05');
    expect(closeDateOf('2026-01', 31)).toBe('2026-02-28');
  });

  it('should default to October in the demo (late November: November is still live)', () => {
    expect(latestClosedMonth(plan, demoNow)).toBe('2026-10');
    expect(isDueClosed('2026-11', plan, demoNow)).toBe(false);
  });

  it('should keep the previous month live until its close day, in Asia/Shanghai', () => {
    // 2026-11-10 00:30 in Shanghai is still 2026-11-09 in UTC.
    expect(latestClosedMonth(plan, new Date('2026-11-09T16:30:00Z'))).toBe('2026-10');
    expect(latestClosedMonth(plan, new Date('2026-11-09T15:30:00Z'))).toBe('2026-09');
  });

  it('should show the current month when nothing has closed yet, and December for a past year', () => {
    expect(latestClosedMonth(plan, new Date('2026-01-20T04:00:00Z'))).toBe('2026-01');
    expect(latestClosedMonth({ year: 2025, monthCloseDay: 10 }, demoNow)).toBe('2025-12');
    expect(latestClosedMonth({ year: 2027, monthCloseDay: 10 }, demoNow)).toBe('2027-01');
  });

  it('should list the begun months and accept only those from the query', () => {
    const months = begunMonths(2026, demoNow);
    expect(months).toHaveLength(11);
    expect(months.at(-1)).toBe('2026-11');
    expect(pickMonth('2026-03', months)).toBe('2026-03');
    expect(pickMonth(['2026-04'], months)).toBe('2026-04');
    expect(pickMonth('2026-12', months)).toBeNull();
    expect(pickMonth('x', months)).toBeNull();
    expect(pickMonth(undefined, months)).toBeNull();
  });
});
