import { describe, expect, it } from 'vitest';

import type { IndicatorRow, UnitRow } from '@pacer/shared';

import {
  cellKey,
  conflictKeys,
  currentValue,
  decompositionOf,
  diffTargets,
  editUnitOf,
  gridRows,
  ownParentIds,
  indicatorGroups,
  parseCell,
  placePutErrors,
  targetMap,
  toEditText,
  versionMap,
  type EditUnit,
} from './targets-grid';

function unit(id: number, parentId: number | null, depth: number): UnitRow {
  return {
    id,
    code: `U${id}`,
    name: `单位${id}`,
    shortName: null,
    category: depth === 0 ? 'county' : 'town',
    parentId,
    sortOrder: id,
    isActive: true,
    depth,
    createdAt: '',
    updatedAt: '',
    version: 1,
  };
}

function indicator(
  id: number,
  kind: IndicatorRow['kind'],
  measure: IndicatorRow['measure'],
  source: IndicatorRow['source'] = 'ledger',
): IndicatorRow {
  return {
    id,
    planId: 1,
    code: `I${id}`,
    name: `指标${id}`,
    measure,
    kind,
    source,
    ledgerRule: null,
    formula: null,
    weight: '10',
    cap: null,
    isScored: true,
    isHeadline: false,
    sortOrder: id,
    description: null,
    entryMode: 'month',
    reportFrequency: 'monthly',
    version: 1,
  };
}

describe('editing in the display unit (亿元 ↔ 万元 exactly)', () => {
  it('should pick the edit unit from kind and measure', () => {
    expect(editUnitOf(indicator(1, 'amount', '亿元'))).toBe('yi');
    expect(editUnitOf(indicator(1, 'amount', '万元'))).toBe('wan');
    expect(editUnitOf(indicator(1, 'count', '个'))).toBe('count');
    expect(editUnitOf(indicator(1, 'ratio', '%'))).toBe('percent');
  });

  it('should show stored 万元 as exact 亿元 and back without rounding', () => {
    expect(toEditText('3000000', 'yi')).toBe('300');
    expect(toEditText('15000', 'yi')).toBe('1.5');
    expect(toEditText('1', 'yi')).toBe('0.0001');
    expect(toEditText('12345.6789', 'yi')).toBe('1.23456789');
    expect(parseCell('300', 'yi')).toEqual({ kind: 'value', value: '3000000' });
    expect(parseCell('0.0001', 'yi')).toEqual({ kind: 'value', value: '1' });
    expect(parseCell('1.23456789', 'yi')).toEqual({ kind: 'value', value: '12345.6789' });
    // 0.1 + 0.2 style float traps do not exist: 0.3亿 is 3000万, not 2999.9999…
    expect(parseCell('0.3', 'yi')).toEqual({ kind: 'value', value: '3000' });
    for (const stored of ['3000000', '15000', '1', '12345.6789', '0.0001', '99999999999999.9999']) {
      expect(parseCell(toEditText(stored, 'yi'), 'yi')).toEqual({ kind: 'value', value: stored });
    }
  });

  it('should refuse 亿元 with more precision than 万元 can store (4 decimals)', () => {
    expect(parseCell('1.234567891', 'yi')).toEqual({ kind: 'error', problem: 'precision' });
    expect(parseCell('99999999999', 'yi')).toEqual({ kind: 'error', problem: 'tooLarge' });
  });

  it('should edit ratios as percentages and counts as whole numbers', () => {
    expect(toEditText('0.6', 'percent')).toBe('60');
    expect(parseCell('60', 'percent')).toEqual({ kind: 'value', value: '0.6' });
    expect(parseCell('12.5', 'percent')).toEqual({ kind: 'value', value: '0.125' });
    expect(parseCell('1200', 'percent')).toEqual({ kind: 'error', problem: 'ratioMax' });
    expect(parseCell('12', 'count')).toEqual({ kind: 'value', value: '12' });
    expect(parseCell('12.0', 'count')).toEqual({ kind: 'value', value: '12' });
    expect(parseCell('1.5', 'count')).toEqual({ kind: 'error', problem: 'integer' });
  });

  it('should say what is wrong with text that is no number', () => {
    expect(parseCell('', 'yi')).toEqual({ kind: 'blank' });
    expect(parseCell('-1', 'count')).toEqual({ kind: 'error', problem: 'negative' });
    expect(parseCell('1,000', 'wan')).toEqual({ kind: 'error', problem: 'separator' });
    expect(parseCell('1e3', 'wan')).toEqual({ kind: 'error', problem: 'format' });
  });
});

