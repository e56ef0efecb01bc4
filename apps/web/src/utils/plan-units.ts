import type { UnitRow } from '@pacer/shared';

import { subtreeIds } from './unit-tree';

/** The plan's reporting units: active units under the plan's root, the root excluded, in tree order. */
export function reportingUnits(rows: readonly UnitRow[], rootUnitId: number): UnitRow[] {
  const subtree = subtreeIds(rows, rootUnitId);
  return rows.filter((row) => row.id !== rootUnitId && subtree.has(row.id) && row.isActive);
}

/** The plan's tree (root included) in the order of GET /units (depth-first, by sort order). */
export function planTreeUnits(rows: readonly UnitRow[], rootUnitId: number): UnitRow[] {
  const subtree = subtreeIds(rows, rootUnitId);
  return rows.filter((row) => subtree.has(row.id));
}
