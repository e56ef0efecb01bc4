import { Injectable } from '@nestjs/common';
import { EDITABLE_REPORT_STATUSES, type OwnFigures, type ReportStatus } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';
import { reportingUnitSql } from '../../common/sql/plan-tree.sql';

/** A reporting unit whose month is not in: no report yet, a draft, or a returned report awaiting resubmission. */
export interface UnsubmittedUnit {
  unitId: number;
  unitName: string;
  reportId: number | null;
  status: ReportStatus | null;
}

/** SQL of the reminder and lateness jobs (set-based: one statement per question). */
@Injectable()
export class ReportRemindersRepository {
  /** The plan's reporting units (active, under the root; the root when it reports) that have not submitted the month. */
  async listUnsubmitted(
    manager: EntityManager,
    plan: { id: number; rootUnitId: number; ownFigures: OwnFigures },
    month: string,
  ): Promise<UnsubmittedUnit[]> {
    return manager.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", r.id AS "reportId", r.status
         FROM unit_closure c
         JOIN unit u ON u.id = c.descendant_id
         LEFT JOIN monthly_report r ON r.plan_id = $2 AND r.unit_id = u.id AND r.month = $3
        WHERE ${reportingUnitSql('$1', plan.ownFigures)}
          AND (r.id IS NULL OR r.status = ANY($4::text[]))
        ORDER BY c.depth, u.sort_order, u.id`,
      [plan.rootUnitId, plan.id, month, EDITABLE_REPORT_STATUSES],
    );
  }

  /**
   * Flags the month's never-submitted drafts late (a returned report's lateness was settled by its first
   * submission, so it keeps it). No version bump: is_late is the system's flag, not content a reporter edits,
   * and a reporter saving the draft meanwhile must not get a conflict. Answers the flagged reports.
   */
  async flagLate(
    manager: EntityManager,
    planId: number,
    month: string,
  ): Promise<Array<{ id: number; unitId: number }>> {
    return returnedRows(
      await manager.query(
        `UPDATE monthly_report SET is_late = true
          WHERE plan_id = $1 AND month = $2 AND status = 'draft' AND submitted_at IS NULL AND NOT is_late
          RETURNING id, unit_id AS "unitId"`,
        [planId, month],
      ),
    );
  }
}
