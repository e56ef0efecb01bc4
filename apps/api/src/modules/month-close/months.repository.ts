import { Injectable } from '@nestjs/common';
import type { OwnFigures, PlanMonthRow } from '@pacer/shared';
import { DataSource } from 'typeorm';

import { reportingUnitSql } from '../../common/sql/plan-tree.sql';

interface StoredMonth {
  month: string;
  isOver: boolean;
  closedAt: Date | null;
  closedBy: string | null;
  reason: string | null;
  snapshotVersion: number | null;
  approved: number;
  submitted: number;
  expected: number;
  draftVersion: number | null;
  publishedVersion: number | null;
}

export interface MonthsQuery {
  planId: number;
  rootUnitId: number;
  /** Whether the root reports its own figures too (县本级, issue 14 point 11). */
  ownFigures: OwnFigures;
  /** The plan year's months, January first. */
  months: string[];
  /** The business month of today: the months before it have ended. */
  currentMonth: string;
  /** null = every unit; else the reporter's units (its counts, its published 通报). */
  scope: number[] | null;
  /** Whether the caller reads draft 通报 versions. */
  withDrafts: boolean;
}

/** SQL of the month-close screen's month list. */
@Injectable()
export class MonthsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One statement for the year: each month's snapshot header (who closed it, when, why), its reports counted by
   * status over the reporting units (the index on monthly_report (plan_id, month, status)), and its 通报 versions.
   */
  async list(q: MonthsQuery): Promise<PlanMonthRow[]> {
    const rows: StoredMonth[] = await this.dataSource.query(
      `WITH months AS (
         SELECT m.month FROM unnest($2::text[]) AS m(month)
       ),
       reporting AS (
         SELECT u.id FROM unit_closure c JOIN unit u ON u.id = c.descendant_id
          WHERE ${reportingUnitSql('$3', q.ownFigures)} AND ($4::int[] IS NULL OR u.id = ANY($4))
       ),
       reports AS (
         SELECT r.month::text AS month,
                count(*) FILTER (WHERE r.status = 'approved') AS approved,
                count(*) FILTER (WHERE r.status = 'submitted') AS submitted
           FROM monthly_report r JOIN reporting ru ON ru.id = r.unit_id
          WHERE r.plan_id = $1
          GROUP BY r.month
       ),
       briefings AS (
         SELECT b.month::text AS month,
                max(b.version) FILTER (WHERE b.status = 'draft' AND $6) AS "draftVersion",
                max(b.version) FILTER (WHERE b.status = 'published') AS "publishedVersion"
           FROM briefing b
          WHERE b.plan_id = $1
          GROUP BY b.month
       )
       SELECT m.month, m.month < $5 AS "isOver",
              s.computed_at AS "closedAt", cu.display_name AS "closedBy", s.reason, s.version AS "snapshotVersion",
              coalesce(rp.approved, 0)::int AS approved, coalesce(rp.submitted, 0)::int AS submitted,
              (SELECT count(*) FROM reporting)::int AS expected,
              bf."draftVersion", bf."publishedVersion"
         FROM months m
         LEFT JOIN ranking_snapshot s ON s.plan_id = $1 AND s.month = m.month
         LEFT JOIN app_user cu ON cu.id = s.computed_by
         LEFT JOIN reports rp ON rp.month = m.month
         LEFT JOIN briefings bf ON bf.month = m.month
        ORDER BY m.month`,
      [q.planId, q.months, q.rootUnitId, q.scope, q.currentMonth, q.withDrafts],
    );
    return rows.map((r) => ({
      month: r.month,
      isOver: r.isOver,
      closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
      closedBy: r.closedAt ? r.closedBy : null,
      reason: r.reason,
      snapshotVersion: r.snapshotVersion,
      reports: { approved: r.approved, submitted: r.submitted, expected: r.expected },
      briefing:
        r.draftVersion === null && r.publishedVersion === null
          ? null
          : { draftVersion: r.draftVersion, publishedVersion: r.publishedVersion },
    }));
  }
}
