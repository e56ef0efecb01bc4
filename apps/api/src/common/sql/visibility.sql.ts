/**
 * Who may see what, as SQL fragments used by every query that reads for a caller. `scope` is a placeholder (`$2`)
 * bound to the caller's units and their descendants (`scopeParam(principal)`), or NULL for an unscoped caller who
 * sees everything.
 */

/** A plan is visible when its root unit is an ancestor of (or is) one of the scope's units. */
export function planVisibleSql(plan: string, scope: string): string {
  return `(${scope}::int[] IS NULL OR EXISTS (
    SELECT 1 FROM unit_closure vc WHERE vc.ancestor_id = ${plan}.root_unit_id AND vc.descendant_id = ANY(${scope}::int[])))`;
}

/** A project is visible when its responsible unit, or a unit it is shared with, is in the scope. */
export function projectVisibleSql(project: string, scope: string): string {
  return `(${scope}::int[] IS NULL OR ${project}.unit_id = ANY(${scope}::int[])
    OR EXISTS (SELECT 1 FROM project_share rs WHERE rs.project_id = ${project}.id AND rs.unit_id = ANY(${scope}::int[])))`;
}
