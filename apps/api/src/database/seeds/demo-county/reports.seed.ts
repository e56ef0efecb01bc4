import { addMonths, type ReportStatus } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type DemoCalendar, daysInMonth, earlyMix, reviewMix } from './calendar';
import { type MonthFacts, writeNarrative } from './narratives';
import type { DemoPlanIds } from './plan.seed';
import type { DemoProject } from './projects.seed';
import { DemoRandom, pad2, shanghai } from './random';
import { demoTargetOf } from './targets.seed';
import { REPORTING_UNITS } from './units.seed';

const REPORTS_SEED = 20_261_205;
/** The order in which units get their report in, drawn per month (so the mix differs from month to month). */
const ORDER_SEED = 20_260_105;

type Actor = 'reporter' | 'admin' | null;
export interface DemoHistory {
  from: ReportStatus | null;
  to: ReportStatus;
  action: 'create' | 'save' | 'submit' | 'approve' | 'return';
  reason: string | null;
  by: Actor;
  at: string;
}

export interface DemoReport {
  unitCode: string;
  month: string;
  status: ReportStatus;
  isLate: boolean;
  /** A draft never submitted that the mark-late job flagged the day after the deadline (is_late, not in). */
  flaggedLate: boolean;
  /** The month's increments of the reported indicators (a draft may lack some). */
  values: Partial<Record<'XS' | 'PC', number>>;
  progressText: string;
  problemsText: string;
  nextPlanText: string;
  returnedReason: string | null;
  history: DemoHistory[];
}

/** Reports of closed months submitted after the 5th (迟报), by month number. */
const LATE: Readonly<Record<number, readonly string[]>> = {
  3: ['T09'],
  7: ['D06'],
  10: ['T09', 'D07', 'D10'],
  12: ['D07'],
};
/** Closed months' reports returned once, corrected and approved. */
const RETURNED_THEN_APPROVED: Readonly<Record<number, readonly string[]>> = {
  6: ['T04'],
  8: ['D06'],
  9: ['P02'],
  11: ['T07'],
};

/** Why the office sends a report back (the returned reports of the month in review cycle through them). */
const RETURN_REASONS = [
  '外出招商批次与台账不符，请核实后重新报送',
  '项目线索数量与线索台账不一致，请补充线索清单后重新报送',
  '工作进展中的签约金额与项目台账不符，请核实后重新报送',
  '到位资金佐证材料不全，请补充银行进账单后重新报送',
  '存在问题和下步计划过于笼统，请细化后重新报送',
];

// 春节 in February, the promotion seasons in spring and autumn
const SEASON = [0.8, 0.5, 1.2, 1.1, 1.0, 1.0, 0.9, 0.9, 1.2, 1.2, 1.1, 1.1];

/** Monthly increments whose running total tracks `target × pace` along the season, with a little noise. */
function increments(r: DemoRandom, annual: number, pacePct: number): number[] {
  const out: number[] = [];
  let expected = 0;
  let previous = 0;
  for (let m = 0; m < 12; m++) {
    expected += (annual * pacePct * SEASON[m]!) / 1200;
    const total = Math.max(previous, Math.round(expected + (r.next() - 0.5) * 1.4));
    out.push(total - previous);
    previous = total;
  }
  return out;
}

function factsOf(
  unit: MonthFacts['unit'],
  key: string,
  projects: DemoProject[],
  leads: number,
  trips: number,
): MonthFacts {
  const mine = projects.filter((p) => p.shares.some((s) => s.unitCode === unit.code));
  const end = `${key}-${pad2(daysInMonth(key))}`;
  return {
    unit,
    month: Number(key.slice(5, 7)),
    signed: mine.filter((p) => p.dates.signed?.startsWith(key) && !p.excludedReason),
    started: mine.filter((p) => p.dates.started?.startsWith(key)),
    negotiating: mine.filter(
      (p) =>
        p.dates.negotiating &&
        p.dates.negotiating <= end &&
        !(p.dates.signed && p.dates.signed <= end) &&
        !(p.dates.dropped && p.dates.dropped <= end),
    ),
    fundsWan: mine.reduce((sum, p) => {
      const share = p.shares.find((s) => s.unitCode === unit.code)!.pct;
      return sum + ((p.funds.find((f) => f.month === key)?.amountWan ?? 0) * share) / 100;
    }, 0),
    leads,
    trips,
  };
}

/** Day `day` of the month after `month`, at a time of day, as an instant. */
function nextMonthAt(month: string, day: number, hour: number, minute: number): string {
  return shanghai(`${addMonths(month, 1)}-${pad2(day)}`, hour, minute);
}

const created = (at: string, by: Actor): DemoHistory => ({
  from: null,
  to: 'draft',
  action: 'create',
  reason: null,
  by,
  at,
});
const step = (
  from: ReportStatus,
  to: ReportStatus,
  action: DemoHistory['action'],
  by: Actor,
  at: string,
  reason: string | null = null,
): DemoHistory => ({ from, to, action, reason, by, at });

