import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isValidCreditCode, roleConflict, validateScoringConfig } from '@pacer/shared';

import { passwordProblems } from '../../../common/auth/password-policy';
import { DEMO_PASSWORD } from '../../../modules/auth/demo-accounts.service';
import { isDemoMode } from '../demo-seed.service';
import { demoCreditCode } from './catalog';
import { DEMO_INDICATORS, DEMO_SCORING, RANKING_GROUPS } from './plan.seed';
import { DEMO_MONTH_CLOSE_DAY, DEMO_REPORT_DEADLINE_DAY, demoCalendar } from './calendar';
import { buildDemoProjects, eventsOf, ledgerAsOf } from './projects.seed';
import { DemoRandom } from './random';
import { buildDemoReports } from './reports.seed';
import { buildDemoTargets } from './targets.seed';
import { DEMO_UNITS, REPORTING_UNITS } from './units.seed';
import { DEMO_USERS } from './users.seed';

/** 09:00 in Asia/Shanghai on a day. */
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
const CAL = demoCalendar(at('2026-11-25'));

describe('demo county builders', () => {
  const projects = ledgerAsOf(buildDemoProjects(), CAL);

  it('should build the same ledger and reports on every call for the same day', () => {
    expect(ledgerAsOf(buildDemoProjects(), demoCalendar(at('2026-11-25')))).toEqual(projects);
    expect(buildDemoReports(projects, CAL)).toEqual(
      buildDemoReports(projects, demoCalendar(at('2026-11-25'))),
    );
  });

  it('should draw the same numbers from the same seed and different ones from another', () => {
    const a = new DemoRandom(42);
    const b = new DemoRandom(42);
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    expect(new DemoRandom(42).next()).not.toBe(new DemoRandom(43).next());
    const r = new DemoRandom(7);
    const ints = Array.from({ length: 1000 }, () => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  it('should give generated credit codes a correct GB 32100 check character', () => {
    const r = new DemoRandom(1);
    for (let i = 0; i < 200; i++) expect(isValidCreditCode(demoCreditCode(r, '340104'))).toBe(true);
  });

  it('should keep every project consistent: dates in stage order, nothing after today, shares summing to 100', () => {
    for (const p of projects) {
      const events = eventsOf(p);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.date < CAL.today)).toBe(true);
      const { lead, negotiating, signed, started, producing, dropped } = p.dates;
      const chain = [lead, negotiating, signed, started, producing].filter(Boolean) as string[];
      expect([...chain].sort()).toEqual(chain);
      if (dropped) expect(chain.every((d) => d <= dropped)).toBe(true);
      expect(p.shares.reduce((s, x) => s + x.pct, 0)).toBe(100);
      expect(p.shares[0]!.unitCode).toBe(p.unitCode);
      expect(Number.isInteger(p.agreedWan)).toBe(true);
      if (p.investorCreditCode) expect(isValidCreditCode(p.investorCreditCode)).toBe(true);
      for (const f of p.funds) expect(f.month >= (p.dates.signed ?? '').slice(0, 7)).toBe(true);
    }
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
  });

  it('should give every unit but the county a reporter with a readable login', () => {
    const reporters = DEMO_USERS.filter((u) => u.roles.includes('reporter'));
    expect(reporters).toHaveLength(REPORTING_UNITS.length);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    expect(reporters.every((u) => /^[a-z]{3,12}$/.test(u.username))).toBe(true);
    expect(DEMO_UNITS).toHaveLength(25);
  });

  it('should keep the three administrators apart and give every account a password the policy accepts (AC-6, AUTH-2)', () => {
    expect(DEMO_USERS.filter((u) => roleConflict(u.roles) !== null)).toEqual([]);
    for (const role of ['sysadmin', 'admin', 'auditor'] as const) {
      expect(DEMO_USERS.filter((u) => u.roles.includes(role)).map((u) => u.roles)).toEqual([[role]]);
    }
    for (const user of DEMO_USERS) expect(passwordProblems(DEMO_PASSWORD, user.username)).toEqual([]);
  });

  it('should weigh the scored indicators to 100 and point the scoring outline at known indicators', () => {
    const scored = DEMO_INDICATORS.filter((i) => i.isScored);
    expect(scored.reduce((s, i) => s + Number(i.weight), 0)).toBe(100);
    const codes = new Set(DEMO_INDICATORS.map((i) => i.code));
    for (const item of DEMO_SCORING.items) {
      if (typeof item.indicator === 'string') expect(codes.has(item.indicator)).toBe(true);
    }
    // the scoring engine accepts it as it is stored
    expect(
      validateScoringConfig(DEMO_SCORING, [...codes], { groupCodes: RANKING_GROUPS.map((g) => g.code) }),
    ).toEqual([]);
  });

  it('should target every unit and indicator at most once', () => {
    const keys = buildDemoTargets().map((t) => `${t.unitCode}|${t.indicatorCode}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    [{ PACER_DEMO: undefined, DATABASE_URL: undefined }, true],
    [{ PACER_DEMO: undefined, DATABASE_URL: 'postgres://db/pacer' }, false],
    [{ PACER_DEMO: true, DATABASE_URL: 'postgres://db/pacer' }, true],
    [{ PACER_DEMO: false, DATABASE_URL: undefined }, false],
  ])('should decide demo mode from %j as %s', (env, expected) => {
    expect(isDemoMode(env)).toBe(expected);
  });
});

describe('demo county calendar: the demo is told as of the day it is seeded', () => {
  it.each([
    // day, story year, closed months, month in review, phase, next year's plan
    ['2026-03-02', 2026, ['2026-01'], '2026-02', 'before-deadline', null],
    [
      '2026-06-15',
      2026,
      ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'],
      '2026-06',
      'after-close',
      null,
    ],
    [
      '2026-11-25',
      2026,
      Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      '2026-11',
      'after-close',
      null,
    ],
    [
      '2026-12-07',
      2026,
      Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      '2026-11',
      'after-deadline',
      null,
    ],
    [
      '2027-01-05',
      2026,
      Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      '2026-12',
      'before-deadline',
      2027,
    ],
    [
      '2027-01-20',
      2026,
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      '2027-01',
      'after-close',
      2027,
    ],
    ['2027-02-01', 2027, [], '2027-01', 'before-deadline', null],
  ] as const)(
    'on %s: plan year %d, closed %j, in review %s (%s)',
    (day, year, closed, review, phase, newYear) => {
      const cal = demoCalendar(at(day));
      expect(cal).toMatchObject({
        storyYear: year,
        closedMonths: closed,
        reviewMonth: review,
        phase,
        newYear,
      });
      expect(cal.lastEventDay < day).toBe(true);
    },
  );

  it('should take the day in Asia/Shanghai: 2026-12-31T17:00Z is already 2027-01-01', () => {
    expect(demoCalendar(new Date('2026-12-31T17:00:00Z'))).toMatchObject({
      today: '2027-01-01',
      storyYear: 2026,
    });
  });

  it.each([
    '2026-03-02',
    '2026-06-15',
    '2026-11-25',
    '2026-12-07',
    '2027-01-05',
    '2026-08-01',
    '2026-09-30',
    '2027-01-20',
  ])(
    'on %s: nothing in the ledger or the reports on or after the day, and approvals by another person than the submitter',
    (day) => {
      const cal = demoCalendar(at(day));
      const ledger = ledgerAsOf(buildDemoProjects(), cal);
      for (const p of ledger) {
        for (const e of eventsOf(p)) expect(e.date < cal.today).toBe(true);
        for (const f of p.funds) expect(f.month <= cal.today.slice(0, 7)).toBe(true);
        if (p.dates.signed) expect(p.dates.signed.slice(0, 4) <= String(cal.storyYear)).toBe(true);
      }
      const reports = buildDemoReports(ledger, cal);
      for (const r of reports) {
        for (const h of r.history) expect(new Date(h.at).getTime()).toBeLessThan(at(day).getTime());
        const times = r.history.map((h) => new Date(h.at).getTime());
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        for (const h of r.history) {
          if (h.action === 'approve' || h.action === 'return') expect(h.by).toBe('admin');
          if (h.action === 'submit') expect(h.by).toBe('reporter');
        }
      }
      // every closed month: all 24 approved; nothing after the month in review
      for (const month of cal.closedMonths) {
        expect(reports.filter((r) => r.month === month && r.status === 'approved')).toHaveLength(24);
      }
      const months = new Set(reports.map((r) => r.month));
      expect([...months].sort()).toEqual([...cal.closedMonths, cal.reviewMonth].filter((m) => months.has(m)));
    },
  );

  it('should show the month in review mid-cycle: approved, awaiting review, returned with a reason, drafts; overdue only after the deadline', () => {
    const mixOf = (day: string) => {
      const cal = demoCalendar(at(day));
      const reports = buildDemoReports(ledgerAsOf(buildDemoProjects(), cal), cal).filter(
        (r) => r.month === cal.reviewMonth,
      );
      const count = (status: string) => reports.filter((r) => r.status === status).length;
      return {
        approved: count('approved'),
        submitted: count('submitted'),
        returned: count('returned'),
        draft: count('draft'),
        flagged: reports.filter((r) => r.flaggedLate).length,
        reasons: reports.filter((r) => r.status === 'returned' && (r.returnedReason ?? '').length > 0).length,
      };
    };
    expect(mixOf('2026-03-02')).toEqual({
      approved: 1,
      submitted: 2,
      returned: 1,
      draft: 20,
      flagged: 0,
      reasons: 1,
    });
    expect(mixOf('2027-01-05')).toEqual({
      approved: 8,
      submitted: 7,
      returned: 2,
      draft: 7,
      flagged: 0,
      reasons: 2,
    });
    // after the deadline of the 5th: the two never handed in are overdue (flagged late by the job on the 6th)
    expect(mixOf('2026-12-07')).toEqual({
      approved: 15,
      submitted: 5,
      returned: 2,
      draft: 2,
      flagged: 2,
      reasons: 2,
    });
    // after the close day, the current month: early drafts, a few handed in, one sent back, nothing approved
    expect(mixOf('2026-11-25')).toEqual({
      approved: 0,
      submitted: 5,
      returned: 1,
      draft: 6,
      flagged: 0,
      reasons: 1,
    });
    expect(mixOf('2026-06-15')).toEqual({
      approved: 0,
      submitted: 0,
      returned: 0,
      draft: 2,
      flagged: 0,
      reasons: 0,
    });
  });
});

describe('docs/demo.md against the seed', () => {
  it('should state the county targets the seed sets (新开工项目 and 签约项目个数 included)', () => {
    const doc = readFileSync(join(__dirname, '../../../../../../docs/demo.md'), 'utf8');
    // | QYZE | 签约项目总投资 (亿元) | ledger: … | 300亿元 (3,000,000 万元) | ✓ |
    const stated = new Map<string, number>();
    for (const line of doc.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const code = cells[1] ?? '';
      if (!/^[A-Z0-9]{2,6}$/.test(code) || !DEMO_INDICATORS.some((i) => i.code === code)) continue;
      const text = cells[4]!;
      const wan = /\(([\d,]+) 万元\)/.exec(text);
      const value = wan
        ? Number(wan[1]!.replace(/,/g, ''))
        : text.endsWith('亿元')
          ? Number(text.replace('亿元', '')) * 10000
          : text.endsWith('%')
            ? Number(text.replace('%', '')) / 100
            : Number(text);
      stated.set(code, value);
    }
    const seeded = new Map(
      buildDemoTargets()
        .filter((t) => t.unitCode === 'XIAN')
        .map((t) => [t.indicatorCode, Number(t.value)]),
    );
    expect(stated.size).toBe(DEMO_INDICATORS.length);
    expect(Object.fromEntries(stated)).toEqual(Object.fromEntries(seeded));
  });

  it('should state the plan calendar the seed uses (due on the 5th, closed on the 10th)', () => {
    const doc = readFileSync(join(__dirname, '../../../../../../docs/demo.md'), 'utf8');
    expect(doc).toContain(`reports due on the ${DEMO_REPORT_DEADLINE_DAY}th`);
    expect(doc).toContain(`months close on\nthe ${DEMO_MONTH_CLOSE_DAY}th`);
  });
});
