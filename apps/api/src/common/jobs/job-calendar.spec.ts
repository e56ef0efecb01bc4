import {
  addDays,
  isCloseDue,
  isPastDeadline,
  isReminderDue,
  monthCloseDate,
  remindFrom,
  reportingMonth,
} from './job-calendar';

// the server process runs in UTC; every business date below is Asia/Shanghai (UTC+8)
process.env.TZ = 'UTC';

/** An instant given as Shanghai wall-clock time. */
const shanghai = (wallClock: string) => new Date(`${wallClock}+08:00`);

describe('job calendar (Asia/Shanghai with the process in UTC)', () => {
  it('should work on the previous Shanghai month, which starts 8 hours before the UTC month', () => {
    // 2026-11-30T16:10Z is already 1 December 00:10 in Shanghai: November is the month to open
    expect(reportingMonth(new Date('2026-11-30T16:10:00Z'))).toBe('2026-11');
    expect(reportingMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-10');
    expect(reportingMonth(shanghai('2027-01-01T00:10:00'))).toBe('2026-12');
  });

  it('should count calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-05', -2)).toBe('2026-12-03');
    expect(addDays('2026-12-01', -2)).toBe('2026-11-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('should remind from N days before the deadline through the deadline day itself', () => {
    // November's deadline: 2026-12-05 with the default deadline day 5
    expect(remindFrom('2026-11', 5, 2)).toBe('2026-12-03');
    expect(isReminderDue('2026-11', 5, 2, shanghai('2026-12-02T23:59:59'))).toBe(false);
    // 2026-12-02T16:00Z is 3 December 00:00 in Shanghai: due, although the UTC date still says the 2nd
    expect(isReminderDue('2026-11', 5, 2, new Date('2026-12-02T16:00:00Z'))).toBe(true);
    expect(isReminderDue('2026-11', 5, 2, shanghai('2026-12-05T23:59:59'))).toBe(true);
    expect(isReminderDue('2026-11', 5, 2, shanghai('2026-12-06T00:00:00'))).toBe(false);
    // 0 days: only on the deadline day
    expect(isReminderDue('2026-11', 5, 0, shanghai('2026-12-04T09:00:00'))).toBe(false);
    expect(isReminderDue('2026-11', 5, 0, shanghai('2026-12-05T09:00:00'))).toBe(true);
    // a window reaching back into the reported month itself starts there (the jobs only look at it from the 1st)
    expect(remindFrom('2026-11', 2, 5)).toBe('2026-11-27');
  });

  it('should be past the deadline only once the whole deadline day is over in Shanghai', () => {
    expect(isPastDeadline('2026-11', 5, shanghai('2026-12-05T23:59:59'))).toBe(false);
    expect(isPastDeadline('2026-11', 5, new Date('2026-12-05T16:00:00Z'))).toBe(true);
    // December is reported in January of the next year
    expect(isPastDeadline('2026-12', 5, shanghai('2027-01-06T00:20:00'))).toBe(true);
    expect(isPastDeadline('2026-12', 5, shanghai('2027-01-05T00:20:00'))).toBe(false);
  });

  it('should close on the plan day of the following month and after it (a missed tick catches up)', () => {
    expect(monthCloseDate('2026-11', 10)).toBe('2026-12-10');
    expect(monthCloseDate('2026-12', 3)).toBe('2027-01-03');
    expect(isCloseDue('2026-11', 10, shanghai('2026-12-09T23:59:59'))).toBe(false);
    expect(isCloseDue('2026-11', 10, new Date('2026-12-09T17:00:00Z'))).toBe(true);
    expect(isCloseDue('2026-11', 10, shanghai('2026-12-20T01:00:00'))).toBe(true);
  });
});
