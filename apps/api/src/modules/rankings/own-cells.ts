import {
  exactCellFigures,
  Fraction,
  type OwnFigures,
  ownPart,
  publishedCell,
  type ScoredCell,
  type ScoringPlanConfig,
} from '@pacer/shared';

import type { IndicatorMeta } from './rankings.repository';
import type { ScoredUnitView } from './scored-month';

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
 * A parent's （本级） cells (issue 14 point 11): for each summed indicator (rates have none), its scored cell less its
 * units' (the scored tree's units below it), its target less theirs, completion, gap and light against the parent's
 * own time progress, published by the plan's rounding rules. No forecast: a part is not forecast on its own.
 */
export function ownCellsOf(
  unit: ScoredUnitView,
  below: readonly ScoredUnitView[],
  indicators: readonly IndicatorMeta[],
  rules: OwnLineRules,
): ScoredCell[] {
  const cells = new Map(unit.cells.map((c) => [c.indicatorId, c]));
  return indicators
    .filter((i) => i.kind !== 'ratio' && cells.has(i.id))
    .map((indicator) => {
      const parent = cells.get(indicator.id)!;
      const part = ownPart(
        parent,
        below.map(
          (b) => b.cells.find((c) => c.indicatorId === indicator.id) ?? { actual: '0', target: null },
        ),
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
      return {
        unitId: unit.unitId,
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
      };
    });
}
