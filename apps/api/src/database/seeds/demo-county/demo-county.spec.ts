import { isValidCreditCode, roleConflict, validateScoringConfig } from '@pacer/shared';

import { passwordProblems } from '../../../common/auth/password-policy';
import { DEMO_PASSWORD } from '../../../modules/auth/demo-accounts.service';
import { isDemoMode } from '../demo-seed.service';
import { demoCreditCode } from './catalog';
import { DEMO_INDICATORS, DEMO_SCORING, RANKING_GROUPS } from './plan.seed';
import { buildDemoProjects, DEMO_TODAY, eventsOf } from './projects.seed';
import { DemoRandom } from './random';
import { buildDemoReports } from './reports.seed';
import { buildDemoTargets } from './targets.seed';
import { DEMO_UNITS, REPORTING_UNITS } from './units.seed';
import { DEMO_USERS } from './users.seed';

describe('demo county builders', () => {
  const projects = buildDemoProjects();

  it('should build the same ledger and reports on every call', () => {
    expect(buildDemoProjects()).toEqual(projects);
    expect(buildDemoReports(buildDemoProjects())).toEqual(buildDemoReports(projects));
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
      expect(events.every((e) => e.date <= DEMO_TODAY)).toBe(true);
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
