import type { ReportDetail } from '@pacer/shared';
import { addMonths, parseMonth } from '@pacer/shared';

import { fetchReport, fetchReports } from '@/api/reports';

/**
 * Last month's increments of the report's unit (indicatorId → value), shown beside each box on a phone. Same plan
 * year only (none in January); empty when last month has no report. Two reads the reports screen already uses.
 */
export async function fetchLastMonthValues(
  report: Pick<ReportDetail, 'planId' | 'unitId' | 'month'>,
  signal?: AbortSignal,
): Promise<Record<number, string | null>> {
  if (parseMonth(report.month).month === 1) return {};
  const list = await fetchReports(report.planId, addMonths(report.month, -1), signal);
  const item = list.items.find((i) => i.unitId === report.unitId);
  if (!item) return {};
  const detail = await fetchReport(item.id, signal);
  return Object.fromEntries(detail.lines.map((l) => [l.indicatorId, l.value]));
}