/** The day (1–9) of the review on which the unit ranked `rank` submitted: the day before the first row counting it. */
function submitDayOf(rank: number, units: number): number {
  for (let day = 2; day <= 9; day++) if (reviewMix(day, units).submittedEver > rank) return day - 1;
  return 9;
}

/**
 * Every report of the demo on the calendar's day: approved reports for each closed month of the story year, the
 * month in review's mix (calendar.ts), and nothing later.
 */
export function buildDemoReports(projects: DemoProject[], cal: DemoCalendar): DemoReport[] {
  const reports: DemoReport[] = [];
  const units = REPORTING_UNITS.length;
  const review = cal.reviewMonth;
  // the review month's order of arrival: rank 0 in first
  const order = new DemoRandom(ORDER_SEED + Number(review.replace('-', ''))).sample(
    REPORTING_UNITS.map((u) => u.code),
    units,
  );
  const mix = reviewMix(cal.day, units);
  const early = earlyMix(cal.day, units);

  for (const [unitIndex, unit] of REPORTING_UNITS.entries()) {
    const r = new DemoRandom(REPORTS_SEED + 1000 * (unitIndex + 1));
    const xs = increments(r, demoTargetOf(unit.code, 'XS'), Math.min(115, unit.pace + 6));
    const pc = increments(r, demoTargetOf(unit.code, 'PC'), Math.min(115, unit.pace + 2));
    const isBehind = unit.pace < 85;

    for (const month of [...cal.closedMonths, review]) {
      const m = Number(month.slice(5, 7));
      const isClosed = month !== review;
      const facts = factsOf(unit, month, projects, xs[m - 1]!, pc[m - 1]!);
      const text = writeNarrative(r, facts, isBehind);
      const base = { unitCode: unit.code, month, ...text, returnedReason: null, flaggedLate: false };
      const values = { XS: facts.leads, PC: facts.trips };
      const minute = () => r.int(0, 59);

      if (isClosed) {
        const isLate = LATE[m]?.includes(unit.code) ?? false;
        const submitDay = isLate ? r.int(6, 8) : r.int(2, 5);
        const history: DemoHistory[] = [
          created(nextMonthAt(month, 1, 0, 10), null),
          step(
            'draft',
            'submitted',
            'submit',
            'reporter',
            nextMonthAt(month, submitDay, r.int(9, 17), minute()),
          ),
        ];
        if (RETURNED_THEN_APPROVED[m]?.includes(unit.code)) {
          const reason = r.pick(RETURN_REASONS);
          history.push(
            step(
              'submitted',
              'returned',
              'return',
              'admin',
              nextMonthAt(month, submitDay + 1, 10, minute()),
              reason,
            ),
            step('returned', 'draft', 'save', 'reporter', nextMonthAt(month, submitDay + 2, 9, minute())),
            step('draft', 'submitted', 'submit', 'reporter', nextMonthAt(month, submitDay + 2, 15, minute())),
          );
        }
        const approveDay = isLate
          ? 9
          : Math.min(9, Number(history[history.length - 1]!.at.slice(8, 10)) + r.int(1, 3));
        history.push(
          step(
            'submitted',
            'approved',
            'approve',
            'admin',
            nextMonthAt(month, approveDay, r.int(9, 17), minute()),
          ),
        );
        reports.push({ ...base, status: 'approved', isLate, values, history });
        continue;
      }

      const rank = order.indexOf(unit.code);
      const draftOf = (history: DemoHistory[], flaggedLate: boolean): DemoReport => {
        // a draft half done: figures entered, the narrative still being written
        const partial = r.chance(0.5);
        return {
          ...base,
          status: 'draft',
          isLate: flaggedLate,
          flaggedLate,
          values: partial ? { XS: values.XS } : values,
          problemsText: partial ? '' : base.problemsText,
          nextPlanText: '',
          history,
        };
      };

      if (cal.phase !== 'after-close') {
        // last month in review: the open-month job made every draft on the 1st at 00:10
        const create = created(nextMonthAt(month, 1, 0, 10), null);
        if (rank >= mix.submittedEver) {
          reports.push(draftOf([create], cal.phase === 'after-deadline'));
          continue;
        }
        const submitDay = submitDayOf(rank, units);
        const isLate = rank >= mix.onTime;
        const submitted = step(
          'draft',
          'submitted',
          'submit',
          'reporter',
          nextMonthAt(month, submitDay, r.int(9, 11), minute()),
        );
        // reviewed the next working day, or the same afternoon when that is the last day before today
        const reviewDay = Math.min(submitDay + 1, cal.day - 1);
        const reviewedAt = nextMonthAt(month, reviewDay, r.int(14, 17), minute());
        if (rank < mix.approved) {
          reports.push({
            ...base,
            status: 'approved',
            isLate,
            values,
            history: [create, submitted, step('submitted', 'approved', 'approve', 'admin', reviewedAt)],
          });
        } else if (rank < mix.approved + mix.returned) {
          const reason = RETURN_REASONS[(rank - mix.approved + m) % RETURN_REASONS.length]!;
          reports.push({
            ...base,
            status: 'returned',
            isLate,
            values,
            returnedReason: reason,
            history: [
              create,
              submitted,
              step('submitted', 'returned', 'return', 'admin', reviewedAt, reason),
            ],
          });
        } else {
          reports.push({ ...base, status: 'submitted', isLate, values, history: [create, submitted] });
        }
        continue;
      }

      // the current month after last month's close: a few write as they go, a few hand in early
      const lastDay = cal.day - 1;
      const at = (day: number, hour: number) =>
        shanghai(`${month}-${pad2(Math.min(day, lastDay))}`, hour, minute());
      if (rank < early.submitted) {
        const create = created(at(r.int(11, 18), 9), 'reporter');
        const submitted = step('draft', 'submitted', 'submit', 'reporter', at(r.int(19, lastDay), 10));
        if (rank < early.returned) {
          const reason = RETURN_REASONS[m % RETURN_REASONS.length]!;
          reports.push({
            ...base,
            status: 'returned',
            isLate: false,
            values,
            returnedReason: reason,
            history: [
              create,
              submitted,
              step('submitted', 'returned', 'return', 'admin', at(lastDay, 16), reason),
            ],
          });
        } else {
          reports.push({ ...base, status: 'submitted', isLate: false, values, history: [create, submitted] });
        }
      } else if (rank < early.submitted + early.drafts) {
        reports.push(draftOf([created(at(r.int(10, lastDay), 15), 'reporter')], false));
      }
    }
  }
  return reports;
}

