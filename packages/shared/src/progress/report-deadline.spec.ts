import { isLateSubmission, isReportableMonth, reportDeadline } from './report-deadline.js';

describe('reportDeadline', () => {
  it('should fall in the month after the report month, across the year end', () => {
    expect(reportDeadline('2026-10', 5)).toBe('2026-11-05');
    expect(reportDeadline('2026-12', 10)).toBe('2027-01-10');
    expect(() => reportDeadline('2026-10', 31)).toThrow(RangeError);
  });

  it('should count the whole deadline day in Asia/Shanghai as on time, whatever the server zone', () => {
    // 2026-11-05T15:59:59Z is 23:59:59 on Nov 5 in Shanghai; one second later it is Nov 6
    expect(isLateSubmission('2026-10', 5, new Date('2026-11-05T15:59:59Z'))).toBe(false);
    expect(isLateSubmission('2026-10', 5, new Date('2026-11-05T16:00:00Z'))).toBe(true);
    // early in the Shanghai morning of the deadline day is still the UTC day before
    expect(isLateSubmission('2026-10', 5, new Date('2026-11-04T17:00:00Z'))).toBe(false);
  });

  it('should allow months of the plan year up to the current Shanghai month', () => {
    const now = new Date('2026-10-31T16:30:00Z'); // Nov 1, 00:30 in Shanghai
    expect(isReportableMonth('2026-11', 2026, now)).toBe(true);
    expect(isReportableMonth('2026-12', 2026, now)).toBe(false);
    expect(isReportableMonth('2025-12', 2026, now)).toBe(false);
    expect(isReportableMonth('2026-01', 2026, now)).toBe(true);
  });
});
