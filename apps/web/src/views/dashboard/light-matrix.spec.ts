import { describe, expect, it } from 'vitest';

import { demoDashboard } from '@/test-fixtures/assessment';

import { sortAtRisk } from './at-risk';
import { buildMatrixView } from './light-matrix';

describe('buildMatrixView', () => {
  const groups = [
    { code: 'towns', name: '乡镇（街道）组' },
    { code: 'departments', name: '县直部门组' },
  ];

  it('should group the units like the ranking and print completion with the plan decimals', () => {
    const view = buildMatrixView(demoDashboard.matrix, groups, 2);
    expect(view.groups.map((g) => [g.name, g.rows.map((r) => r.unitName)])).toEqual([
      ['乡镇（街道）组', ['城关镇', '东城街道']],
      ['县直部门组', ['县发展和改革局']],
    ]);
    const [chengguan] = view.groups[0]!.rows;
    expect(chengguan!.cells).toEqual([
      { indicatorId: 1, light: 'green', text: '99.43%' },
      { indicatorId: 4, light: null, text: '—' },
    ]);
  });

  it('should count the red lights per unit and the lights per indicator', () => {
    const view = buildMatrixView(demoDashboard.matrix, groups, 1);
    expect(view.groups.flatMap((g) => g.rows.map((r) => r.redCount))).toEqual([0, 1, 2]);
    expect(view.totals).toEqual([
      { indicatorId: 1, green: 1, yellow: 0, red: 2 },
      { indicatorId: 4, green: 0, yellow: 1, red: 1 },
    ]);
    expect(view.groups[0]!.rows[1]!.cells[1]!.text).toBe('75.0%');
  });

  it("should print an indicator's completion at its own precision when it publishes whole percentages", () => {
    const matrix = {
      ...demoDashboard.matrix,
      indicators: demoDashboard.matrix.indicators.map((i) =>
        i.indicatorId === 1 ? { ...i, completionDecimals: 0 } : i,
      ),
    };
    const [chengguan] = buildMatrixView(matrix, groups, 2).groups[0]!.rows;
    expect(chengguan!.cells[0]!.text).toBe('99%');
  });

  it("should print the completion the API published, by the indicator's rounding mode (去尾法 99.42…% → 99%)", () => {
    const matrix = {
      ...demoDashboard.matrix,
      indicators: demoDashboard.matrix.indicators.map((i) =>
        i.indicatorId === 1 ? { ...i, completionDecimals: 0 } : i,
      ),
      // half-up and 去尾法 agree on 99.43% → 99; 进一法 prints 100
      cells: demoDashboard.matrix.cells.map((c) =>
        c.unitId === 2 && c.indicatorId === 1 ? { ...c, completionPct: '100' } : c,
      ),
    };
    const [chengguan] = buildMatrixView(matrix, groups, 2).groups[0]!.rows;
    expect(chengguan!.cells[0]!.text).toBe('100%');
    // a published 1 decimal keeps its trailing zero
    const tenth = {
      ...matrix,
      cells: matrix.cells.map((c) => (c.unitId === 2 && c.indicatorId === 1 ? { ...c, completionPct: '99.0' } : c)),
    };
    expect(buildMatrixView(tenth, groups, 2).groups[0]!.rows[0]!.cells[0]!.text).toBe('99.0%');
  });

  it('should put units of no known group last and drop empty groups', () => {
    const matrix = {
      ...demoDashboard.matrix,
      units: [{ unitId: 12, unitName: '县发展和改革局', group: null }],
    };
    const view = buildMatrixView(matrix, groups, 2, '未分组');
    expect(view.groups.map((g) => g.name)).toEqual(['未分组']);
  });
});

describe('sortAtRisk', () => {
  it('should list the units with most indicators at risk first, their worst indicator first', () => {
    const sorted = sortAtRisk(demoDashboard.atRisk);
    expect(sorted.map((u) => u.unitName)).toEqual(['青山镇', '城关镇']);
    expect(sorted[0]!.indicators.map((i) => i.code)).toEqual(['DWZJ', 'XS']);
  });
});
