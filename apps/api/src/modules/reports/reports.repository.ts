import { Injectable } from '@nestjs/common';
import {
  Dec,
  deriveYtdIncrements,
  type PlanRow,
  type ReportHistoryRow,
  type ReportFlag,
  type ReportFrequency,
  type ReportIndicatorLine,
  type ReportStatus,
  type ReportSummaryRow,
  type ReportValue,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { planTreeCte, reportingUnitSql } from '../../common/sql/plan-tree.sql';

import { returnedRows } from '../../common/database/query-result';
import type { PlausibilityBasis } from './report-plausibility';

/** The part of a plan (PlansService's PlanRow) the reports read. */
export type ReportPlan = Pick<PlanRow, 'id' | 'year' | 'rootUnitId' | 'status' | 'reportDeadlineDay' | 'ownFigures'>;

/** A report as the workflow needs it (locked FOR UPDATE when read for a write). */
export interface ReportRecord {
  id: number;
  planId: number;
  unitId: number;
  month: string;
  status: ReportStatus;
  isLate: boolean;
  submittedAt: Date | null;
  version: number;
}

export interface ReportTexts {
  progressText: string;
  problemsText: string;
  nextPlanText: string;
}

/** A unit's report of the month with its values and texts, as an import compares it (locked inside a write). */
export interface ReportState {
  id: number;
  unitId: number;
  status: ReportStatus;
  version: number;
  /** `ytd` and `correctionReason` only where set (a year-to-date indicator). */
  values: ReportValue[];
  progressText: string;
  problemsText: string;
  nextPlanText: string;
}

export interface ReportedIndicator {
  id: number;
  code: string;
  name: string;
  kind: string;
  entryMode: 'month' | 'ytd';
  reportFrequency: ReportFrequency;
}

const SUMMARY_COLUMNS = `r.id, r.plan_id AS "planId", r.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
  u.category AS "unitCategory", r.month, r.status, r.is_late AS "isLate", r.submitted_at AS "submittedAt",
  r.approved_at AS "approvedAt", r.returned_reason AS "returnedReason", r.version, r.flags`;

type RawSummary = Omit<ReportSummaryRow, 'submittedAt' | 'approvedAt'> & {
  submittedAt: Date | null;
  approvedAt: Date | null;
};

function toSummary(r: RawSummary): ReportSummaryRow {
  return {
    ...r,
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    approvedAt: r.approvedAt ? new Date(r.approvedAt).toISOString() : null,
  };
}

/** SQL of monthly reports. Reads and writes by id carry the caller's scope (null = every unit) in the statement. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Reporting units: the active units under the plan's root (the root too when it reports: 县本级), within the scope. */
  async listReportingUnitIds(
    plan: ReportPlan,
    scope: number[] | null,
    manager?: EntityManager,
  ): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.q(manager).query(
      `SELECT u.id FROM unit_closure c JOIN unit u ON u.id = c.descendant_id
        WHERE ${reportingUnitSql('$1', plan.ownFigures)} AND ($2::int[] IS NULL OR u.id = ANY($2))
        ORDER BY u.id`,
      [plan.rootUnitId, scope],
    );
    return rows.map((r) => r.id);
  }

  /** Whether a unit exists within the scope (another unit's id looks like no unit at all). */
  async unitInScope(unitId: number, scope: number[] | null, manager?: EntityManager): Promise<boolean> {
    const rows = await this.q(manager).query(
      'SELECT 1 FROM unit WHERE id = $1 AND ($2::int[] IS NULL OR id = ANY($2))',
      [unitId, scope],
    );
    return rows.length > 0;
  }

  /** The month's reports of these units with their values; locked when read inside a write (a transaction). */
  async listStates(
    manager: EntityManager | undefined,
    planId: number,
    month: string,
    unitIds: number[],
  ): Promise<ReportState[]> {
    return this.q(manager).query(
      `SELECT r.id, r.unit_id AS "unitId", r.status, r.version, r.progress_text AS "progressText",
              r.problems_text AS "problemsText", r.next_plan_text AS "nextPlanText",
              coalesce((SELECT json_agg(json_strip_nulls(json_build_object('indicatorId', v.indicator_id, 'value', trim_scale(v.value)::text,
                                                          'ytd', trim_scale(v.ytd)::text, 'correctionReason', v.correction_reason))
                                        ORDER BY v.indicator_id)
                          FROM report_value v WHERE v.report_id = r.id), '[]'::json) AS values
         FROM monthly_report r
        WHERE r.plan_id = $1 AND r.month = $2 AND r.unit_id = ANY($3::int[])
        ORDER BY r.unit_id
        ${manager?.queryRunner?.isTransactionActive ? 'FOR UPDATE OF r' : ''}`,
      [planId, month, unitIds],
    );
  }

  /** Creates the drafts that do not exist yet; answers the new (id, unitId) pairs. */
  async insertDrafts(
    manager: EntityManager,
    planId: number,
    month: string,
    unitIds: number[],
    userId: number | null,
    at: Date,
  ): Promise<Array<{ id: number; unitId: number }>> {
    const rows = await manager.query(
      `INSERT INTO monthly_report (plan_id, unit_id, month, updated_by, created_at, updated_at)
       SELECT $1, u, $2, $3, $4, $4 FROM unnest($5::int[]) AS u
       ON CONFLICT (plan_id, unit_id, month) DO NOTHING
       RETURNING id, unit_id AS "unitId"`,
      [planId, month, userId, at, unitIds],
    );
    return returnedRows(rows);
  }

  async findIdByKey(
    manager: EntityManager,
    planId: number,
    unitId: number,
    month: string,
  ): Promise<number | null> {
    const rows = await manager.query(
      'SELECT id FROM monthly_report WHERE plan_id = $1 AND unit_id = $2 AND month = $3',
      [planId, unitId, month],
    );
    return rows[0]?.id ?? null;
  }

  async insertHistory(
    manager: EntityManager,
    reportIds: number[],
    entry: {
      from: ReportStatus | null;
      to: ReportStatus;
      action: ReportHistoryRow['action'];
      reason?: string | null;
    },
    userId: number | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO report_status_history (report_id, from_status, to_status, action, reason, user_id, at)
       SELECT r, $2, $3, $4, $5, $6, $7 FROM unnest($1::int[]) AS r`,
      [reportIds, entry.from, entry.to, entry.action, entry.reason ?? null, userId, at],
    );
  }

  async findRecord(
    id: number,
    scope: number[] | null,
    manager?: EntityManager,
    forUpdate = false,
  ): Promise<ReportRecord | null> {
    const rows: ReportRecord[] = await this.q(manager).query(
      `SELECT r.id, r.plan_id AS "planId", r.unit_id AS "unitId", r.month, r.status, r.is_late AS "isLate",
              r.submitted_at AS "submittedAt", r.version
         FROM monthly_report r
        WHERE r.id = $1 AND ($2::int[] IS NULL OR r.unit_id = ANY($2)) ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id, scope],
    );
    return rows[0] ?? null;
  }

  async findSummary(id: number, manager?: EntityManager): Promise<(ReportSummaryRow & ReportTexts) | null> {
    const rows: Array<RawSummary & ReportTexts> = await this.q(manager).query(
      `SELECT ${SUMMARY_COLUMNS}, r.progress_text AS "progressText", r.problems_text AS "problemsText",
              r.next_plan_text AS "nextPlanText"
         FROM monthly_report r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1`,
      [id],
    );
    return rows[0]
      ? {
          ...toSummary(rows[0]),
          progressText: rows[0].progressText,
          problemsText: rows[0].problemsText,
          nextPlanText: rows[0].nextPlanText,
        }
      : null;
  }

  /** The month's reports of a plan in unit tree order, within the scope. */
  async listByMonth(plan: ReportPlan, month: string, scope: number[] | null): Promise<ReportSummaryRow[]> {
    const rows: RawSummary[] = await this.dataSource.query(
      // a deactivated unit's reports written before stay in their tree place
      `WITH RECURSIVE ${planTreeCte('$1', { withInactive: true })}
       SELECT ${SUMMARY_COLUMNS}
         FROM monthly_report r JOIN unit u ON u.id = r.unit_id LEFT JOIN plan_tree w ON w.id = r.unit_id
        WHERE r.plan_id = $2 AND r.month = $3 AND ($4::int[] IS NULL OR r.unit_id = ANY($4))
        ORDER BY w.path NULLS LAST, r.unit_id`,
      [plan.rootUnitId, plan.id, month, scope],
    );
    return rows.map(toSummary);
  }

  /** Reporting units (within the scope) with no report row for the month. */
  async listMissingUnitIds(plan: ReportPlan, month: string, scope: number[] | null): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `SELECT u.id FROM unit_closure c JOIN unit u ON u.id = c.descendant_id
        WHERE ${reportingUnitSql('$1', plan.ownFigures)} AND ($4::int[] IS NULL OR u.id = ANY($4))
          AND NOT EXISTS (SELECT 1 FROM monthly_report r WHERE r.plan_id = $2 AND r.unit_id = u.id AND r.month = $3)
        ORDER BY u.sort_order, u.id`,
      [plan.rootUnitId, plan.id, month, scope],
    );
    return rows.map((r) => r.id);
  }

  async listReportedIndicators(planId: number, manager?: EntityManager): Promise<ReportedIndicator[]> {
    return this.q(manager).query(
      `SELECT id, code, name, kind, entry_mode AS "entryMode", report_frequency AS "reportFrequency"
         FROM indicator WHERE plan_id = $1 AND source = 'reported' ORDER BY sort_order, id`,
      [planId],
    );
  }

  /** The report's values; `ytd` and `correctionReason` only where set (a year-to-date indicator, §10). */
  async listValues(reportId: number, manager?: EntityManager): Promise<ReportValue[]> {
    const rows: Array<{ v: ReportValue }> = await this.q(manager).query(
      `SELECT json_strip_nulls(json_build_object('indicatorId', v.indicator_id, 'value', trim_scale(v.value)::text,
                'ytd', trim_scale(v.ytd)::text, 'correctionReason', v.correction_reason)) AS v
         FROM report_value v JOIN indicator i ON i.id = v.indicator_id
        WHERE v.report_id = $1 ORDER BY i.sort_order, i.id`,
      [reportId],
    );
    return rows.map((r) => r.v);
  }

  /** Per unit and reported indicator: the approved 累计 of the months before `month` (only where there is one). */
  async listApprovedYtdBefore(
    manager: EntityManager,
    planId: number,
    month: string,
    unitIds: number[],
  ): Promise<Array<{ unitId: number; indicatorId: number; total: string }>> {
    return manager.query(
      `SELECT r.unit_id AS "unitId", v.indicator_id AS "indicatorId", trim_scale(sum(v.value))::text AS total
         FROM monthly_report r JOIN report_value v ON v.report_id = r.id
        WHERE r.plan_id = $1 AND r.unit_id = ANY($2::int[]) AND r.status = 'approved' AND r.month < $3
        GROUP BY r.unit_id, v.indicator_id`,
      [planId, unitIds, month],
    );
  }

  /**
   * Every reported indicator: this month's value, the unit's approved YTD before the month, the unit's target — for a
   * parent that carries its own figures (本级, the plan's ownFigures), the part of its target its units do not carry
   * (null when they carry all of it), as the figures it reports are its own part only (issue 14 point 11).
   */
  async listLines(report: ReportRecord, manager?: EntityManager): Promise<ReportIndicatorLine[]> {
    return this.q(manager).query(
      `SELECT i.id AS "indicatorId", i.code, i.name, i.measure, i.kind, i.entry_mode AS "entryMode",
              i.report_frequency AS "reportFrequency",
              i.report_frequency <> 'optional'
                AND (i.report_frequency <> 'quarterly' OR substr($4, 6, 2)::int % 3 = 0) AS "isRequired",
              trim_scale(v.value)::text AS value, trim_scale(v.ytd)::text AS ytd, v.correction_reason AS "correctionReason",
              coalesce(trim_scale(prev.total), 0)::text AS "approvedYtdBefore",
              trim_scale(CASE
                WHEN (p.own_figures = 'root' OR (p.own_figures = 'parents' AND p.root_unit_id <> $3))
                     AND EXISTS (SELECT 1 FROM unit cu WHERE cu.parent_id = $3)
                  THEN nullif(greatest(t.value - coalesce((
                         SELECT sum(ct.value) FROM unit cu
                           JOIN target ct ON ct.unit_id = cu.id AND ct.plan_id = $2 AND ct.indicator_id = i.id
                          WHERE cu.parent_id = $3), 0), 0), 0)
                ELSE t.value END)::text AS target
         FROM indicator i
         JOIN plan p ON p.id = i.plan_id
         LEFT JOIN report_value v ON v.report_id = $1 AND v.indicator_id = i.id
         LEFT JOIN LATERAL (
           SELECT sum(v2.value) AS total
             FROM monthly_report r2 JOIN report_value v2 ON v2.report_id = r2.id AND v2.indicator_id = i.id
            WHERE r2.plan_id = $2 AND r2.unit_id = $3 AND r2.status = 'approved' AND r2.month < $4
         ) prev ON true
         LEFT JOIN target t ON t.plan_id = $2 AND t.unit_id = $3 AND t.indicator_id = i.id
        WHERE i.plan_id = $2 AND i.source = 'reported'
        ORDER BY i.sort_order, i.id`,
      [report.id, report.planId, report.unitId, report.month],
    );
  }

  /**
   * What a month's figures are compared with (plausibility): per reported indicator, the unit's annual target and
   * its approved months of the year before this one that carry a value (count and sum).
   */
  async listPlausibilityBases(
    report: Pick<ReportRecord, 'planId' | 'unitId' | 'month'>,
    manager?: EntityManager,
  ): Promise<PlausibilityBasis[]> {
    return this.q(manager).query(
      `SELECT i.id AS "indicatorId", trim_scale(t.value)::text AS target, i.kind = 'ratio' AS level, i.kind = 'count' AS count,
              coalesce(past.months, 0)::int AS "pastMonths", coalesce(trim_scale(past.total), 0)::text AS "pastTotal"
         FROM indicator i
         LEFT JOIN target t ON t.plan_id = $1 AND t.unit_id = $2 AND t.indicator_id = i.id
         LEFT JOIN LATERAL (
           SELECT count(*) AS months, sum(v.value) AS total
             FROM monthly_report r JOIN report_value v ON v.report_id = r.id AND v.indicator_id = i.id
            WHERE r.plan_id = $1 AND r.unit_id = $2 AND r.status = 'approved' AND r.month < $3
         ) past ON true
        WHERE i.plan_id = $1 AND i.source = 'reported'`,
      [report.planId, report.unitId, report.month],
    );
  }

  async listHistory(reportId: number, manager?: EntityManager): Promise<ReportHistoryRow[]> {
    const rows: Array<Omit<ReportHistoryRow, 'at'> & { at: Date }> = await this.q(manager).query(
      `SELECT h.from_status AS "fromStatus", h.to_status AS "toStatus", h.action, h.reason,
              a.display_name AS "userName", h.at
         FROM report_status_history h LEFT JOIN app_user a ON a.id = h.user_id
        WHERE h.report_id = $1 ORDER BY h.id`,
      [reportId],
    );
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  /** Saves texts (null = keep) and bumps the version; false when the version is stale. */
  async updateContent(
    manager: EntityManager,
    id: number,
    version: number,
    texts: Partial<ReportTexts>,
    userId: number | null,
    at: Date,
    flags?: ReportFlag[],
  ): Promise<boolean> {
    // flags: the confirmed plausibility warnings of the new figures (undefined = keep)
    const result = await manager.query(
      `UPDATE monthly_report
          SET progress_text = coalesce($3, progress_text), problems_text = coalesce($4, problems_text),
              next_plan_text = coalesce($5, next_plan_text), updated_by = $6, updated_at = $7, version = version + 1,
              flags = coalesce($8::jsonb, flags)
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        version,
        texts.progressText ?? null,
        texts.problemsText ?? null,
        texts.nextPlanText ?? null,
        userId,
        at,
        flags === undefined ? null : JSON.stringify(flags),
      ],
    );
    return returnedRows(result).length === 1;
  }

  /**
   * The increments of a unit's approved months of its year-to-date indicators, derived again from their entered 累计
   * (deriveYtdIncrements): on every approval and unlock, before the summary refresh, so that the approved increments
   * always add up to the latest approved 累计 whichever order the months were approved in (docs/scoring.md §10).
   */
  async rederiveYtdEntries(manager: EntityManager, planId: number, unitId: number): Promise<void> {
    const rows: Array<{ reportId: number; indicatorId: number; value: string; ytd: string | null }> =
      await manager.query(
        `SELECT v.report_id AS "reportId", v.indicator_id AS "indicatorId", trim_scale(v.value)::text AS value,
                trim_scale(v.ytd)::text AS ytd
           FROM report_value v
           JOIN monthly_report r ON r.id = v.report_id
           JOIN indicator i ON i.id = v.indicator_id
          WHERE r.plan_id = $1 AND r.unit_id = $2 AND r.status = 'approved' AND i.entry_mode = 'ytd'
          ORDER BY v.indicator_id, r.month`,
        [planId, unitId],
      );
    const changed: typeof rows = [];
    for (let start = 0; start < rows.length;) {
      let end = start;
      while (end < rows.length && rows[end]!.indicatorId === rows[start]!.indicatorId) end += 1;
      const series = rows.slice(start, end);
      deriveYtdIncrements(series).forEach((value, k) => {
        if (!new Dec(value).eq(series[k]!.value)) changed.push({ ...series[k]!, value });
      });
      start = end;
    }
    if (changed.length === 0) return;
    await manager.query(
      `UPDATE report_value v SET value = x.value
         FROM unnest($1::int[], $2::int[], $3::numeric[]) AS x(report_id, indicator_id, value)
        WHERE v.report_id = x.report_id AND v.indicator_id = x.indicator_id`,
      [changed.map((c) => c.reportId), changed.map((c) => c.indicatorId), changed.map((c) => c.value)],
    );
  }

  async replaceValues(manager: EntityManager, reportId: number, values: ReportValue[]): Promise<void> {
    await manager.query('DELETE FROM report_value WHERE report_id = $1', [reportId]);
    if (values.length === 0) return;
    await manager.query(
      `INSERT INTO report_value (report_id, indicator_id, value, ytd, correction_reason)
       SELECT $1, i, v, y, r FROM unnest($2::int[], $3::numeric[], $4::numeric[], $5::text[]) AS x(i, v, y, r)`,
      [
        reportId,
        values.map((v) => v.indicatorId),
        values.map((v) => v.value),
        values.map((v) => v.ytd ?? null),
        values.map((v) => v.correctionReason ?? null),
      ],
    );
  }

  /**
   * Four-eyes facts of a report: whether its plan requires four-eyes approval, and who last submitted it (the
   * newest `submit` of its status history; `submitted_by` for a report without one, e.g. loaded by a seed).
   */
  async findFourEyes(
    reportId: number,
    manager?: EntityManager,
  ): Promise<{ requiresFourEyes: boolean; lastSubmitterId: number | null }> {
    const rows: Array<{ requiresFourEyes: boolean; lastSubmitterId: number | null }> = await this.q(
      manager,
    ).query(
      `SELECT p.require_four_eyes AS "requiresFourEyes",
              coalesce((SELECT h.user_id FROM report_status_history h
                         WHERE h.report_id = r.id AND h.action = 'submit' ORDER BY h.id DESC LIMIT 1),
                       r.submitted_by) AS "lastSubmitterId"
         FROM monthly_report r JOIN plan p ON p.id = r.plan_id
        WHERE r.id = $1`,
      [reportId],
    );
    return rows[0] ?? { requiresFourEyes: true, lastSubmitterId: null };
  }

  /**
   * Moves a report from one of `from` to `to` with the columns of that step; false when the version is stale or the
   * status moved meanwhile. Columns come from the fixed set below, never from a request.
   */
  async transition(
    manager: EntityManager,
    id: number,
    version: number,
    from: ReportStatus[],
    to: ReportStatus,
    step: {
      action: 'submit' | 'approve' | 'return' | 'unlock';
      userId: number | null;
      at: Date;
      reason?: string | null;
      isLate?: boolean;
    },
  ): Promise<boolean> {
    // $1..$6 are common; each step adds its own columns after them
    const extra: Record<typeof step.action, [string, unknown[]]> = {
      submit: [
        'submitted_at = $5, submitted_by = $6, is_late = $7, returned_reason = NULL',
        [step.isLate ?? false],
      ],
      approve: ['approved_at = $5, approved_by = $6', []],
      return: ['returned_reason = $7', [step.reason ?? null]],
      unlock: ['approved_at = NULL, approved_by = NULL', []],
    };
    const [columns, values] = extra[step.action];
    const result = await manager.query(
      `UPDATE monthly_report
          SET status = $4, ${columns}, updated_by = $6, updated_at = $5, version = version + 1
        WHERE id = $1 AND version = $2 AND status = ANY($3::text[]) RETURNING id`,
      [id, version, from, to, step.at, step.userId, ...values],
    );
    return returnedRows(result).length === 1;
  }

  /** When the month was closed (its ranking snapshot saved), or null while it is open. */
  async findMonthClosedAt(planId: number, month: string, manager?: EntityManager): Promise<string | null> {
    const rows: Array<{ at: Date | string | null }> = await (manager ?? this.dataSource).query(
      'SELECT max(computed_at) AS at FROM ranking_snapshot WHERE plan_id = $1 AND month = $2',
      [planId, month],
    );
    const at = rows[0]?.at ?? null;
    return at === null ? null : new Date(at).toISOString();
  }
}
