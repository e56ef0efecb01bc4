import { Injectable } from '@nestjs/common';
import type { ErrorDetail, ReportValue, ReportValueInput } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { type ReportPlan, ReportsRepository, type ReportState, type ReportTexts } from './reports.repository';
import { resolveYtdEntries } from './report-ytd-entry';
import { ReportsService } from './reports.service';

// the row type a batch caller compares with, so that it needs nothing from the repository
export type { ReportState };

/** One unit's figures of the month as a batch writes them: onto its report, or onto a new draft. */
export interface ReportBatchRow {
  unitId: number;
  /** The report as the caller read (and locked) it; null: the unit has no report of the month yet. */
  existing: Pick<ReportState, 'id' | 'version'> | null;
  /** Absent texts keep what the report has. */
  texts: Partial<ReportTexts>;
  /** The report's values after the write (they replace its values). */
  values: ReportValue[];
}

/**
 * Reports for callers that write many at once in their own transaction (the Excel import): the reads a preview
 * compares with, and a batch write that goes through the same draft creation and content save as the API routes,
 * so history, audit and summary come out the same whoever wrote them.
 */
@Injectable()
export class ReportsBatchService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly service: ReportsService,
  ) {}

  /** Which of these units report in the plan (active units under its root). */
  listReportingUnitIds(plan: ReportPlan, unitIds: number[], manager?: EntityManager): Promise<number[]> {
    return this.reports.listReportingUnitIds(plan, unitIds, manager);
  }

  async listReportedIndicatorIds(planId: number, manager?: EntityManager): Promise<number[]> {
    return (await this.reports.listReportedIndicators(planId, manager)).map((i) => i.id);
  }

  /**
   * Each unit's values as a save stores them (resolveYtdEntries): a year-to-date indicator's 累计 becomes the month's
   * increment against the unit's approved 累计 before the month; `invalid` and `corrections` name the values (by
   * their index in the unit's list) that cannot be stored: a wrong shape, or a 累计 below the approved one with no
   * reason.
   */
  async resolveMonthValues(
    manager: EntityManager,
    planId: number,
    month: string,
    units: Array<{ unitId: number; values: ReportValueInput[] }>,
  ): Promise<Map<number, { values: ReportValue[]; invalid: ErrorDetail[]; corrections: ErrorDetail[] }>> {
    const indicators = await this.reports.listReportedIndicators(planId, manager);
    const before = new Map<string, string>();
    const unitIds = units.map((u) => u.unitId);
    for (const row of await this.reports.listApprovedYtdBefore(manager, planId, month, unitIds)) {
      before.set(`${row.unitId}:${row.indicatorId}`, row.total);
    }
    return new Map(
      units.map((u) => [
        u.unitId,
        resolveYtdEntries(
          u.values,
          indicators.map((i) => ({
            indicatorId: i.id,
            name: i.name,
            entryMode: i.entryMode,
            reportFrequency: i.reportFrequency,
            approvedYtdBefore: before.get(`${u.unitId}:${i.id}`) ?? '0',
          })),
          Number(month.slice(5, 7)),
        ),
      ]),
    );
  }

  /** The month's reports of these units with values and texts; locked when `manager` is in a transaction. */
  listMonthStates(
    manager: EntityManager | undefined,
    planId: number,
    month: string,
    unitIds: number[],
  ): Promise<ReportState[]> {
    return this.reports.listStates(manager, planId, month, unitIds);
  }

  /**
   * Writes a month's figures in the caller's transaction: drafts for the units without a report (as the API's
   * get-or-create makes them), then each report's content (as the API's save). The caller has checked the rows
   * (reporting units, editable statuses); `stale` is thrown when a report appeared or changed since it read them,
   * so the caller's transaction rolls back whole. `detail` goes on every audit row.
   */
  async writeMonth(
    manager: EntityManager,
    actor: Actor,
    batch: { planId: number; month: string; rows: ReportBatchRow[] },
    options: { stale: () => Error; detail?: Record<string, unknown> },
  ): Promise<void> {
    const missing = batch.rows.filter((r) => r.existing === null).map((r) => r.unitId);
    const created = missing.length
      ? await this.service.createDrafts(
          manager,
          actor,
          { planId: batch.planId, month: batch.month, unitIds: missing },
          { detail: options.detail },
        )
      : [];
    if (created.length !== missing.length) throw options.stale();
    const createdIds = new Map(created.map((c) => [c.unitId, c.id]));
    for (const row of batch.rows) {
      const id = row.existing?.id ?? createdIds.get(row.unitId)!;
      await this.service.writeContent(
        manager,
        actor,
        id,
        row.existing?.version ?? null,
        { texts: row.texts, values: row.values },
        options,
      );
    }
  }
}
