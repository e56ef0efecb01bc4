import {
  exactCellFigures,
  Fraction,
  type OwnFigures,
  ownPart,
  publishedCell,
  type ScoredCell,
  type ScoringPlanConfig,
  showsOwnLine,
} from '@pacer/shared';

import type { IndicatorMeta, ScoredUnitView } from '../rankings/rankings.types';
import type { BriefingUnitFigures } from './briefing-model';

/** How the own cells are published: the plan's rules, as the scored cells were. */
export interface OwnLineRules {
  ownFigures: OwnFigures;
  scoring: ScoringPlanConfig | undefined;
  displayDecimals: number;
  yellowBand: string;
}

const NO_FORECAST: ScoredCell['forecast'] = {
  runRate: null,
  seasonal: null,
  value: null,
  method: null,
  yearsUsed: 0,
  completion: null,
  isAtRisk: null,
};

/**
 * The units of the 通报's figures, each parent the plan gives own figures followed by its （本级） line (issue 14
 * point 11): its frozen cell less its units' (the scored tree's active units), its target less theirs, completion,
 * gap and light against the parent's own time progress, published by the plan's rounding rules. Rates have none.
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
  const summed = indicators.filter((i) => i.kind !== 'ratio');
  const out: BriefingUnitFigures[] = [];
  for (const u of units) {
    const cells = new Map(u.cells.map((c) => [c.indicatorId, c]));
    out.push({ unitName: u.unitName, unitCode: u.unitCode, depth: u.depth, cells });
    const below = children.get(u.unitId) ?? [];
    if (!showsOwnLine(rules.ownFigures, { depth: u.depth, hasChildren: below.length > 0 })) continue;
    const own = new Map<number, ScoredCell>();
    for (const indicator of summed) {
      const parent = cells.get(indicator.id);
      if (!parent) continue;
      const part = ownPart(
        parent,
        below.map((b) => b.cells.find((c) => c.indicatorId === indicator.id) ?? { actual: '0', target: null }),
      );
      const expected = Fraction.of(parent.expected);
      const figures = exactCellFigures(Fraction.of(part.actual), part.target, expected, rules.yellowBand);
      const published = publishedCell(
        figures.exactCompletion ?? null,
        expected,
        rules.scoring?.rounding,
        rules.scoring?.indicators?.[indicator.code]?.rounding,
        rules.displayDecimals,
      );
      own.set(indicator.id, {
        unitId: u.unitId,
        indicatorId: indicator.id,
        actual: part.actual,
        target: part.target,
        completion: figures.completion,
        expected: parent.expected,
        gapPp: figures.gapPp,
        light: figures.light,
        forecast: NO_FORECAST,
        hasValue: true,
        display: { ...published, timeProgress: parent.display?.timeProgress ?? null },
      });
    }
    out.push({ unitName: `${u.unitName}（本级）`, unitCode: '', depth: u.depth + 1, cells: own, isOwn: true });
  }
  return out;
}
