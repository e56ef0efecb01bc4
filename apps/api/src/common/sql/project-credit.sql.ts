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

/** A project that counts at all (aliased `project`): not deleted, not excluded from the statistics. */
export function countedProjectSql(project: string): string {
  return `${project}.deleted_at IS NULL AND NOT ${project}.is_excluded`;
}

/**
 * Rows `(project_id, unit_id, <carried>, n)` of the CTE `source(project_id, unit_id, …)`: a count goes to the
 * responsible unit alone (n = 1) unless the plan credits by share (`countCredit` placeholder): then to every
 * credited unit (n = share ÷ 100), or 1 to the responsible unit of a project without share rows. Shares always
 * include the responsible unit (a deferred constraint trigger checks it), so both are the credit of DESIGN.md §2;
 * a share not (yet) confirmed counts for the responsible unit (creditedUnitSql, docs/scoring.md §4).
 * Credit is joined after the projects were filtered: a province's ledger would otherwise be credited whole.
 */
export function creditedCountsSql(source: string, carried: string, countCredit: string): string {
  return `SELECT k.project_id, k.unit_id, ${carried}, 1::numeric FROM ${source} k WHERE ${countCredit}::text <> 'share'
         UNION ALL
         SELECT k.project_id, ${creditedUnitSql('s', 'k.unit_id')}, ${carried}, coalesce(s.share_pct / 100, 1::numeric)
           FROM ${source} k LEFT JOIN project_share s ON s.project_id = k.project_id
          WHERE ${countCredit}::text = 'share'`;
}

/**
 * The CTE body of `credit(project_id, unit_id, share_pct)`: every unit a project's amounts are credited to, among the
 * units `unitsIn` admits (a condition on the column it is given): a confirmed share to its own unit, any other share
 * to the project's responsible unit, and 100% to the responsible unit of a live project without share rows.
 */
export function creditRowsSql(unitsIn: (column: string) => string): string {
  return `SELECT s.project_id, s.unit_id, s.share_pct FROM project_share s
          WHERE ${shareCountsForItsUnitSql('s')} AND ${unitsIn('s.unit_id')}
         UNION ALL
         -- a share not (yet) confirmed counts for the responsible unit (a few rows: a partial index holds them)
         SELECT s.project_id, p.unit_id, s.share_pct FROM project_share s JOIN project p ON p.id = s.project_id
          WHERE NOT ${shareCountsForItsUnitSql('s')} AND ${unitsIn('p.unit_id')}
         UNION ALL
         -- deleted projects never count: said here too, so the partial index on project (unit_id) serves
         SELECT p.id, p.unit_id, 100::numeric FROM project p
          WHERE ${unitsIn('p.unit_id')} AND p.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM project_share s WHERE s.project_id = p.id)`;
}
