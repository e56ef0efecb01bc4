/**
 * The floors: what each route computes, as ONE hand-written SQL statement over the maintained summary. They score
 * the completion items only (the bulk of a scorecard) and return plain rows, so a route within a small factor of
 * its floor is spending its time on the data, not on loading it.
 */
export interface FloorContext {
  planId: number;
  rootUnitId: number;
  monthNo: number;
  /** Expected fraction at the month (linear curve). */
  expected: string;
  yellowBand: string;
  /** Categories of the measured group (the `group=` ranking). */
  groupCategories: string[];
  allCategories: string[];
  /** The scorecard's unit and its category (its group is ranked alone). */
  unitId: number;
  unitCategory: string;
}

export interface FloorStatement {
  sql: string;
  params: unknown[];
}

// every unit of the tree × scored indicator with its completion, light and completion points
const SCORED_CELLS = `
  SELECT u.id AS unit_id, u.name, u.category, u.sort_order, i.id AS indicator_id, i.sort_order AS indicator_order,
         coalesce(y.value, 0) AS actual, t.value AS target, coalesce(y.value, 0) / t.value AS completion,
         i.weight * least(coalesce(y.value, 0) / t.value, coalesce(i.cap, 1)) AS points
    FROM unit_closure c
    JOIN unit u ON u.id = c.descendant_id
   CROSS JOIN indicator i
    LEFT JOIN target t ON t.plan_id = $1 AND t.unit_id = u.id AND t.indicator_id = i.id AND t.value > 0
    LEFT JOIN ytd_summary y ON y.plan_id = $1 AND y.month_no = $3 AND y.unit_id = u.id AND y.indicator_id = i.id
   WHERE c.ancestor_id = $2 AND c.depth > 0 AND i.plan_id = $1 AND i.is_scored AND u.category = ANY($4::text[])`;

const LIGHT = (
  completion: string,
  expected: string,
  band: string,
) => `CASE WHEN ${completion} IS NULL THEN NULL
  WHEN ${completion} >= ${expected}::numeric THEN 'green'
  WHEN (${completion} - ${expected}::numeric) * 100 >= -${band}::numeric THEN 'yellow' ELSE 'red' END`;

/** The ranking table: every unit's item points (one row per scored indicator), its total and its rank in its group. */
function ranked(ctx: FloorContext, categories: string[]): FloorStatement {
  return {
    sql: `WITH cells AS (${SCORED_CELLS}),
          totals AS (
            SELECT unit_id, rank() OVER (PARTITION BY category ORDER BY coalesce(sum(points), 0) DESC) AS rank,
                   coalesce(sum(points), 0) AS total
              FROM cells GROUP BY unit_id, category
          )
          SELECT c.unit_id, c.name, c.indicator_id, round(c.points, 8) AS points, round(t.total, 8) AS total, t.rank
            FROM cells c JOIN totals t USING (unit_id)
           ORDER BY c.category, t.rank, c.sort_order, c.unit_id, c.indicator_order`,
    params: [ctx.planId, ctx.rootUnitId, ctx.monthNo, categories],
  };
}

export const FLOORS = {
  /** Every unit × indicator: YTD actual, target, completion, gap, light (the progress route). */
  progress: (ctx: FloorContext): FloorStatement => ({
    sql: `SELECT c.descendant_id AS unit_id, i.id AS indicator_id, coalesce(y.value, 0) AS actual, t.value AS target,
                 coalesce(y.value, 0) / nullif(t.value, 0) AS completion,
                 (coalesce(y.value, 0) / nullif(t.value, 0) - $4::numeric) * 100 AS gap_pp,
                 ${LIGHT('coalesce(y.value, 0) / nullif(t.value, 0)', '$4', '$5')} AS light
            FROM unit_closure c
           CROSS JOIN indicator i
            LEFT JOIN ytd_summary y ON y.plan_id = $1 AND y.month_no = $3 AND y.unit_id = c.descendant_id AND y.indicator_id = i.id
            LEFT JOIN target t ON t.plan_id = $1 AND t.unit_id = c.descendant_id AND t.indicator_id = i.id
           WHERE c.ancestor_id = $2 AND i.plan_id = $1
           ORDER BY c.depth, c.descendant_id, i.sort_order`,
    params: [ctx.planId, ctx.rootUnitId, ctx.monthNo, ctx.expected, ctx.yellowBand],
  }),
  /** Every assessed unit's completion points per indicator, total and rank in its group (the ranking route). */
  ranking: (ctx: FloorContext): FloorStatement => ranked(ctx, ctx.allCategories),
  /** The same for one group. */
  rankingGroup: (ctx: FloorContext): FloorStatement => ranked(ctx, ctx.groupCategories),
  /** The light matrix (assessed units × scored indicators) with each unit's total and rank (the dashboard). */
  dashboard: (ctx: FloorContext): FloorStatement => ({
    sql: `WITH cells AS (${SCORED_CELLS}),
          totals AS (
            SELECT unit_id, sum(points) AS total,
                   rank() OVER (PARTITION BY category ORDER BY coalesce(sum(points), 0) DESC) AS rank
              FROM cells GROUP BY unit_id, category
          )
          SELECT c.unit_id, c.indicator_id, c.completion, ${LIGHT('c.completion', '$5', '$6')} AS light, t.total, t.rank
            FROM cells c JOIN totals t USING (unit_id)
           ORDER BY c.sort_order, c.unit_id, c.indicator_order`,
    params: [ctx.planId, ctx.rootUnitId, ctx.monthNo, ctx.allCategories, ctx.expected, ctx.yellowBand],
  }),
  /** One unit's cells and points, and its rank in its group (the scorecard). */
  scorecard: (ctx: FloorContext): FloorStatement => ({
    sql: `WITH cells AS (${SCORED_CELLS}),
          totals AS (
            SELECT unit_id, rank() OVER (ORDER BY coalesce(sum(points), 0) DESC) AS rank FROM cells GROUP BY unit_id
          )
          SELECT c.indicator_id, c.actual, c.target, c.completion, c.points, t.rank
            FROM cells c JOIN totals t USING (unit_id)
           WHERE c.unit_id = $5
           ORDER BY c.indicator_order`,
    params: [ctx.planId, ctx.rootUnitId, ctx.monthNo, [ctx.unitCategory], ctx.unitId],
  }),
};
