import type { Fortune500Kind, InvestorOrigin, ProjectStage } from '@pacer/shared';

import { demoCreditCode, makeContact, makeInvestor, makeProjectName } from './catalog';
import { ANCHOR_PROJECTS, type AnchorProject, RESIGNED_ORIGINAL } from './projects.anchors';
import type { DemoCalendar } from './calendar';
import { addDays, dateOf, dayOf, DemoRandom, monthOfDate, pad2 } from './random';
import { demoTargetOf } from './targets.seed';
import { REPORTING_UNITS } from './units.seed';

/**
 * The ledger is written for one whole base year (2026) and then moved to the story year and cut at the day before
 * the seeding day (ledgerAsOf), so the county is the same on every day and only shows less of its year earlier on.
 */
export const BASE_YEAR = 2026;
/** The last day the full-year ledger reaches. */
const LAST_EVENT_DAY = '2026-12-31';
const PROJECTS_SEED = 20_261_125;

export type DemoEventStage = ProjectStage | 'registered';

export interface DemoProject {
  /** Year of the first record, for the ledger code `XM<year>-<id>`. */
  codeYear: number;
  name: string;
  investorName: string;
  investorCreditCode: string | null;
  origin: InvestorOrigin;
  industryChain: string | null;
  /** 万元, an integer. */
  agreedWan: number;
  fortune500Kind: Fortune500Kind | null;
  isChainLeader: boolean;
  isSpecialized: boolean;
  unitCode: string;
  /** Every credited unit, the responsible one first; percents sum to 100. */
  shares: Array<{ unitCode: string; pct: number }>;
  stage: ProjectStage;
  dates: Partial<Record<DemoEventStage, string>>;
  excludedReason: string | null;
  description: string | null;
  contact: string | null;
  /** Funds in place per month, 万元 (integers). */
  funds: Array<{ month: string; amountWan: number }>;
  /** The month in progress' funds are entered as they arrive (else early the next month). */
  fundsEnteredEarly: boolean;
}

// signing clusters around the spring promotion (March–April) and the autumn fair (September–October)
const SIGNING_MONTHS: ReadonlyArray<readonly [number, number]> = [
  [1, 5],
  [2, 4],
  [3, 10],
  [4, 10],
  [5, 9],
  [6, 10],
  [7, 8],
  [8, 8],
  [9, 11],
  [10, 10],
  [11, 8],
  [12, 6],
];
const FILLER_ORIGINS: ReadonlyArray<readonly [InvestorOrigin, number]> = [
  ['out_of_province', 55],
  ['in_province', 35],
  ['overseas', 3],
  ['local', 4],
];
/** Co-introduced projects: the responsible unit's first generated signing is shared 60/40 with the partner. */
const SHARED_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['T01', 'D02'],
  ['T02', 'D05'],
  ['T03', 'D01'],
  ['T04', 'D01'],
  ['T05', 'D03'],
  ['T06', 'D02'],
  ['T07', 'D09'],
  ['T08', 'D04'],
  ['T09', 'D06'],
  ['T10', 'D03'],
  ['P01', 'D02'],
  ['P02', 'D04'],
  ['Z01', 'D10'],
  ['Z02', 'D07'],
];
const PARTNER_PCT = 40;
const SPECIALIZED_CHAINS = ['智能制造', '新材料', '电子信息', '生物医药'];

/** Stage dates in life order (registered is a date of its own, usually near started). */
const DATE_STAGES = [
  'lead',
  'negotiating',
  'signed',
  'started',
  'registered',
  'producing',
  'dropped',
] as const;

function sharesOf(unitCode: string, partner?: string): DemoProject['shares'] {
  return partner
    ? [
        { unitCode, pct: 100 - PARTNER_PCT },
        { unitCode: partner, pct: PARTNER_PCT },
      ]
    : [{ unitCode, pct: 100 }];
}

function stageOf(dates: DemoProject['dates']): ProjectStage {
  if (dates.dropped) return 'dropped';
  if (dates.producing) return 'producing';
  if (dates.started) return 'started';
  if (dates.signed) return 'signed';
  if (dates.negotiating) return 'negotiating';
  return 'lead';
}

