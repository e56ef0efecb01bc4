import type { OwnFigures } from '@pacer/shared';

/**
 * The plan tree: a plan's root unit and the units below it, depth-first by sort order (docs/scoring.md §1). The one
 * walk every query that lists a plan's units in tree order uses.
 *
 * By default only active units count (the root always does): that is the tree the ranking scores, and the what-if
 * previews. A caller that must also see deactivated units (an import that names them to refuse them, a list that
 * orders rows already written for them) says so with `withInactive`.
 */
export interface PlanTreeOptions {
  withInactive?: boolean;
}

/**
 * The CTEs `plan_tree_walk` and `plan_tree(id, depth, path)` under the root unit `root` (a placeholder such as `$1`);
 * `depth` 0 is the root, `ORDER BY path` is tree order. The statement must start with `WITH RECURSIVE`.
 */
export function planTreeCte(root: string, options: PlanTreeOptions = {}): string {
  return `plan_tree_walk AS (
         SELECT u.id, 0 AS depth, ARRAY[u.sort_order, u.id] AS path FROM unit u WHERE u.id = ${root}
         UNION ALL
         SELECT c.id, w.depth + 1, w.path || ARRAY[c.sort_order, c.id]
           FROM unit c JOIN plan_tree_walk w ON c.parent_id = w.id
       ),
       plan_tree AS (
         SELECT w.id, w.depth, w.path FROM plan_tree_walk w JOIN unit tu ON tu.id = w.id
          WHERE ${options.withInactive ? 'true' : 'w.depth = 0 OR tu.is_active'}
       )`;
}

/**
 * The plan's reporting units: the active units below the root `root`, and the root itself when the plan says its root
 * carries its own figures (`ownFigures: 'root'`, 县本级, issue 14 point 11). A condition over
 * `unit_closure c JOIN unit u ON u.id = c.descendant_id`.
 */
export function reportingUnitSql(root: string, ownFigures: OwnFigures): string {
  return `c.ancestor_id = ${root} AND ${ownFigures === 'root' ? 'true' : 'c.depth > 0'} AND u.is_active`;
}

/**
 * The plan's assessed (scored and ranked) units: the active units below the root `root` — the root is never ranked,
 * whether or not it reports its own figures. A condition over `unit_closure c JOIN unit u ON u.id = c.descendant_id`.
 */
export function assessedUnitSql(root: string): string {
  return `c.ancestor_id = ${root} AND c.depth > 0 AND u.is_active`;
}
