import type {
  OwnFigures,
  ReportDetail,
  ReportsListResponse,
  ReportStatus,
  ReportSummaryRow,
  UnitRow,
} from '@pacer/shared';

import { reportingUnits } from '@/utils/plan-units';

export type BoardStatus = ReportStatus | 'missing';

/** One reporting unit's standing for the month on the 「谁还没报」 board. */
export interface BoardEntry {
  unitId: number;
  unitName: string;
  category: string;
  status: BoardStatus;
  /** Submitted after the deadline (the report's own flag). */
  isLate: boolean;
  /** Not submitted yet and the deadline has passed. */
  isOverdue: boolean;
  reportId: number | null;
  version: number | null;
}

const DONE: readonly BoardStatus[] = ['submitted', 'approved'];

/**
 * Every reporting unit of the plan (tree order) with its report's status, `missing` for the units with none.
 * `today` is the Asia/Shanghai date `YYYY-MM-DD`; a unit not submitted after the deadline day is overdue.
 * Reports of units no longer in the reporting list (deactivated since) are kept at the end.
 */
export function boardEntries(
  list: ReportsListResponse,
  units: readonly UnitRow[],
  rootUnitId: number,
  today: string,
  ownFigures: OwnFigures = 'none',
): BoardEntry[] {
  const byUnit = new Map<number, ReportSummaryRow>(list.items.map((item) => [item.unitId, item]));
  const isPastDeadline = today > list.deadline;
  const entry = (unitId: number, unitName: string, category: string, item?: ReportSummaryRow): BoardEntry => {
    const status: BoardStatus = item?.status ?? 'missing';
    return {
      unitId,
      unitName,
      category,
      status,
      isLate: item?.isLate ?? false,
      isOverdue: isPastDeadline && !DONE.includes(status),
      reportId: item?.id ?? null,
      version: item?.version ?? null,
    };
  };
  const result: BoardEntry[] = [];
  const seen = new Set<number>();
  for (const unit of reportingUnits(units, rootUnitId, ownFigures)) {
    const item = byUnit.get(unit.id);
    // A unit the API did not list (not in scope) and that is not missing either is not the board's business.
    if (!item && !list.missingUnitIds.includes(unit.id)) continue;
    result.push(entry(unit.id, unit.name, unit.category, item));
    seen.add(unit.id);
  }
  for (const item of list.items) {
    if (!seen.has(item.unitId)) result.push(entry(item.unitId, item.unitName, item.unitCategory, item));
  }
  return result;
}

export type BoardCounts = Record<BoardStatus, number> & { overdue: number; late: number; total: number };

export function boardCounts(entries: readonly BoardEntry[]): BoardCounts {
  const counts: BoardCounts = {
    draft: 0,
    submitted: 0,
    approved: 0,
    returned: 0,
    missing: 0,
    overdue: 0,
    late: 0,
    total: 0,
  };
  for (const e of entries) {
    counts[e.status] += 1;
    if (e.isOverdue) counts.overdue += 1;
    if (e.isLate) counts.late += 1;
    counts.total += 1;
  }
  return counts;
}

export interface BoardGroup {
  category: string;
  entries: BoardEntry[];
}

/** The board in groups by unit category, in the order the categories first appear (tree order). */
export function groupByCategory(entries: readonly BoardEntry[]): BoardGroup[] {
  const groups: BoardGroup[] = [];
  for (const e of entries) {
    let group = groups.find((g) => g.category === e.category);
    if (!group) {
      group = { category: e.category, entries: [] };
      groups.push(group);
    }
    group.entries.push(e);
  }
  return groups;
}

/** The review queue: submitted reports, the longest waiting first. */
export function reviewQueue(list: ReportsListResponse | null): ReportSummaryRow[] {
  if (!list) return [];
  return list.items
    .filter((item) => item.status === 'submitted')
    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id);
}

/**
 * Why the caller may not approve this report, or null: 'fourEyes' when the plan requires four-eyes approval and the
 * caller is who last submitted it (the API would answer 409 FOUR_EYES_REQUIRED).
 */
export function approveBlock(
  report: Pick<ReportDetail, 'status' | 'isOwnSubmission' | 'requiresFourEyes'>,
): 'fourEyes' | null {
  return report.status === 'submitted' && report.requiresFourEyes && report.isOwnSubmission
    ? 'fourEyes'
    : null;
}