function firstYear(dates: DemoProject['dates']): number {
  const first = Object.values(dates).sort()[0] ?? LAST_EVENT_DAY;
  return Number(first.slice(0, 4));
}

/** A date `min..max` days after `date`, or null when that would be after the demo's today. */
function after(r: DemoRandom, date: string, min: number, max: number): string | null {
  const d = addDays(date, r.int(min, max));
  return d <= LAST_EVENT_DAY ? d : null;
}

function roundAmount(wan: number): number {
  if (wan < 10000) return Math.max(2000, Math.round(wan / 100) * 100);
  if (wan < 50000) return Math.round(wan / 500) * 500;
  return Math.min(95000, Math.round(wan / 1000) * 1000);
}

/**
 * Funds in place: started projects invest month by month from their start (big ones more slowly); signed ones
 * that have not started yet sometimes pay a first instalment (land). November is still being entered.
 */
function buildFunds(
  r: DemoRandom,
  p: Omit<DemoProject, 'funds' | 'fundsEnteredEarly'>,
): DemoProject['funds'] {
  if (p.stage === 'dropped' || !p.dates.signed) return [];
  const started = p.dates.started ?? null;
  const from = started ?? (r.chance(0.45) ? addDays(p.dates.signed, r.int(20, 60)) : null);
  if (!from || from > LAST_EVENT_DAY) return [];
  const rate =
    (started ? 0.055 + r.next() * 0.07 : 0.02 + r.next() * 0.02) * (p.agreedWan >= 200000 ? 0.5 : 1);
  const capWan = p.agreedWan * 0.8;
  const funds: DemoProject['funds'] = [];
  let total = 0;
  let [year, month] = monthOfDate(from).split('-').map(Number) as [number, number];
  const lastMonth = '2026-12';
  for (;;) {
    const key = `${year}-${pad2(month)}`;
    if (key > lastMonth) break;
    const amount = Math.round((p.agreedWan * rate * (0.6 + r.next() * 0.8)) / 10) * 10;
    if (amount > 0 && total + amount <= capWan) {
      funds.push({ month: key, amountWan: amount });
      total += amount;
    }
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return funds;
}

function fromAnchor(
  r: DemoRandom,
  a: AnchorProject,
  codes: Map<string, string | null>,
): Omit<DemoProject, 'funds' | 'fundsEnteredEarly'> {
  const dates: DemoProject['dates'] = {};
  for (const stage of DATE_STAGES) if (a[stage]) dates[stage] = a[stage];
  const creditCode = a.investorOf
    ? codes.get(a.investorOf)!
    : a.division
      ? demoCreditCode(r, a.division)
      : null;
  codes.set(a.key, creditCode);
  return {
    codeYear: firstYear(dates),
    name: a.name,
    investorName: a.investor,
    investorCreditCode: creditCode,
    origin: a.origin,
    industryChain: a.chain,
    agreedWan: a.agreedWan,
    fortune500Kind: a.fortune500 ?? null,
    isChainLeader: a.chainLeader ?? false,
    isSpecialized: a.specialized ?? false,
    unitCode: a.unit,
    shares: sharesOf(a.unit, a.partner),
    stage: stageOf(dates),
    dates,
    excludedReason: a.excludedReason ?? null,
    description: a.description ?? null,
    contact: makeContact(r),
  };
}

/** What the unit's hand-written projects already credit it with in 2026 signings (万元). */
function anchorCredit(unitCode: string): number {
  let sum = 0;
  for (const a of ANCHOR_PROJECTS) {
    if (!a.signed?.startsWith('2026') || a.dropped || a.excludedReason) continue;
    if (a.unit === unitCode) sum += a.partner ? (a.agreedWan * (100 - PARTNER_PCT)) / 100 : a.agreedWan;
    if (a.partner === unitCode) sum += (a.agreedWan * PARTNER_PCT) / 100;
  }
  return sum;
}

function signingDate(r: DemoRandom): string {
  const month = r.weighted(SIGNING_MONTHS);
  return `2026-${pad2(month)}-${pad2(r.int(1, 28))}`;
}

/**
 * The whole ledger, the same on every run: the anchors, then per unit its generated 2026 signings (sized so the
 * unit lands near its `pace`) and its open leads.
 */
export function buildDemoProjects(): DemoProject[] {
  const anchorRandom = new DemoRandom(PROJECTS_SEED);
  const usedInvestors = new Set(ANCHOR_PROJECTS.map((a) => a.investor));
  const usedNames = new Set(ANCHOR_PROJECTS.map((a) => a.name));
  const codes = new Map<string, string | null>();
  const projects: Array<Omit<DemoProject, 'funds' | 'fundsEnteredEarly'>> = ANCHOR_PROJECTS.map((a) =>
    fromAnchor(anchorRandom, a, codes),
  );

  // a stream per unit (and per project for funds), so tuning one unit leaves the others as they were
  for (const [unitIndex, unit] of REPORTING_UNITS.entries()) {
    const r = new DemoRandom(PROJECTS_SEED + 1000 * (unitIndex + 1));
    const budget = Math.max(
      unit.fillers * 2500,
      (demoTargetOf(unit.code, 'QYZE') * unit.pace) / 100 - anchorCredit(unit.code),
    );
    const weights = Array.from({ length: unit.fillers }, () => 0.25 + r.next() * r.next() * 3);
    const weightSum = weights.reduce((s, w) => s + w, 0);
    const partner = SHARED_PAIRS.find(([owner]) => owner === unit.code)?.[1];
    weights.forEach((weight, i) => {
      const chain = r.pick(unit.chains);
      const agreedWan = roundAmount((budget * weight) / weightSum);
      const origin = agreedWan < 10000 ? r.weighted(FILLER_ORIGINS) : r.weighted(FILLER_ORIGINS.slice(0, 2));
      const investor = makeInvestor(r, chain, origin, usedInvestors, r.chance(0.84));
      const signed = signingDate(r);
      const lead = addDays(signed, -r.int(45, 160));
      const negotiating = addDays(signed, -r.int(12, 40));
      const started = signed <= '2026-10-20' && r.chance(0.56) ? after(r, signed, 25, 120) : null;
      const registered = started && r.chance(0.62) ? after(r, started, 3, 40) : null;
      const producing =
        started && started <= '2026-06-30' && r.chance(0.35) ? after(r, started, 90, 150) : null;
      const dates: DemoProject['dates'] = { lead, negotiating, signed };
      if (started) dates.started = started;
      if (registered) dates.registered = registered;
      if (producing) dates.producing = producing;
      projects.push({
        codeYear: firstYear(dates),
        name: makeProjectName(r, chain, investor.brand, agreedWan, usedNames),
        investorName: investor.name,
        investorCreditCode: investor.creditCode,
        origin,
        industryChain: chain,
        agreedWan,
        fortune500Kind: null,
        isChainLeader: false,
        isSpecialized: SPECIALIZED_CHAINS.includes(chain) && r.chance(0.22),
        unitCode: unit.code,
        shares: sharesOf(unit.code, i === 0 ? partner : undefined),
        stage: stageOf(dates),
        dates,
        excludedReason: null,
        description: null,
        contact: r.chance(0.8) ? makeContact(r) : null,
      });
    });

    for (let i = 0; i < unit.leads; i++) {
      const chain = r.pick(unit.chains);
      const origin = r.weighted(FILLER_ORIGINS.slice(0, 2));
      const investor = makeInvestor(r, chain, origin, usedInvestors, r.chance(0.6));
      const lead = dateOf(dayOf('2026-03-01') + r.int(0, 260));
      const negotiating = r.chance(0.55) ? after(r, lead, 15, 70) : null;
      const dates: DemoProject['dates'] = { lead };
      if (negotiating) dates.negotiating = negotiating;
      const agreedWan = roundAmount(5000 + r.next() * r.next() * 120000);
      projects.push({
        codeYear: firstYear(dates),
        name: makeProjectName(r, chain, investor.brand, agreedWan, usedNames),
        investorName: investor.name,
        investorCreditCode: investor.creditCode,
        origin,
        industryChain: chain,
        agreedWan,
        fortune500Kind: null,
        isChainLeader: false,
        isSpecialized: false,
        unitCode: unit.code,
        shares: sharesOf(unit.code),
        stage: stageOf(dates),
        dates,
        excludedReason: null,
        description: negotiating
          ? '已开展实质性洽谈，正在对接用地和厂房需求'
          : '通过以商招商获得线索，待进一步对接',
        contact: r.chance(0.5) ? makeContact(r) : null,
      });
    }
  }
  // last, with no funds: the 跨年重签 original (projects.anchors.ts); the indices (and funds) before it stay as they were
  const historyOnly = projects.length;
  projects.push(fromAnchor(anchorRandom, RESIGNED_ORIGINAL, codes));
  return projects.map((p, i) => {
    if (i >= historyOnly) return { ...p, fundsEnteredEarly: false, funds: [] };
    const r = new DemoRandom(PROJECTS_SEED + 500_000 + i);
    return { ...p, fundsEnteredEarly: r.chance(0.5), funds: buildFunds(r, p) };
  });
}

const shiftYear = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

/**
 * The ledger as it stands on the calendar's day: moved from the base year to the story year, every date on or after
 * the seeding day dropped (a project with no date left is not there yet), the stage, exclusion and description
 * following what is left, and the funds of months entered by then (a month's funds early the next month, those of
 * the month in progress for some projects as they arrive).
 */
export function ledgerAsOf(projects: readonly DemoProject[], cal: DemoCalendar): DemoProject[] {
  const years = cal.storyYear - BASE_YEAR;
  const currentMonth = cal.today.slice(0, 7);
  const out: DemoProject[] = [];
  for (const p of projects) {
    const dates: DemoProject['dates'] = {};
    let cut = false;
    for (const [stage, date] of Object.entries(p.dates) as Array<[DemoEventStage, string]>) {
      const moved = shiftYear(date, years);
      if (moved <= cal.lastEventDay) dates[stage] = moved;
      else cut = true;
    }
    if (Object.keys(dates).length === 0) continue;
    const stage = stageOf(dates);
    const description = !cut
      ? (p.description?.replace(/20(2\d)年/g, (_, y: string) => `${2000 + Number(y) + years}年`) ?? null)
      : stage === 'negotiating'
        ? '已开展实质性洽谈，正在对接用地和厂房需求'
        : stage === 'lead'
          ? '通过以商招商获得线索，待进一步对接'
          : null;
    const funds = p.funds
      .map((f) => ({ month: shiftYear(f.month, years), amountWan: f.amountWan }))
      .filter((f) =>
        f.month < currentMonth
          ? // last month's funds are entered on the 3rd
            f.month < addMonthsOf(currentMonth, -1) || cal.day > 3
          : f.month === currentMonth && p.fundsEnteredEarly && cal.day > 1,
      )
      .filter((f) => dates.signed && f.month >= monthOfDate(dates.signed));
    out.push({
      ...p,
      codeYear: p.codeYear + years,
      dates,
      stage,
      excludedReason: dates.signed ? p.excludedReason : null,
      description,
      funds,
    });
  }
  return out;
}

function addMonthsOf(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** The stage events of a project in date order (registered is an event of its own). */
export function eventsOf(p: DemoProject): Array<{ stage: DemoEventStage; date: string }> {
  const order: DemoEventStage[] = [
    'lead',
    'negotiating',
    'signed',
    'started',
    'registered',
    'producing',
    'dropped',
  ];
  return order
    .filter((s) => p.dates[s])
    .map((stage) => ({ stage, date: p.dates[stage]! }))
    .sort((a, b) =>
      a.date === b.date ? order.indexOf(a.stage) - order.indexOf(b.stage) : a.date < b.date ? -1 : 1,
    );
}
