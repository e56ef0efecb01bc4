import { Injectable } from '@nestjs/common';
import {
  type CountedProject,
  Dec,
  type FormulaDef,
  type HistoryRow,
  isDecimalString,
  type PlanRow,
  type ScoringConfig,
  type UnitCounter,
  type UnitValue,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { countedProjectSql, creditedCountsSql } from '../../common/sql/project-credit.sql';
import { planTreeCte, assessedUnitSql } from '../../common/sql/plan-tree.sql';

/**
 * A plan as the scoring reads it: the part of the plans module's PlanRow it uses (plans are loaded through
 * PlansService.findVisible / requirePlanMonth, the one plan loader).
 */
export type RankingPlan = Pick<
  PlanRow,
  | 'id'
  | 'year'
  | 'name'
  | 'rootUnitId'
  | 'status'
  | 'curve'
  | 'yellowBand'
  | 'rankingGroups'
  | 'displayDecimals'
  | 'countCredit'
  | 'reportDeadlineDay'
  | 'scoring'
> &
  // 超时未开工 (the plan's setting; LATE_START_MONTHS when a caller has no plan row); the 通报's 产业链 section
  Partial<Pick<PlanRow, 'lateStartMonths' | 'briefingChains'>> &
  // 本级 figures (issue 14 point 11): whether the root reports too ('none' when a caller has no plan row)
  Partial<Pick<PlanRow, 'ownFigures'>>;

/** A unit of the plan's tree in depth-first order; `depth` 0 is the root. */
export interface TreeUnit {
  id: number;
  code: string;
  name: string;
  category: string;
  parentId: number | null;
  depth: number;
  sortOrder: number;
}

export interface IndicatorMeta {
  id: number;
  code: string;
  name: string;
  measure: string;
  kind: string;
  isScored: boolean;
  isHeadline: boolean;
  reportFrequency?: 'monthly' | 'quarterly' | 'optional';
  /** A total's explicit exchange rate (元 per 美元), which the 通报 states (issue 16 rule 12); null without one. */
  exchangeRate?: string | null;
}

export interface ManualEntryRow {
  unitId: number;
  itemCode: string;
  counter: string | null;
  count: string | null;
  points: string | null;
  reason: string;
}

/** The built-in counters the ledger and the reports fill (docs/scoring.md §4). */
export const BUILT_IN_COUNTERS = ['fortune500', 'lateStart', 'reportLate', 'reportMissing'] as const;
export type BuiltInCounter = (typeof BUILT_IN_COUNTERS)[number];

/** What the counters of one computation are measured against. */
export interface CounterWindow {
  /** Month 1..12 of the plan's year. */
  monthNo: number;
  /** Months whose report deadline had passed at the time of computation (`YYYY-MM`): a month not reported is missing. */
  overdueMonths: string[];
  /** A signed project not started within this many months counts as `lateStart`. */
  lateStartMonths: number;
}

// a scoped principal (reporter) sees the plans whose root unit is an ancestor of (or is) one of its units
/**
 * The smallest agreed investment (万元) a size band over the project list can count: bonus band rules and
 * band-shortfall items are the only readers of a list and count nothing below their lowest band, so projects under
 * it are not loaded (three quarters of a province's list). Null (load all) when no band reads the list.
 */
export function listFloorWan(scoring: ScoringConfig, list: string): string | null {
  let floor: Dec | null = null;
  const consider = (bands: unknown) => {
    for (const band of Array.isArray(bands) ? (bands as Array<Record<string, unknown>>) : []) {
      const min = band.minWan;
      // an invalid band makes the engine refuse the plan; load everything rather than guess
      const value = typeof min === 'string' && isDecimalString(min) ? new Dec(min) : new Dec(0);
      floor = floor === null || value.lt(floor) ? value : floor;
    }
  };
  for (const item of scoring.items ?? []) {
    const rules = Array.isArray(item.rules) ? (item.rules as Array<Record<string, unknown>>) : [];
    for (const rule of rules) if (rule.projects === list) consider(rule.bands);
    if (item.projects === list) consider(item.bands);
  }
  return floor === null || (floor as Dec).lte(0) ? null : (floor as Dec).toFixed();
}

/** What listTableVersions answers. */
export interface TableVersions {
  versions: ReadonlyMap<string, string>;
  touched: ReadonlySet<string>;
}

/**
 * The scoring engine's input, loaded with set-based SQL: one statement per kind of row. Every read takes the
 * caller's manager, so a month close reads inside its own transaction (after the summary was rebuilt).
 */
@Injectable()
export class RankingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Each table a scoring reads with the scoring data version of the last transaction that wrote it (migration
   * 1765600000000; absent: not written since); read in the loads' snapshot, it says which rows kept from an earlier
   * load are still current. `touched`: the tables the caller's own transaction has written and not committed yet (a
   * month close rebuilds the summary before it scores): their versions do not tell.
   */
  async listTableVersions(manager?: EntityManager): Promise<TableVersions> {
    const rows: Array<{ versions: Record<string, string>; touched: string[] }> = await this.q(manager).query(
      `SELECT table_versions AS versions,
              ARRAY(SELECT table_name FROM scoring_data_change_table
                     WHERE xid = pg_current_xact_id_if_assigned()) AS touched
         FROM scoring_data_version`,
    );
    return {
      versions: new Map(Object.entries(rows[0]?.versions ?? {})),
      touched: new Set(rows[0]?.touched ?? []),
    };
  }

  /** The root and every active unit below it, depth-first by sort order. */
  async listTreeUnits(rootUnitId: number, manager?: EntityManager): Promise<TreeUnit[]> {
    return this.q(manager).query(
      `WITH RECURSIVE ${planTreeCte('$1')}
       SELECT u.id, u.code, u.name, u.category, u.parent_id AS "parentId", w.depth, u.sort_order AS "sortOrder"
         FROM plan_tree w JOIN unit u ON u.id = w.id
        ORDER BY w.path`,
      [rootUnitId],
    );
  }

  async listIndicators(planId: number, manager?: EntityManager): Promise<IndicatorMeta[]> {
    return this.q(manager).query(
      `SELECT id, code, name, measure, kind, is_scored AS "isScored", is_headline AS "isHeadline",
              report_frequency AS "reportFrequency", formula->>'exchangeRate' AS "exchangeRate"
         FROM indicator WHERE plan_id = $1 ORDER BY sort_order, id`,
      [planId],
    );
  }

  /** The plan's formula indicators with their definitions (the what-if recomputes them from edited figures). */
  async listFormulas(
    planId: number,
    manager?: EntityManager,
  ): Promise<Array<{ id: number; code: string; formula: FormulaDef }>> {
    return this.q(manager).query(
      `SELECT id, code, formula FROM indicator WHERE plan_id = $1 AND source = 'formula' ORDER BY sort_order, id`,
      [planId],
    );
  }

  async listTargets(planId: number, manager?: EntityManager): Promise<UnitValue[]> {
    return this.q(manager).query(
      `SELECT unit_id AS "unitId", indicator_id AS "indicatorId", trim_scale(value)::text AS value
         FROM target WHERE plan_id = $1`,
      [planId],
    );
  }

  /**
   * Year-to-date actuals at the end of the month, from the maintained summary (approved reports + ledger), with a
   * formula ratio's parts so the engine compares the exact ratio (issue 16).
   */
  async listActuals(planId: number, monthNo: number, manager?: EntityManager): Promise<UnitValue[]> {
    // an optional indicator's figure carries the latest month its subtree reported it (数据截至8月, §11)
    const rows: Array<UnitValue & { asOfMonth: number | null }> = await this.q(manager).query(
      `SELECT y.unit_id AS "unitId", y.indicator_id AS "indicatorId", trim_scale(y.value)::text AS value,
              trim_scale(y.numerator)::text AS numerator, trim_scale(y.denominator)::text AS denominator,
              CASE WHEN i.report_frequency = 'optional' THEN (
                SELECT max(substr(r.month, 6, 2)::int)
                  FROM unit_closure c
                  JOIN monthly_report r ON r.unit_id = c.descendant_id AND r.plan_id = y.plan_id
                                       AND r.status = 'approved' AND substr(r.month, 6, 2)::int <= $2
                  JOIN report_value v ON v.report_id = r.id AND v.indicator_id = y.indicator_id
                 WHERE c.ancestor_id = y.unit_id) END AS "asOfMonth"
         FROM ytd_summary y JOIN indicator i ON i.id = y.indicator_id
        WHERE y.plan_id = $1 AND y.month_no = $2`,
      [planId, monthNo],
    );
    return rows.map(({ asOfMonth, ...row }) => (asOfMonth === null ? row : { ...row, asOfMonth }));
  }

  /**
   * Earlier years' YTD series (up to three years) of the plans of the same root, matched to this plan's indicators
   * by code; only complete 12-month series.
   */
  async listHistory(plan: RankingPlan, manager?: EntityManager): Promise<HistoryRow[]> {
    return this.q(manager).query(
      `SELECT y.unit_id AS "unitId", ci.id AS "indicatorId", p.year,
              array_agg(trim_scale(y.value)::text ORDER BY y.month_no) AS ytd
         FROM plan p
         JOIN indicator pi ON pi.plan_id = p.id
         JOIN indicator ci ON ci.plan_id = $1 AND ci.code = pi.code
         JOIN ytd_summary y ON y.plan_id = p.id AND y.indicator_id = pi.id
        WHERE p.root_unit_id = $2 AND p.year < $3 AND p.year >= $3 - 3
        GROUP BY y.unit_id, ci.id, p.year
       HAVING count(*) = 12`,
      [plan.id, plan.rootUnitId, plan.year],
    );
  }

  /**
   * The built-in counters asked for, per unit:
   * - `fortune500`: 500强 projects signed in the year up to the month (ledger, rolled up the tree like the figures);
   * - `lateStart`: signed projects whose start deadline (signed date + N months) fell in the year up to the month
   *   while they had not started (nor been dropped) by then (ledger, rolled up);
   * - `reportLate`: the unit's own reports of the year up to the month submitted after the deadline;
   * - `reportMissing`: the unit's own months up to the month, past their deadline, with no submitted or approved
   *   report (reporting units only: active units below the root).
   * Counts follow the plan's count credit (responsible unit, or by share).
   */
  async listCounters(
    plan: RankingPlan,
    names: readonly BuiltInCounter[],
    window: CounterWindow,
    manager?: EntityManager,
  ): Promise<UnitCounter[]> {
    if (names.length === 0) return [];
    const monthEnd = nextMonthStart(plan.year, window.monthNo);
    const rows: UnitCounter[] = await this.q(manager).query(
      `WITH tree AS (
         SELECT c.descendant_id AS unit_id FROM unit_closure c WHERE c.ancestor_id = $2
       ),
       -- the projects that count first (a few thousand of a province's ledger), then their credit
       counted_project (project_id, unit_id, counter) AS (
         SELECT p.id, p.unit_id, 'fortune500' FROM project p
          WHERE 'fortune500' = ANY($4::text[]) AND ${countedProjectSql('p')} AND p.stage <> 'dropped'
            AND p.fortune500_kind IS NOT NULL AND p.signed_date >= $5::date AND p.signed_date < $6::date
         UNION ALL
         SELECT p.id, p.unit_id, 'lateStart' FROM project p
          CROSS JOIN LATERAL (SELECT (p.signed_date + make_interval(months => $7::int))::date AS due) d
          WHERE 'lateStart' = ANY($4::text[]) AND ${countedProjectSql('p')}
            -- implied by the due-date bounds below, and lets the signed-date index narrow the scan
            AND p.signed_date >= ($5::date - make_interval(months => $7::int + 1))::date AND p.signed_date < $6::date
            AND d.due >= $5::date AND d.due < $6::date
            AND (p.started_date IS NULL OR p.started_date > d.due)
            AND (p.dropped_date IS NULL OR p.dropped_date > d.due)
       ),
       ledger_own (project_id, unit_id, counter, n) AS (
         ${creditedCountsSql('counted_project', 'k.counter', '$3')}
       )
       SELECT c.ancestor_id AS "unitId", o.counter, trim_scale(sum(o.n))::text AS count
         FROM ledger_own o
         JOIN unit_closure c ON c.descendant_id = o.unit_id
         JOIN tree a ON a.unit_id = c.ancestor_id
        GROUP BY 1, 2
       UNION ALL
       SELECT r.unit_id, 'reportLate', count(*)::text FROM monthly_report r JOIN tree t ON t.unit_id = r.unit_id
        WHERE 'reportLate' = ANY($4::text[]) AND r.plan_id = $1 AND r.is_late AND r.month <= $8
        GROUP BY r.unit_id
       UNION ALL
       SELECT u.id, 'reportMissing', count(*)::text
         FROM unit_closure c JOIN unit u ON u.id = c.descendant_id
        CROSS JOIN unnest($9::text[]) AS m(month)
        WHERE 'reportMissing' = ANY($4::text[]) AND ${assessedUnitSql('$2')}
          AND NOT EXISTS (SELECT 1 FROM monthly_report r WHERE r.plan_id = $1 AND r.unit_id = u.id
                             AND r.month = m.month AND r.status IN ('submitted', 'approved'))
        GROUP BY u.id`,
      [
        plan.id,
        plan.rootUnitId,
        plan.countCredit,
        names,
        `${plan.year}-01-01`,
        monthEnd,
        window.lateStartMonths,
        monthString(plan.year, window.monthNo),
        window.overdueMonths,
      ],
    );
    return rows;
  }

  /**
   * The project list `signed`: projects signed in the year up to the month (not dropped, excluded or deleted), with
   * their agreed investment and each unit's credit (1, or the share), rolled up the tree.
   */
  async listSignedProjects(
    plan: RankingPlan,
    monthNo: number,
    manager?: EntityManager,
  ): Promise<CountedProject[]> {
    return this.q(manager).query(
      `WITH tree AS (
         SELECT c.descendant_id AS unit_id FROM unit_closure c WHERE c.ancestor_id = $1
       ),
       signed (project_id, unit_id, agreed) AS (
         SELECT p.id, p.unit_id, p.agreed_investment_wan FROM project p
          WHERE ${countedProjectSql('p')} AND p.stage <> 'dropped' AND p.signed_date >= $3::date AND p.signed_date < $4::date
            AND ($5::numeric IS NULL OR p.agreed_investment_wan >= $5::numeric)
       ),
       counted (project_id, unit_id, agreed, n) AS (
         ${creditedCountsSql('signed', 'k.agreed', '$2')}
       )
       SELECT c.ancestor_id AS "unitId", 'signed' AS list, k.project_id AS "projectId",
              trim_scale(k.agreed)::text AS "agreedWan", trim_scale(sum(k.n))::text AS share
         FROM counted k
         JOIN unit_closure c ON c.descendant_id = k.unit_id
         JOIN tree a ON a.unit_id = c.ancestor_id
        GROUP BY c.ancestor_id, k.project_id, k.agreed`,
      [
        plan.rootUnitId,
        plan.countCredit,
        `${plan.year}-01-01`,
        nextMonthStart(plan.year, monthNo),
        listFloorWan(plan.scoring, 'signed'),
      ],
    );
  }

  /** Manual entries counting at the month: recorded for it or an earlier month of the year, not deleted. */
  async listManualEntries(planId: number, month: string, manager?: EntityManager): Promise<ManualEntryRow[]> {
    return this.q(manager).query(
      `SELECT unit_id AS "unitId", item_code AS "itemCode", counter, trim_scale(count)::text AS count,
              trim_scale(points)::text AS points, reason
         FROM scoring_manual_entry WHERE plan_id = $1 AND month <= $2 AND deleted_at IS NULL
        ORDER BY id`,
      [planId, month],
    );
  }
}

export function monthString(year: number, monthNo: number): string {
  return `${year}-${String(monthNo).padStart(2, '0')}`;
}

/** The first day after the month, `YYYY-MM-DD` (exclusive bound of "up to the month"). */
function nextMonthStart(year: number, monthNo: number): string {
  return monthNo === 12 ? `${year + 1}-01-01` : `${monthString(year, monthNo + 1)}-01`;
}
