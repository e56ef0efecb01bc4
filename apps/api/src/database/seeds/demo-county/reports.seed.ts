import type { ReportStatus } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type MonthFacts, writeNarrative } from './narratives';
import type { DemoPlanIds } from './plan.seed';
import type { DemoProject } from './projects.seed';
import { DemoRandom, pad2, shanghai } from './random';
import { demoTargetOf } from './targets.seed';
import { REPORTING_UNITS } from './units.seed';

const REPORTS_SEED = 20_261_205;
const CURRENT_MONTH = 11;

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
  /** The month's increments of the reported indicators (a draft may lack some). */
  values: Partial<Record<'XS' | 'PC', number>>;
  progressText: string;
  problemsText: string;
  nextPlanText: string;
  returnedReason: string | null;
  history: DemoHistory[];
}

/** Reports submitted after the 5th (迟报), by month. */
const LATE: Readonly<Record<number, readonly string[]>> = {
  3: ['T09'],
  7: ['D06'],
  10: ['T09', 'D07', 'D10'],
};
/** Returned once, corrected and approved. */
const RETURNED_THEN_APPROVED: Readonly<Record<number, readonly string[]>> = {
  6: ['T04'],
  8: ['D06'],
  9: ['P02'],
};

/** November, the month in progress on the demo's today (2026-11-25). Units not listed have no report yet. */
const NOVEMBER_SUBMITTED = ['T01', 'T02', 'T03', 'T05', 'T08', 'D01', 'D02', 'D03', 'P01', 'Z02'];
const NOVEMBER_RETURNED: Readonly<Record<string, string>> = {
  T07: '外出招商批次与台账不符，请核实后重新报送',
  D05: '项目线索数量与线索台账不一致，请补充线索清单后重新报送',
  P02: '工作进展中的签约金额与项目台账不符，请核实后重新报送',
};
const NOVEMBER_DRAFTS = ['T04', 'T06', 'T10', 'D04', 'D08', 'Z01'];
const RETURN_REASONS = [
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
  for (let m = 0; m < CURRENT_MONTH; m++) {
    expected += (annual * pacePct * SEASON[m]!) / 1200;
    const total = Math.max(previous, Math.round(expected + (r.next() - 0.5) * 1.4));
    out.push(total - previous);
    previous = total;
  }
  return out;
}

function monthEnd(month: number): string {
  return `2026-${pad2(month)}-${month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31}`;
}

