import { Injectable } from '@nestjs/common';
import type { DashboardLateReport, DashboardMissingReport, OwnFigures } from '@pacer/shared';
import { DataSource } from 'typeorm';

import { reportingUnitSql } from '../../common/sql/plan-tree.sql';

/** Reads of the dashboard besides the scored month: report discipline and the county's live trend. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reports of the month submitted after the deadline, in unit order. */
  async listLateReports(planId: number, month: string): Promise<DashboardLateReport[]> {
    const rows: Array<Omit<DashboardLateReport, 'submittedAt'> & { submittedAt: Date | null }> =
      await this.dataSource.query(
        `SELECT r.id AS "reportId", r.unit_id AS "unitId", u.name AS "unitName", r.status, r.submitted_at AS "submittedAt"
           FROM monthly_report r JOIN unit u ON u.id = r.unit_id
          WHERE r.plan_id = $1 AND r.month = $2 AND r.is_late
          ORDER BY u.sort_order, u.id`,
        [planId, month],
      );
    return rows.map((r) => ({
      ...r,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    }));
  }

  /** Reporting units (active, below the root) with no submitted or approved report for the month. */
  async listMissingReports(
    planId: number,
    rootUnitId: number,
    month: string,
    ownFigures: OwnFigures,
  ): Promise<DashboardMissingReport[]> {
    return this.dataSource.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", r.status
         FROM unit_closure c
         JOIN unit u ON u.id = c.descendant_id
         LEFT JOIN monthly_report r ON r.plan_id = $1 AND r.unit_id = u.id AND r.month = $3
        WHERE ${reportingUnitSql('$2', ownFigures)}
          AND (r.id IS NULL OR r.status NOT IN ('submitted', 'approved'))
        ORDER BY u.sort_order, u.id`,
      [planId, rootUnitId, month],
    );
  }

  /** The live year-to-date of one unit on some indicators, months 1..m. */
  async listUnitSeries(
    planId: number,
    unitId: number,
    monthNo: number,
    indicatorIds: number[],
  ): Promise<Array<{ indicatorId: number; monthNo: number; value: string }>> {
    return this.dataSource.query(
      `SELECT indicator_id AS "indicatorId", month_no AS "monthNo", trim_scale(value)::text AS value
         FROM ytd_summary
        WHERE plan_id = $1 AND unit_id = $2 AND month_no <= $3 AND indicator_id = ANY($4::int[])`,
      [planId, unitId, monthNo, indicatorIds],
    );
  }
}
