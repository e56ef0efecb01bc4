import type { OwnFigures, UnitRow } from '@pacer/shared';

import { subtreeIds } from './unit-tree';

/**
 * The plan's reporting units: active units under the plan's root in tree order — the root itself only when the plan
 * says it reports its own figures (`ownFigures: 'root'`, 县本级, issue 14 point 11).
 */
export function reportingUnits(
  rows: readonly UnitRow[],
  rootUnitId: number,
  ownFigures: OwnFigures = 'none',
): UnitRow[] {
  const subtree = subtreeIds(rows, rootUnitId);
  const withRoot = ownFigures === 'root';
  return rows.filter((row) => (withRoot || row.id !== rootUnitId) && subtree.has(row.id) && row.isActive);
}

/** The plan's tree (root included) in the order of GET /units (depth-first, by sort order). */
export function planTreeUnits(rows: readonly UnitRow[], rootUnitId: number): UnitRow[] {
  const subtree = subtreeIds(rows, rootUnitId);
  return rows.filter((row) => subtree.has(row.id));
}
