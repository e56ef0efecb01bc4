import { Injectable } from '@nestjs/common';
import type { CountCredit, FormulaDef, LedgerRule, WorkRule } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { creditRowsSql } from '../../common/sql/project-credit.sql';
import { ledgerIncrementsSql, type LedgerIndicatorDef, SqlParams } from './ledger-rule.sql';
import { type WorkIndicatorDef, workIncrementsSql } from './work-rule.sql';

export interface SummaryPlan {
  id: number;
  year: number;
  rootUnitId: number;
  countCredit: CountCredit;
}

export interface FormulaIndicatorDef {
  id: number;
  code: string;
  formula: FormulaDef;
}

/**
 * Where a rebuild writes: the summary itself, or the month close's scratch copy (`pg_temp.ytd_rebuild`, same columns
 * and key, dropped at commit) that is compared with the maintained rows before they are replaced.
 */
export type SummaryTable = 'ytd_summary' | 'pg_temp.ytd_rebuild';

/** One (unit, indicator, month) where the maintained summary and a rebuild disagree; null: no such row. */
export interface SummaryDriftRow {
  unitId: number;
  unitName: string | null;
  indicatorId: number;
  indicatorCode: string | null;
  monthNo: number;
  maintained: SummaryFigures | null;
  rebuilt: SummaryFigures | null;
}

/** A stored figure as text (trailing zeros trimmed), with a formula's parts when it has them. */
export interface SummaryFigures {
  value: string;
  numerator: string | null;
  denominator: string | null;
}

/** A reported indicator of kind ratio: a level (its latest figure), neither summed over months nor rolled up. */
export const IS_REPORTED_LEVEL = (alias: string): string =>
  `(${alias}.source = 'reported' AND ${alias}.kind = 'ratio')`;

/** Key of the plan-level advisory lock (with the plan id as the second key). */
export const YTD_PLAN_LOCK = 7_365_010;
// AuditService's chain lock: see YtdSummaryService.refreshPlan for why the summary takes it first
export const AUDIT_CHAIN_LOCK = 7_365_002;

/** SQL of the maintained year-to-date summary (ytd_summary). Every statement is set-based. */

/**
 * The factor of a total's part `pi` in the total `i` (issue 16 rule 12): 1, or — when the formula gives an
 * `exchangeRate` (元 per 美元) and the part is in the other currency — × rate (万美元 into 万元) or ÷ rate.
 */
const CONVERSION = `(CASE WHEN i.formula ? 'exchangeRate' AND (pi.measure = '万美元') <> (i.measure = '万美元')
                          THEN CASE WHEN i.measure = '万美元' THEN 1 / (i.formula->>'exchangeRate')::numeric
                                    ELSE (i.formula->>'exchangeRate')::numeric END
                          ELSE 1 END)`;