describe('diffTargets (dirty cells → PUT body)', () => {
  const units: Record<number, EditUnit> = { 1: 'yi', 2: 'count', 3: 'percent' };
  const unitOf = (id: number) => units[id]!;
  const items = [
    { unitId: 1, indicatorId: 1, value: '3000000', version: 1 },
    { unitId: 2, indicatorId: 1, value: '150000', version: 4 },
    { unitId: 2, indicatorId: 2, value: '3', version: 2 },
  ];
  const original = targetMap(items);
  const versions = versionMap(items);

  it('should send only the changed cells, in 万元 / counts / fractions, and remember which cell each row is', () => {
    const diff = diffTargets(
      original,
      {
        [cellKey(2, 1)]: '16', // 15亿 → 16亿
        [cellKey(2, 2)]: '3', // typed back as it was
        [cellKey(1, 1)]: '300.00', // the same value written differently
        [cellKey(3, 3)]: '60', // a new target
        [cellKey(3, 2)]: '', // an empty cell left empty
      },
      unitOf,
      versions,
    );
    // a stored target goes back with the version it was read at; a new one without (REL-1)
    expect(diff.rows).toEqual([
      { unitId: 2, indicatorId: 1, value: '160000', version: 4 },
      { unitId: 3, indicatorId: 3, value: '0.6' },
    ]);
    expect(diff.keys).toEqual(['2:1', '3:3']);
    expect(diff.errors).toEqual({});
  });

  it('should hold back invalid cells and refuse to clear a stored target', () => {
    const diff = diffTargets(original, { '2:2': '', '2:1': 'abc', '3:2': '4' }, unitOf, versions);
    expect(diff.errors).toEqual({ '2:2': 'cannotClear', '2:1': 'format' });
    expect(diff.rows).toEqual([{ unitId: 3, indicatorId: 2, value: '4' }]);
  });

  it('should find the cells a version conflict names', () => {
    expect(conflictKeys(['1.version', '0.value', 'version', '7.version'], ['2:1', '3:3'])).toEqual(['3:3']);
  });

  it('should put the server errors back on the cells they name', () => {
    const placed = placePutErrors(
      { '1.value': '比率目标不能大于 10', '0.unitId': '单位不在计划范围内', items: '最多 20000 行' },
      ['2:1', '3:3'],
    );
    expect(placed.cells).toEqual({ '3:3': '比率目标不能大于 10', '2:1': '单位不在计划范围内' });
    expect(placed.other).toEqual(['最多 20000 行']);
  });
});

describe('decompositionOf (分解不足, live from the grid)', () => {
  const units = [unit(1, null, 0), unit(2, 1, 1), unit(3, 1, 1), unit(4, 3, 2), unit(5, 3, 2)];

  it('should flag a parent whose children add up to less, with the exact shortfall', () => {
    const values: Record<string, string> = {
      '1:4': '6',
      '2:4': '2',
      '3:4': '3',
      '1:1': '3000000',
      '2:1': '1500000',
      '3:1': '1515000',
    };
    const result = decompositionOf(units, [1, 4], (u, i) => values[cellKey(u, i)] ?? null);
    expect(result.get('1:4')).toEqual({
      parentUnitId: 1,
      indicatorId: 4,
      parentValue: '6',
      childrenSum: '5',
      childCount: 2,
      shortfall: '1',
      own: null,
    });
    expect(result.get('1:1')!.shortfall).toBeNull();
    expect(result.get('1:1')!.childrenSum).toBe('3015000');
    // 单位3 is a parent too: its own target with no child target at all is not decomposed at all (like the API).
    expect(result.get('3:1')).toMatchObject({
      parentValue: '1515000',
      childrenSum: '0',
      childCount: 0,
      shortfall: '1515000',
    });
    expect(decompositionOf(units, [7], () => null).size).toBe(0);
  });

  it('should report a parent without a target when only children have one', () => {
    const values: Record<string, string> = { '4:1': '100', '5:1': '0.5' };
    const row = decompositionOf(units, [1], (u, i) => values[cellKey(u, i)] ?? null).get('3:1');
    expect(row).toMatchObject({ parentValue: null, childrenSum: '100.5', childCount: 2, shortfall: null });
  });

  it('should follow the edits: raising a child clears the shortfall before saving', () => {
    const original = targetMap([
      { unitId: 1, indicatorId: 4, value: '6', version: 1 },
      { unitId: 2, indicatorId: 4, value: '2', version: 1 },
      { unitId: 3, indicatorId: 4, value: '3', version: 1 },
    ]);
    const edits = { '3:4': '4' };
    const valueOf = (u: number, i: number) => currentValue(original, edits, cellKey(u, i), 'count');
    expect(decompositionOf(units, [4], valueOf).get('1:4')!.shortfall).toBeNull();
    const invalid = { '3:4': 'x' };
    const stale = (u: number, i: number) => currentValue(original, invalid, cellKey(u, i), 'count');
    expect(decompositionOf(units, [4], stale).get('1:4')!.shortfall).toBe('1');
  });
});