function factsOf(
  unit: MonthFacts['unit'],
  month: number,
  projects: DemoProject[],
  leads: number,
  trips: number,
): MonthFacts {
  const key = `2026-${pad2(month)}`;
  const mine = projects.filter((p) => p.shares.some((s) => s.unitCode === unit.code));
  const end = monthEnd(month);
  return {
    unit,
    month,
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

/** Next month's day at a time of day, as an instant. */
function nextMonthAt(month: number, day: number, hour: number, minute: number): string {
  return shanghai(`2026-${pad2(month + 1)}-${pad2(day)}`, hour, minute);
}

/** Every report of the demo: approved January–October for every reporting unit, and November's mix. */
export function buildDemoReports(projects: DemoProject[]): DemoReport[] {
  const reports: DemoReport[] = [];
  for (const [unitIndex, unit] of REPORTING_UNITS.entries()) {
    const r = new DemoRandom(REPORTS_SEED + 1000 * (unitIndex + 1));
    const xs = increments(r, demoTargetOf(unit.code, 'XS'), Math.min(115, unit.pace + 6));
    const pc = increments(r, demoTargetOf(unit.code, 'PC'), Math.min(115, unit.pace + 2));
    const isBehind = unit.pace < 85;

    for (let month = 1; month <= CURRENT_MONTH; month++) {
      const facts = factsOf(unit, month, projects, xs[month - 1]!, pc[month - 1]!);
      const text = writeNarrative(r, facts, isBehind);
      const base = { unitCode: unit.code, month: `2026-${pad2(month)}`, ...text, returnedReason: null };
      const values = { XS: facts.leads, PC: facts.trips };
      const minute = () => r.int(0, 59);

      if (month < CURRENT_MONTH) {
        const isLate = LATE[month]?.includes(unit.code) ?? false;
        const submitDay = isLate ? r.int(6, 8) : r.int(2, 5);
        const history: DemoHistory[] = [
          {
            from: null,
            to: 'draft',
            action: 'create',
            reason: null,
            by: null,
            at: nextMonthAt(month, 1, 8, 30),
          },
          {
            from: 'draft',
            to: 'submitted',
            action: 'submit',
            reason: null,
            by: 'reporter',
            at: nextMonthAt(month, submitDay, r.int(9, 17), minute()),
          },
        ];
        if (RETURNED_THEN_APPROVED[month]?.includes(unit.code)) {
          const reason = r.pick(RETURN_REASONS);
          history.push(
            {
              from: 'submitted',
              to: 'returned',
              action: 'return',
              reason,
              by: 'admin',
              at: nextMonthAt(month, submitDay + 1, 10, minute()),
            },
            {
              from: 'returned',
              to: 'draft',
              action: 'save',
              reason: null,
              by: 'reporter',
              at: nextMonthAt(month, submitDay + 2, 9, minute()),
            },
            {
              from: 'draft',
              to: 'submitted',
              action: 'submit',
              reason: null,
              by: 'reporter',
              at: nextMonthAt(month, submitDay + 2, 15, minute()),
            },
          );
        }
        const approveDay = isLate
          ? 9
          : Math.min(9, Number(history[history.length - 1]!.at.slice(8, 10)) + r.int(1, 3));
        history.push({
          from: 'submitted',
          to: 'approved',
          action: 'approve',
          reason: null,
          by: 'admin',
          at: nextMonthAt(month, approveDay, r.int(9, 17), minute()),
        });
        reports.push({ ...base, status: 'approved', isLate, values, history });
        continue;
      }

      // November: on the 25th some have submitted, some were sent back, some are still drafts, the rest have nothing
      const created = shanghai(`2026-11-${pad2(r.int(16, 19))}`, r.int(9, 16), minute());
      const create: DemoHistory = {
        from: null,
        to: 'draft',
        action: 'create',
        reason: null,
        by: 'reporter',
        at: created,
      };
      if (NOVEMBER_SUBMITTED.includes(unit.code)) {
        const at = shanghai(`2026-11-${pad2(r.int(20, 24))}`, r.int(9, 17), minute());
        reports.push({
          ...base,
          status: 'submitted',
          isLate: false,
          values,
          history: [
            create,
            { from: 'draft', to: 'submitted', action: 'submit', reason: null, by: 'reporter', at },
          ],
        });
      } else if (NOVEMBER_RETURNED[unit.code]) {
        const reason = NOVEMBER_RETURNED[unit.code]!;
        const at = shanghai(`2026-11-${pad2(r.int(20, 21))}`, r.int(9, 17), minute());
        const back = shanghai(`2026-11-${pad2(r.int(23, 24))}`, r.int(9, 11), minute());
        reports.push({
          ...base,
          status: 'returned',
          isLate: false,
          values,
          returnedReason: reason,
          history: [
            create,
            { from: 'draft', to: 'submitted', action: 'submit', reason: null, by: 'reporter', at },
            { from: 'submitted', to: 'returned', action: 'return', reason, by: 'admin', at: back },
          ],
        });
      } else if (NOVEMBER_DRAFTS.includes(unit.code)) {
        // a draft half done: figures entered, the narrative still being written
        const partial = r.chance(0.5);
        reports.push({
          ...base,
          status: 'draft',
          isLate: false,
          values: partial ? { XS: values.XS } : values,
          problemsText: partial ? '' : base.problemsText,
          nextPlanText: '',
          history: [create],
        });
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
