import { describe, expect, it } from 'vitest';

import type { ReportsListResponse, ReportSummaryRow, UnitRow } from '@pacer/shared';

import { approveBlock, boardCounts, boardEntries, groupByCategory, reviewQueue } from './approvals';

function unit(id: number, category: string, parentId: number | null = 1, isActive = true): UnitRow {
  return {
    id,
    code: `U${id}`,
    name: `单位${id}`,
    shortName: null,
    category,
    parentId,
    sortOrder: id,
    isActive,
    depth: parentId === null ? 0 : 1,
    createdAt: '',
    updatedAt: '',
    version: 1,
  };
}

function report(
  unitId: number,
  status: ReportSummaryRow['status'],
  extra: Partial<ReportSummaryRow> = {},
): ReportSummaryRow {
  return {
    id: unitId * 10,
    planId: 1,
    unitId,
    unitCode: `U${unitId}`,
    unitName: `单位${unitId}`,
    unitCategory: 'town',
    month: '2026-11',
    status,
    isLate: false,
    submittedAt: null,
    approvedAt: null,
    returnedReason: null,
    version: 2,
    ...extra,
  };
}

const units = [
  unit(1, 'county', null),
  unit(2, 'town'),
  unit(3, 'town'),
  unit(4, 'department'),
  unit(5, 'department'),
  unit(6, 'park', 1, false),
];

const list: ReportsListResponse = {
  planId: 1,
  month: '2026-11',
  deadline: '2026-12-05',
  items: [
    report(2, 'approved', { isLate: true, submittedAt: '2026-12-06T01:00:00Z' }),
    report(3, 'submitted', { submittedAt: '2026-11-22T01:00:00Z' }),
    report(4, 'returned', { unitCategory: 'department' }),
  ],
  missingUnitIds: [5],
};

describe('boardEntries (who has not reported)', () => {
  it('should give every reporting unit its status in tree order, missing ones included', () => {
    const entries = boardEntries(list, units, 1, '2026-11-25');
    expect(entries.map((e) => [e.unitId, e.status, e.reportId])).toEqual([
      [2, 'approved', 20],
      [3, 'submitted', 30],
      [4, 'returned', 40],
      [5, 'missing', null],
    ]);
    expect(entries.every((e) => !e.isOverdue)).toBe(true);
    expect(entries[0]!.isLate).toBe(true);
  });

  it('should count the root (县本级) among the reporting units when the plan says it reports (issue 14 point 11)', () => {
    const withRoot = { ...list, missingUnitIds: [1, 5] };
    // the list answers the root as missing only when it reports; the board follows the plan's setting
    expect(boardEntries(withRoot, units, 1, '2026-12-06').map((e) => e.unitId)).toEqual([2, 3, 4, 5]);
    const entries = boardEntries(withRoot, units, 1, '2026-12-06', 'root');
    expect(entries.map((e) => [e.unitId, e.status])).toEqual([
      [1, 'missing'],
      [2, 'approved'],
      [3, 'submitted'],
      [4, 'returned'],
      [5, 'missing'],
    ]);
    expect(boardCounts(entries)).toMatchObject({ missing: 2, overdue: 3, total: 5 });
  });

  it('should mark units not submitted after the deadline as overdue', () => {
    const entries = boardEntries(list, units, 1, '2026-12-06');
    expect(entries.filter((e) => e.isOverdue).map((e) => e.unitId)).toEqual([4, 5]);
    const counts = boardCounts(entries);
    expect(counts).toMatchObject({
      approved: 1,
      submitted: 1,
      returned: 1,
      missing: 1,
      draft: 0,
      overdue: 2,
      late: 1,
      total: 4,
    });
  });

  it('should group by category in tree order', () => {
    const groups = groupByCategory(boardEntries(list, units, 1, '2026-11-25'));
    expect(groups.map((g) => [g.category, g.entries.length])).toEqual([
      ['town', 2],
      ['department', 2],
    ]);
  });
});

describe('reviewQueue', () => {
  it('should list submitted reports, the longest waiting first', () => {
    const queue = reviewQueue({
      ...list,
      items: [
        report(7, 'submitted', { submittedAt: '2026-11-24T01:00:00Z' }),
        report(8, 'draft'),
        report(9, 'submitted', { submittedAt: '2026-11-20T01:00:00Z' }),
      ],
    });
    expect(queue.map((r) => r.unitId)).toEqual([9, 7]);
    expect(reviewQueue(null)).toEqual([]);
  });
});

describe('approveBlock (四眼原则)', () => {
  it('should block approving a submitted report its reviewer submitted when the plan requires four eyes', () => {
    expect(approveBlock({ status: 'submitted', isOwnSubmission: true, requiresFourEyes: true })).toBe(
      'fourEyes',
    );
  });

  it('should not block another reviewer, a plan without four eyes, or a report not in review', () => {
    expect(approveBlock({ status: 'submitted', isOwnSubmission: false, requiresFourEyes: true })).toBeNull();
    expect(approveBlock({ status: 'submitted', isOwnSubmission: true, requiresFourEyes: false })).toBeNull();
    expect(approveBlock({ status: 'approved', isOwnSubmission: true, requiresFourEyes: true })).toBeNull();
  });
});