describe('own figures on the targets grid (本级, issue 14 point 11)', () => {
  // 示范县 (1) → 城关镇 (2), 开发区 (3) → 东区 (4)
  const tree = [unit(1, null, 0), unit(2, 1, 1), unit(3, 1, 1), unit(4, 3, 2)];
  const values: Record<string, string> = { '1:1': '100000', '2:1': '40000', '3:1': '20000', '4:1': '5000' };
  const valueOf = (u: number, i: number) => values[cellKey(u, i)] ?? null;

  it("should name the parents that keep their own part by the plan's setting", () => {
    expect([...ownParentIds(tree, 1, 'none')]).toEqual([]);
    expect([...ownParentIds(tree, 1, 'parents')]).toEqual([3]);
    expect([...ownParentIds(tree, 1, 'root')].sort()).toEqual([1, 3]);
  });

  it("should read the rest of such a parent's target as its own (本级), not as 分解不足", () => {
    const plain = decompositionOf(tree, [1], valueOf);
    expect(plain.get('1:1')).toMatchObject({ shortfall: '40000', own: null });
    const own = decompositionOf(tree, [1], valueOf, ownParentIds(tree, 1, 'root'));
    // 县本级 keeps 4亿 of the county's 10亿; 开发区本级 1.5亿 of its 2亿
    expect(own.get('1:1')).toMatchObject({ shortfall: null, own: '40000' });
    expect(own.get('3:1')).toMatchObject({ shortfall: null, own: '15000' });
    // decomposed in full: nothing left as its own
    const full = decompositionOf(tree, [1], (u, i) => (u === 1 ? '60000' : valueOf(u, i)), new Set([1]));
    expect(full.get('1:1')).toMatchObject({ shortfall: null, own: null });
  });

  it('should add a （本级） line after the children-total line of those parents', () => {
    const rows = gridRows(tree, 1, ownParentIds(tree, 1, 'root'));
    expect(rows.map((r) => (r.type === 'unit' ? `${r.unit.id}` : `${r.type}${r.parentId}`))).toEqual([
      '1',
      'sum1',
      'own1',
      '2',
      '3',
      'sum3',
      'own3',
      '4',
    ]);
  });
});

describe('gridRows', () => {
  it('should list the units in tree order with a children-total line under every parent', () => {
    const rows = gridRows([unit(1, null, 0), unit(2, 1, 1), unit(3, 1, 1), unit(4, 3, 2)], 1);
    expect(
      rows.map((r) =>
        r.type === 'unit' ? `${r.unit.id}@${r.depth}${r.isParent ? '*' : ''}` : `sum${r.parentId}`,
      ),
    ).toEqual(['1@0*', 'sum1', '2@1', '3@1*', 'sum3', '4@2']);
  });

  it('should group the columns by source: ledger, reported, formula', () => {
    const groups = indicatorGroups([
      indicator(1, 'count', '条', 'reported'),
      indicator(2, 'ratio', '%', 'formula'),
      indicator(3, 'amount', '亿元'),
    ]);
    expect(groups.map((g) => [g.source, g.indicators.map((i) => i.id)])).toEqual([
      ['ledger', [3]],
      ['reported', [1]],
      ['formula', [2]],
    ]);
  });
});
