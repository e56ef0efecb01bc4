import { showsOwnLine } from '@pacer/shared';

import {
  type IndicatorMeta,
  ownCellsOf,
  type OwnLineRules,
  type ScoredUnitView,
} from '../rankings/rankings.types';
import type { BriefingUnitFigures } from './briefing-model';

/**
 * The units of the 通报's figures, each parent the plan gives own figures followed by its （本级） line (issue 14
 * point 11): its frozen cells less its units' (ownCellsOf).
 */
export function withOwnLines(
  units: readonly ScoredUnitView[],
  indicators: readonly IndicatorMeta[],
  rules: OwnLineRules,
): BriefingUnitFigures[] {
  const children = new Map<number, ScoredUnitView[]>();
  for (const u of units) {
    if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const out: BriefingUnitFigures[] = [];
  for (const u of units) {
    out.push({
      unitName: u.unitName,
      unitCode: u.unitCode,
      depth: u.depth,
      cells: new Map(u.cells.map((c) => [c.indicatorId, c])),
    });
    const below = children.get(u.unitId) ?? [];
    if (!showsOwnLine(rules.ownFigures, { depth: u.depth, hasChildren: below.length > 0 })) continue;
    const own = ownCellsOf(u, below, indicators, rules);
    out.push({
      unitName: `${u.unitName}（本级）`,
      unitCode: '',
      depth: u.depth + 1,
      cells: new Map(own.map((c) => [c.indicatorId, c])),
      isOwn: true,
    });
  }
  return out;
}
