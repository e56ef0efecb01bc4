import { Injectable } from '@nestjs/common';
import type { PlanRow, ProgressIndicator, ProgressUnit } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { planTreeCte } from '../../common/sql/plan-tree.sql';

/** What the progress of a plan reads of it (PlansService.requirePlanMonth answers it). */
export type ProgressPlan = Pick<PlanRow, 'id' | 'year' | 'rootUnitId' | 'curve' | 'yellowBand'> &
  Partial<Pick<PlanRow, 'scoring' | 'displayDecimals' | 'ownFigures'>>;

export interface ProgressCellRow {
  unitId: number;
  indicatorId: number;
  actual: string;
  target: string | null;
  /** A formula ratio's parts (the exact value is numerator ÷ denominator); null for other figures. */
  numerator: string | null;
  denominator: string | null;
  /** false: the summary has no row (a reported rate the unit has not reported: no value). */
  hasRow: boolean;
}

/** Reads of the progress screen: plain rows from the maintained summary, one statement each. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager): DataSource | EntityManager {
    return manager ?? this.dataSource;
  }

  /** The plan's tree, root first, depth-first by sort order; depth counted from the root. */
  async listTreeUnits(rootUnitId: number, manager?: EntityManager): Promise<ProgressUnit[]> {
    return this.q(manager).query(
      // deactivated units stay on the progress screen: their figures are still rolled up into their parent's
      `WITH RECURSIVE ${planTreeCte('$1', { withInactive: true })}
       SELECT u.id, u.code, u.name, u.category, u.parent_id AS "parentId", w.depth, u.sort_order AS "sortOrder"
         FROM plan_tree w JOIN unit u ON u.id = w.id
        ORDER BY w.path`,
      [rootUnitId],
    );
  }

  async listIndicators(planId: number, manager?: EntityManager): Promise<ProgressIndicator[]> {
    return this.q(manager).query(
      `SELECT id, code, name, measure, kind, source, is_headline AS "isHeadline"
         FROM indicator WHERE plan_id = $1 ORDER BY sort_order, id`,
      [planId],
    );
  }

  /** Every unit of the tree × indicator: the rolled-up YTD at the end of the month (0 when absent) and the target. */
  async listCells(plan: ProgressPlan, monthNo: number, manager?: EntityManager): Promise<ProgressCellRow[]> {
    return this.q(manager).query(
      `SELECT c.descendant_id AS "unitId", i.id AS "indicatorId",
              coalesce(trim_scale(y.value), 0)::text AS actual, trim_scale(t.value)::text AS target,
              trim_scale(y.numerator)::text AS numerator, trim_scale(y.denominator)::text AS denominator,
              y.value IS NOT NULL AS "hasRow"
         FROM unit_closure c
        CROSS JOIN indicator i
         LEFT JOIN ytd_summary y
                ON y.plan_id = $1 AND y.month_no = $3 AND y.unit_id = c.descendant_id AND y.indicator_id = i.id
         LEFT JOIN target t ON t.plan_id = $1 AND t.unit_id = c.descendant_id AND t.indicator_id = i.id
        WHERE c.ancestor_id = $2 AND i.plan_id = $1`,
      [plan.id, plan.rootUnitId, monthNo],
    );
  }
}