@Injectable()
export class YtdSummaryRepository {
  async lockPlan(manager: EntityManager, planId: number): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [YTD_PLAN_LOCK, planId]);
  }

  async findPlan(manager: EntityManager, planId: number): Promise<SummaryPlan | null> {
    const rows: SummaryPlan[] = await manager.query(
      `SELECT id, year, root_unit_id AS "rootUnitId", count_credit AS "countCredit" FROM plan WHERE id = $1`,
      [planId],
    );
    return rows[0] ?? null;
  }

  /** Non-closed plans whose root subtree holds any of the units, in id order (the lock order). */
  async findOpenPlansCovering(manager: EntityManager, unitIds: number[]): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT p.id FROM plan p
        WHERE p.status <> 'closed'
          AND EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = p.root_unit_id AND c.descendant_id = ANY($1::int[]))
        ORDER BY p.id`,
      [unitIds],
    );
    return rows.map((r) => r.id);
  }

  async findReportUnit(manager: EntityManager, reportId: number): Promise<number | null> {
    const rows: Array<{ unitId: number }> = await manager.query(
      'SELECT unit_id AS "unitId" FROM monthly_report WHERE id = $1',
      [reportId],
    );
    return rows[0]?.unitId ?? null;
  }

  async listLedgerIndicators(manager: EntityManager, planId: number): Promise<LedgerIndicatorDef[]> {
    const rows: Array<{ id: number; code: string; rule: LedgerRule }> = await manager.query(
      `SELECT id, code, ledger_rule AS rule FROM indicator WHERE plan_id = $1 AND source = 'ledger' ORDER BY id`,
      [planId],
    );
    return rows;
  }

  /** The plan's 招商工作 indicators (source work), read by the base rows beside the ledger ones. */
  async listWorkIndicators(manager: EntityManager, planId: number): Promise<WorkIndicatorDef[]> {
    const rows: Array<{ id: number; code: string; rule: WorkRule }> = await manager.query(
      `SELECT id, code, work_rule AS rule FROM indicator WHERE plan_id = $1 AND source = 'work' ORDER BY id`,
      [planId],
    );
    return rows;
  }

  async listFormulaIndicators(manager: EntityManager, planId: number): Promise<FormulaIndicatorDef[]> {
    return manager.query(
      `SELECT id, code, formula FROM indicator WHERE plan_id = $1 AND source = 'formula' ORDER BY id`,
      [planId],
    );
  }

  async hasRows(manager: EntityManager, planId: number): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await manager.query(
      'SELECT EXISTS (SELECT 1 FROM ytd_summary WHERE plan_id = $1) AS found',
      [planId],
    );
    return rows[0]?.found === true;
  }

  async deletePlan(manager: EntityManager, planId: number): Promise<void> {
    await manager.query('DELETE FROM ytd_summary WHERE plan_id = $1', [planId]);
  }

  /**
   * Every (unit of the plan tree, reported or ledger indicator, month 1..12): the own monthly increments of each
   * unit (approved reports + each ledger rule), rounded half-up to the column's 8 decimals per unit and month (a
   * share of 33.3333% gives more), rolled up the tree with unit_closure, then cumulated over the months. Every stored
   * figure is thus an exact sum of 8-decimal numbers, which is what lets a delta (applyBaseDelta) land on exactly
   * what a rebuild gives. Reported rates are levels, written by replaceLevelRows.
   */
  async insertBaseRows(
    manager: EntityManager,
    plan: SummaryPlan,
    ledger: LedgerIndicatorDef[],
    into: SummaryTable = 'ytd_summary',
  ): Promise<void> {
    const params = new SqlParams([plan.id, plan.rootUnitId]);
    const work = await this.listWorkIndicators(manager, plan.id);
    const own = ownIncrementsCtes(
      plan,
      ledger,
      work,
      params,
      (column) => `${column} IN (SELECT unit_id FROM tree)`,
    );
    await manager.query(
      `WITH tree AS (
         SELECT c.descendant_id AS unit_id FROM unit_closure c WHERE c.ancestor_id = $2
       ),
       ${own},
       own_sum AS (
         SELECT unit_id, indicator_id, month_no, round(sum(amount), 8) AS amount FROM own GROUP BY 1, 2, 3
       ),
       rolled AS (
         SELECT c.ancestor_id AS unit_id, o.indicator_id, o.month_no, sum(o.amount) AS amount
           FROM own_sum o
           JOIN tree d ON d.unit_id = o.unit_id
           JOIN unit_closure c ON c.descendant_id = o.unit_id
           JOIN tree a ON a.unit_id = c.ancestor_id
          GROUP BY 1, 2, 3
       ),
       grid AS (
         SELECT t.unit_id, i.id AS indicator_id, m.month_no
           FROM tree t
          CROSS JOIN indicator i
          CROSS JOIN generate_series(1, 12) AS m(month_no)
          WHERE i.plan_id = $1 AND i.source <> 'formula' AND NOT ${IS_REPORTED_LEVEL('i')}
       )
       INSERT INTO ${into} (plan_id, unit_id, indicator_id, month_no, value)
       SELECT $1, g.unit_id, g.indicator_id, g.month_no,
              sum(coalesce(r.amount, 0)) OVER (PARTITION BY g.unit_id, g.indicator_id ORDER BY g.month_no)
         FROM grid g LEFT JOIN rolled r USING (unit_id, indicator_id, month_no)`,
      params.values,
    );
    await this.replaceLevelRows(manager, plan, null, into);
  }

  /** The given units that lie in the plan's tree, and all their ancestors in that tree (themselves included). */
  async unitsInTree(
    manager: EntityManager,
    plan: SummaryPlan,
    unitIds: number[],
  ): Promise<{ changed: number[]; affected: number[] }> {
    const rows: Array<{ id: number; changed: boolean }> = await manager.query(
      `SELECT c.ancestor_id AS id, bool_or(c.ancestor_id = c.descendant_id) AS changed
         FROM unit_closure c
        WHERE c.descendant_id = ANY($2::int[])
          AND EXISTS (SELECT 1 FROM unit_closure r WHERE r.ancestor_id = $1 AND r.descendant_id = c.descendant_id)
          AND EXISTS (SELECT 1 FROM unit_closure r WHERE r.ancestor_id = $1 AND r.descendant_id = c.ancestor_id)
        GROUP BY c.ancestor_id
        ORDER BY c.ancestor_id`,
      [plan.rootUnitId, unitIds],
    );
    return { changed: rows.filter((r) => r.changed).map((r) => r.id), affected: rows.map((r) => r.id) };
  }

  /**
   * Delta maintenance of the base rows after the own figures of `changed` units moved (an approval, an unlock, a
   * ledger change): each changed unit's own cumulative figures are recomputed from the sources; what they were is read
   * off the summary itself (the unit's row minus its children's rows, which the change did not touch); the difference
   * is added to the unit and every ancestor in the plan's tree. Only rows whose value moves are written (a missing row
   * of an affected unit is inserted, so the table stays dense). Correct as long as the summary was true before the
   * change — which every writer keeps, under the plan lock — and the tree did not change (a move rebuilds the plan).
   */
  async applyBaseDelta(
    manager: EntityManager,
    plan: SummaryPlan,
    ledger: LedgerIndicatorDef[],
    changed: number[],
  ): Promise<void> {
    const params = new SqlParams([plan.id, plan.rootUnitId, changed]);
    const work = await this.listWorkIndicators(manager, plan.id);
    const own = ownIncrementsCtes(plan, ledger, work, params, (column) => `${column} = ANY($3::int[])`);
    await manager.query(
      `WITH ${own},
       grid AS (
         SELECT u.unit_id, i.id AS indicator_id, m.month_no::smallint AS month_no
           FROM unnest($3::int[]) AS u(unit_id)
          CROSS JOIN indicator i
          CROSS JOIN generate_series(1, 12) AS m(month_no)
          WHERE i.plan_id = $1 AND i.source <> 'formula' AND NOT ${IS_REPORTED_LEVEL('i')}
       ),
       own_sum AS (
         SELECT unit_id, indicator_id, month_no, round(sum(amount), 8) AS amount
           FROM own WHERE unit_id = ANY($3::int[])
          GROUP BY 1, 2, 3
       ),
       now_own AS (
         SELECT g.unit_id, g.indicator_id, g.month_no,
                sum(coalesce(o.amount, 0)) OVER (PARTITION BY g.unit_id, g.indicator_id ORDER BY g.month_no) AS value
           FROM grid g LEFT JOIN own_sum o USING (unit_id, indicator_id, month_no)
       ),
       -- what the unit's own figures were: its row minus its children's rows (a probe per child, never a scan)
       delta AS (
         SELECT n.unit_id, n.indicator_id, n.month_no,
                n.value - coalesce(s.value, 0)
                + coalesce((SELECT sum(cs.value)
                              FROM unit ch
                              JOIN ytd_summary cs
                                ON cs.plan_id = $1 AND cs.month_no = n.month_no AND cs.unit_id = ch.id
                               AND cs.indicator_id = n.indicator_id
                             WHERE ch.parent_id = n.unit_id), 0) AS value
           FROM now_own n
           LEFT JOIN ytd_summary s
             ON s.plan_id = $1 AND s.month_no = n.month_no AND s.unit_id = n.unit_id AND s.indicator_id = n.indicator_id
       ),
       rolled AS (
         SELECT c.ancestor_id AS unit_id, d.indicator_id, d.month_no, sum(d.value) AS value
           FROM delta d
           JOIN unit_closure c ON c.descendant_id = d.unit_id
          WHERE EXISTS (SELECT 1 FROM unit_closure r WHERE r.ancestor_id = $2 AND r.descendant_id = c.ancestor_id)
          GROUP BY 1, 2, 3
       )
       INSERT INTO ytd_summary AS y (plan_id, unit_id, indicator_id, month_no, value)
       SELECT $1, unit_id, indicator_id, month_no, value FROM rolled
       ON CONFLICT (plan_id, month_no, unit_id, indicator_id)
       DO UPDATE SET value = y.value + EXCLUDED.value WHERE EXCLUDED.value <> 0`,
      params.values,
    );
    await this.replaceLevelRows(manager, plan, changed);
  }

  /**
   * Formula indicators of one dependency layer (for the whole tree, or only `unitIds` of it), from the rolled-up YTD
   * rows already in the summary; a row whose figures did not move is left as it is: a ratio stores
   * numerator and denominator (each a code, or Σ add − Σ subtract) and value = num ÷ den (0 when den = 0: the
   * readers show it as no value, "—"); a weighted mix stores Σ weight × num_i ÷ den_i; a sum stores Σ add − Σ subtract,
   * computed from the unit's rolled-up parts (so a parent's sum is the sum of its children's).
   * A code that is not an indicator of the plan counts as 0.
   */
  async upsertFormulaRows(
    manager: EntityManager,
    plan: SummaryPlan,
    indicatorIds: number[],
    unitIds: number[] | null = null,
    into: SummaryTable = 'ytd_summary',
  ): Promise<void> {
    await manager.query(
      `WITH tree AS (
         SELECT c.descendant_id AS unit_id FROM unit_closure c
          WHERE c.ancestor_id = $2 AND ($4::int[] IS NULL OR c.descendant_id = ANY($4::int[]))
       ),
       -- every (formula, part, side, code, sign): a ratio's side is a code or Σ add − Σ subtract (issue 16, rule 6)
       ratio_side AS (
         SELECT i.id AS indicator_id, side.role, x.code, x.sign
           FROM indicator i
          CROSS JOIN LATERAL (VALUES ('num', i.formula->'numerator'), ('den', i.formula->'denominator')) AS side(role, expr)
          CROSS JOIN LATERAL (
                SELECT side.expr #>> '{}' AS code, 1 AS sign WHERE jsonb_typeof(side.expr) = 'string'
                UNION ALL
                SELECT a, 1 FROM jsonb_array_elements_text(
                  CASE WHEN jsonb_typeof(side.expr) = 'object' THEN side.expr->'add' END) AS a
                UNION ALL
                SELECT b, -1 FROM jsonb_array_elements_text(
                  CASE WHEN jsonb_typeof(side.expr) = 'object' THEN side.expr->'subtract' END) AS b
               ) x
          WHERE i.plan_id = $1 AND i.id = ANY($3::int[]) AND i.formula->>'kind' = 'ratio'
       ),
       terms (indicator_id, part_no, kind, weight, role, code, sign) AS (
         SELECT indicator_id, 0::bigint, 'ratio', 1::numeric, role, code, sign FROM ratio_side
         UNION ALL
         SELECT i.id, x.ord, 'weighted', (x.part->>'weight')::numeric, r.role, r.code, 1
           FROM indicator i
          CROSS JOIN LATERAL jsonb_array_elements(i.formula->'parts') WITH ORDINALITY AS x(part, ord)
          CROSS JOIN LATERAL (VALUES ('num', x.part->>'numerator'), ('den', x.part->>'denominator')) AS r(role, code)
          WHERE i.plan_id = $1 AND i.id = ANY($3::int[]) AND i.formula->>'kind' = 'weighted'
         UNION ALL
         -- a total's part in the other currency is converted at the formula's explicit exchangeRate (rule 12)
         SELECT i.id, 0, 'total', 1, 'num', x.code, x.sign * ${CONVERSION}
           FROM indicator i
          CROSS JOIN LATERAL (
                SELECT a, 1 FROM jsonb_array_elements_text(i.formula->'add') AS a
                UNION ALL
                SELECT b, -1 FROM jsonb_array_elements_text(i.formula->'subtract') AS b
               ) AS x(code, sign)
           LEFT JOIN indicator pi ON pi.plan_id = i.plan_id AND pi.code = x.code
          WHERE i.plan_id = $1 AND i.id = ANY($3::int[]) AND i.formula->>'kind' = 'total'
       ),
       cells AS (
         SELECT tm.indicator_id, tm.part_no, tm.kind, tm.weight, t.unit_id, m.month_no,
                sum(CASE WHEN tm.role = 'num' THEN tm.sign * coalesce(v.value, 0) ELSE 0 END) AS num,
                sum(CASE WHEN tm.role = 'den' THEN tm.sign * coalesce(v.value, 0) ELSE 0 END) AS den
           FROM terms tm
          CROSS JOIN tree t
          CROSS JOIN generate_series(1, 12) AS m(month_no)
           LEFT JOIN indicator ci ON ci.plan_id = $1 AND ci.code = tm.code
           LEFT JOIN ${into} v
                  ON v.plan_id = $1 AND v.indicator_id = ci.id AND v.unit_id = t.unit_id AND v.month_no = m.month_no
          GROUP BY 1, 2, 3, 4, 5, 6
       )
       INSERT INTO ${into} AS y (plan_id, unit_id, indicator_id, month_no, value, numerator, denominator)
       SELECT $1, unit_id, indicator_id, month_no,
              CASE WHEN bool_and(kind = 'total') THEN sum(num)
                   ELSE sum(CASE WHEN den = 0 THEN 0 ELSE weight * num / den END) END,
              CASE WHEN bool_and(kind = 'ratio') THEN sum(num) END,
              CASE WHEN bool_and(kind = 'ratio') THEN sum(den) END
         FROM cells
        GROUP BY unit_id, indicator_id, month_no
       ON CONFLICT (plan_id, month_no, unit_id, indicator_id) DO UPDATE
          SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator
        WHERE (y.value, y.numerator, y.denominator)
              IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.numerator, EXCLUDED.denominator)`,
      [plan.id, plan.rootUnitId, indicatorIds, unitIds],
    );
  }

  /**
   * Reported rates (a reported indicator of kind ratio, e.g. 履约率) are levels, not flows (issue 16, defect 1): the
   * year-to-date value of a unit at month m is its own latest approved figure of the year up to m — never a sum over
   * months — and a unit without one has no row (no value, "—"). They do not roll up the tree: a parent's rate is a
   * formula over summed counts, or nothing. Rewrites the rows of the whole tree, or of `unitIds` only.
   */
  async replaceLevelRows(
    manager: EntityManager,
    plan: SummaryPlan,
    unitIds: number[] | null = null,
    into: SummaryTable = 'ytd_summary',
  ): Promise<void> {
    const params = [plan.id, plan.rootUnitId, unitIds, `${plan.year}-%`];
    await manager.query(
      `DELETE FROM ${into} y USING indicator i
        WHERE y.plan_id = $1 AND i.id = y.indicator_id AND ${IS_REPORTED_LEVEL('i')}
          AND ($2::int[] IS NULL OR y.unit_id = ANY($2::int[]))`,
      [plan.id, unitIds],
    );
    await manager.query(
      `WITH tree AS (
         SELECT c.descendant_id AS unit_id FROM unit_closure c
          WHERE c.ancestor_id = $2 AND ($3::int[] IS NULL OR c.descendant_id = ANY($3::int[]))
       ),
       reported AS (
         SELECT r.unit_id, v.indicator_id, substr(r.month, 6, 2)::int AS month_no, v.value
           FROM monthly_report r
           JOIN tree t ON t.unit_id = r.unit_id
           JOIN report_value v ON v.report_id = r.id
           JOIN indicator i ON i.id = v.indicator_id AND i.plan_id = r.plan_id AND ${IS_REPORTED_LEVEL('i')}
          WHERE r.plan_id = $1 AND r.status = 'approved' AND r.month LIKE $4
       )
       INSERT INTO ${into} (plan_id, unit_id, indicator_id, month_no, value)
       SELECT DISTINCT ON (v.unit_id, v.indicator_id, m.month_no) $1, v.unit_id, v.indicator_id, m.month_no, v.value
         FROM reported v
         JOIN generate_series(1, 12) AS m(month_no) ON v.month_no <= m.month_no
        ORDER BY v.unit_id, v.indicator_id, m.month_no, v.month_no DESC`,
      params,
    );
  }

  // ---------- the month close's check: a rebuild beside the maintained rows, compared, then applied ----------

  /** The scratch table a close rebuilds into (this transaction's, dropped at its commit). */
  async createRebuildTable(manager: EntityManager): Promise<void> {
    await manager.query('DROP TABLE IF EXISTS pg_temp.ytd_rebuild, pg_temp.ytd_drift');
    await manager.query(
      `CREATE TEMP TABLE ytd_rebuild (LIKE ytd_summary, PRIMARY KEY (plan_id, month_no, unit_id, indicator_id))
         ON COMMIT DROP`,
    );
  }

  /** Statistics for the formula layers' joins (autovacuum never analyzes a temporary table). */
  async analyzeRebuildTable(manager: EntityManager): Promise<void> {
    await manager.query('ANALYZE pg_temp.ytd_rebuild');
  }

  /**
   * Compares the plan's maintained rows with the rebuild in one statement (a FULL OUTER JOIN on (unit, indicator,
   * month), every value column IS DISTINCT FROM) and keeps the differing rows in `pg_temp.ytd_drift`; answers how
   * many there are.
   */
  async compareWithRebuild(manager: EntityManager, planId: number): Promise<number> {
    await manager.query(
      `CREATE TEMP TABLE ytd_drift (
         unit_id integer NOT NULL, indicator_id integer NOT NULL, month_no smallint NOT NULL,
         maintained_present boolean NOT NULL, maintained_value numeric, maintained_numerator numeric,
         maintained_denominator numeric,
         rebuilt_present boolean NOT NULL, rebuilt_value numeric, rebuilt_numerator numeric, rebuilt_denominator numeric
       ) ON COMMIT DROP`,
    );
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `WITH differing AS (
         INSERT INTO pg_temp.ytd_drift
         SELECT unit_id, indicator_id, month_no,
                s.plan_id IS NOT NULL, s.value, s.numerator, s.denominator,
                r.plan_id IS NOT NULL, r.value, r.numerator, r.denominator
           FROM (SELECT * FROM ytd_summary WHERE plan_id = $1) s
           FULL OUTER JOIN pg_temp.ytd_rebuild r USING (unit_id, indicator_id, month_no)
          WHERE s.plan_id IS NULL OR r.plan_id IS NULL
             OR s.value IS DISTINCT FROM r.value
             OR s.numerator IS DISTINCT FROM r.numerator
             OR s.denominator IS DISTINCT FROM r.denominator
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM differing`,
      [planId],
    );
    return n;
  }

  /** The first `limit` differing rows (by unit, indicator, month), with the unit's name and the indicator's code. */
  async listDrift(manager: EntityManager, limit: number): Promise<SummaryDriftRow[]> {
    const rows: Array<{
      unitId: number;
      unitName: string | null;
      indicatorId: number;
      indicatorCode: string | null;
      monthNo: number;
      maintainedPresent: boolean;
      maintainedValue: string | null;
      maintainedNumerator: string | null;
      maintainedDenominator: string | null;
      rebuiltPresent: boolean;
      rebuiltValue: string | null;
      rebuiltNumerator: string | null;
      rebuiltDenominator: string | null;
    }> = await manager.query(
      `SELECT d.unit_id AS "unitId", u.name AS "unitName", d.indicator_id AS "indicatorId",
              i.code AS "indicatorCode", d.month_no AS "monthNo",
              d.maintained_present AS "maintainedPresent", trim_scale(d.maintained_value)::text AS "maintainedValue",
              trim_scale(d.maintained_numerator)::text AS "maintainedNumerator",
              trim_scale(d.maintained_denominator)::text AS "maintainedDenominator",
              d.rebuilt_present AS "rebuiltPresent", trim_scale(d.rebuilt_value)::text AS "rebuiltValue",
              trim_scale(d.rebuilt_numerator)::text AS "rebuiltNumerator",
              trim_scale(d.rebuilt_denominator)::text AS "rebuiltDenominator"
         FROM pg_temp.ytd_drift d
         LEFT JOIN unit u ON u.id = d.unit_id
         LEFT JOIN indicator i ON i.id = d.indicator_id
        ORDER BY d.unit_id, d.indicator_id, d.month_no
        LIMIT $1`,
      [limit],
    );
    const figures = (
      present: boolean,
      value: string | null,
      numerator: string | null,
      denominator: string | null,
    ) => (present && value !== null ? { value, numerator, denominator } : null);
    return rows.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      indicatorId: r.indicatorId,
      indicatorCode: r.indicatorCode,
      monthNo: r.monthNo,
      maintained: figures(
        r.maintainedPresent,
        r.maintainedValue,
        r.maintainedNumerator,
        r.maintainedDenominator,
      ),
      rebuilt: figures(r.rebuiltPresent, r.rebuiltValue, r.rebuiltNumerator, r.rebuiltDenominator),
    }));
  }

  /**
   * Makes the maintained rows equal to the rebuild by writing only the differing rows of `pg_temp.ytd_drift`: a row
   * the rebuild lacks is deleted, every other one is written with the rebuilt figures. Afterwards the plan's rows are
   * exactly the rebuild, as a delete-and-insert would leave them, without rewriting a million equal rows.
   */
  async applyDrift(manager: EntityManager, planId: number): Promise<void> {
    await manager.query(
      `DELETE FROM ytd_summary y USING pg_temp.ytd_drift d
        WHERE y.plan_id = $1 AND y.month_no = d.month_no AND y.unit_id = d.unit_id AND y.indicator_id = d.indicator_id
          AND NOT d.rebuilt_present`,
      [planId],
    );
    await manager.query(
      `INSERT INTO ytd_summary AS y (plan_id, unit_id, indicator_id, month_no, value, numerator, denominator)
       SELECT $1, unit_id, indicator_id, month_no, rebuilt_value, rebuilt_numerator, rebuilt_denominator
         FROM pg_temp.ytd_drift WHERE rebuilt_present
       ON CONFLICT (plan_id, month_no, unit_id, indicator_id) DO UPDATE
          SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator`,
      [planId],
    );
  }

  /** The plan's summary rows replaced by the whole rebuild (a plan whose summary was never built). */
  async copyRebuild(manager: EntityManager, planId: number): Promise<void> {
    await this.deletePlan(manager, planId);
    await manager.query(
      `INSERT INTO ytd_summary (plan_id, unit_id, indicator_id, month_no, value, numerator, denominator)
       SELECT plan_id, unit_id, indicator_id, month_no, value, numerator, denominator FROM pg_temp.ytd_rebuild
        WHERE plan_id = $1`,
      [planId],
    );
  }
}

/**
 * The CTEs `credit(project_id, unit_id, share_pct)` and `own(unit_id, indicator_id, month_no, amount)`: the own
 * monthly increments of the units `unitsIn` admits (approved reports of the plan's year + each ledger rule + each
 * 招商工作 rule, work-rule.sql.ts). A ledger
 * count credited to the responsible unit reads `project` directly: the caller filters `own` by unit.
 */
function ownIncrementsCtes(
  plan: SummaryPlan,
  ledger: LedgerIndicatorDef[],
  work: WorkIndicatorDef[],
  params: SqlParams,
  unitsIn: (column: string) => string,
): string {
  const year = {
    yearStart: params.add(`${plan.year}-01-01`),
    nextYearStart: params.add(`${plan.year + 1}-01-01`),
    monthLike: params.add(`${plan.year}-%`),
  };
  const ledgerBranches = ledger.map(
    (def) => `UNION ALL\n${ledgerIncrementsSql(def, plan.countCredit, params, year)}`,
  );
  const workBranches = work.map((def) => `UNION ALL\n${workIncrementsSql(def, params, year)}`);
  return `credit AS (
         ${creditRowsSql(unitsIn)}
       ),
       own (unit_id, indicator_id, month_no, amount) AS (
         SELECT r.unit_id, v.indicator_id, substr(r.month, 6, 2)::int, v.value
           FROM monthly_report r
           JOIN report_value v ON v.report_id = r.id
           JOIN indicator i ON i.id = v.indicator_id AND i.plan_id = r.plan_id AND i.source = 'reported'
                            AND NOT ${IS_REPORTED_LEVEL('i')}
          WHERE r.plan_id = $1 AND r.status = 'approved' AND r.month LIKE ${year.monthLike}
            AND ${unitsIn('r.unit_id')}
            -- typed here too: with no ledger indicator these two would otherwise be left untyped
            AND ${year.yearStart}::date < ${year.nextYearStart}::date
         ${ledgerBranches.join('\n')}
         ${workBranches.join('\n')}
       )`;
}
