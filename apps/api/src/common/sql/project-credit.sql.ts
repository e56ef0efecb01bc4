/**
 * The credit rule of a project share (分成确认, docs/scoring.md §4), as SQL fragments used by every query that
 * credits a project to units (the YTD summary, the ranking's counters and project lists): a share counts for its own
 * unit only once `confirmed`; a `pending` or `declined` share counts for the project's responsible unit instead, so a
 * project is still counted exactly once, in full, and no unit's figures move before it agreed.
 */

/** True when the share row aliased `share` counts for its own unit. */
export function shareCountsForItsUnitSql(share: string): string {
  return `${share}.status = 'confirmed'`;
}

/** The unit a share row counts for; `responsibleUnit` is the project's `unit_id` column (a NULL share row: it). */
export function creditedUnitSql(share: string, responsibleUnit: string): string {
  return `CASE WHEN ${shareCountsForItsUnitSql(share)} THEN ${share}.unit_id ELSE ${responsibleUnit} END`;
}