export interface DemoReportActors {
  adminId: number;
  reporterIdByUnit: Record<string, number>;
}

/** Inserts reports, their values and status history with one statement each; answers the number of reports. */
export async function insertDemoReports(
  manager: EntityManager,
  plan: DemoPlanIds,
  unitIds: Record<string, number>,
  actors: DemoReportActors,
  reports: DemoReport[],
): Promise<number> {
  const userOf = (report: DemoReport, by: Actor) =>
    by === 'admin' ? actors.adminId : by === 'reporter' ? actors.reporterIdByUnit[report.unitCode]! : null;
  const last = (report: DemoReport, action: DemoHistory['action']) =>
    [...report.history].reverse().find((h) => h.action === action);
  const rows: Array<{ id: number; unit_id: number; month: string }> = await manager.query(
    `INSERT INTO monthly_report (plan_id, unit_id, month, status, is_late, progress_text, problems_text, next_plan_text,
                                 submitted_at, submitted_by, approved_at, approved_by, returned_reason, updated_by,
                                 created_at, updated_at, version)
     SELECT $1, t.* FROM unnest($2::int[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::text[],
                               $9::timestamptz[], $10::int[], $11::timestamptz[], $12::int[], $13::text[], $14::int[],
                               $15::timestamptz[], $16::timestamptz[], $17::int[]) AS t
     RETURNING id, unit_id, month`,
    [
      plan.planId,
      reports.map((r) => unitIds[r.unitCode]!),
      reports.map((r) => r.month),
      reports.map((r) => r.status),
      reports.map((r) => r.isLate),
      reports.map((r) => r.progressText),
      reports.map((r) => r.problemsText),
      reports.map((r) => r.nextPlanText),
      reports.map((r) => last(r, 'submit')?.at ?? null),
      reports.map((r) => (last(r, 'submit') ? userOf(r, 'reporter') : null)),
      reports.map((r) => last(r, 'approve')?.at ?? null),
      reports.map((r) => (last(r, 'approve') ? actors.adminId : null)),
      reports.map((r) => r.returnedReason),
      reports.map((r) => userOf(r, 'reporter')),
      reports.map((r) => r.history[0]!.at),
      reports.map((r) => r.history[r.history.length - 1]!.at),
      reports.map((r) => r.history.length),
    ],
  );
  const idOf = new Map(rows.map((row) => [`${row.unit_id}|${row.month}`, row.id]));
  const reportId = (r: DemoReport) => idOf.get(`${unitIds[r.unitCode]}|${r.month}`)!;

  const values = reports.flatMap((r) =>
    (['XS', 'PC'] as const)
      .filter((code) => r.values[code] !== undefined)
      .map((code) => [reportId(r), plan.indicatorIds[code]!, String(r.values[code])] as const),
  );
  await manager.query(
    `INSERT INTO report_value (report_id, indicator_id, value)
     SELECT * FROM unnest($1::int[], $2::int[], $3::numeric[])`,
    [values.map((v) => v[0]), values.map((v) => v[1]), values.map((v) => v[2])],
  );

  const history = reports.flatMap((r) =>
    r.history.map((h) => ({ reportId: reportId(r), h, userId: userOf(r, h.by) })),
  );
  await manager.query(
    `INSERT INTO report_status_history (report_id, from_status, to_status, action, reason, user_id, at)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[])`,
    [
      history.map((x) => x.reportId),
      history.map((x) => x.h.from),
      history.map((x) => x.h.to),
      history.map((x) => x.h.action),
      history.map((x) => x.h.reason),
      history.map((x) => x.userId),
      history.map((x) => x.h.at),
    ],
  );
  return reports.length;
}
