import type { DashboardMatrix, DashboardMatrixIndicator, TrafficLight } from '@pacer/shared';

import { publishedPercent } from '@/utils/format';

// The traffic-light matrix (units × scored indicators) as table rows, grouped like the ranking.

export interface MatrixCellView {
  indicatorId: number;
  light: TrafficLight | null;
  /** '99.43%', or '—' without a target. */
  text: string;
}

export interface MatrixRowView {
  unitId: number;
  unitName: string;
  cells: MatrixCellView[];
  /** Red lights of the unit: the row's follow-up (督办) load at a glance. */
  redCount: number;
}

export interface MatrixGroupView {
  code: string | null;
  name: string;
  rows: MatrixRowView[];
}

export interface MatrixView {
  indicators: DashboardMatrixIndicator[];
  groups: MatrixGroupView[];
  /** Lights per indicator over all units, for the footer. */
  totals: Array<{ indicatorId: number; green: number; yellow: number; red: number }>;
}

/**
 * Rows in the API's unit order, grouped by ranking group in the order `groupNames` lists them (units of no group
 * last). `decimals` is the plan's displayDecimals.
 */
export function buildMatrixView(
  matrix: DashboardMatrix,
  groupNames: ReadonlyArray<{ code: string; name: string }>,
  decimals = 2,
  otherName = '—',
): MatrixView {
  const cellOf = new Map(matrix.cells.map((c) => [`${c.unitId}:${c.indicatorId}`, c]));
  const groups = new Map<string | null, MatrixGroupView>();
  for (const g of groupNames) groups.set(g.code, { code: g.code, name: g.name, rows: [] });
  const totals = new Map(matrix.indicators.map((i) => [i.indicatorId, { indicatorId: i.indicatorId, green: 0, yellow: 0, red: 0 }]));

  for (const unit of matrix.units) {
    const cells = matrix.indicators.map((indicator): MatrixCellView => {
      const cell = cellOf.get(`${unit.unitId}:${indicator.indicatorId}`);
      const light = cell?.light ?? null;
      if (light) totals.get(indicator.indicatorId)![light] += 1;
      return {
        indicatorId: indicator.indicatorId,
        light,
        // as published: the indicator's rounding mode and decimals (issue 14 point 12), else the plan's decimals
        text:
          cell?.completion == null
            ? '—'
            : publishedPercent(cell.completionPct, cell.completion, indicator.completionDecimals ?? decimals),
      };
    });
    const key = unit.group !== null && groups.has(unit.group) ? unit.group : null;
    if (!groups.has(key)) groups.set(key, { code: null, name: otherName, rows: [] });
    groups.get(key)!.rows.push({
      unitId: unit.unitId,
      unitName: unit.unitName,
      cells,
      redCount: cells.filter((c) => c.light === 'red').length,
    });
  }

  return {
    indicators: matrix.indicators,
    groups: [...groups.values()].filter((g) => g.rows.length > 0),
    totals: [...totals.values()],
  };
}
