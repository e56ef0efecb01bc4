import { describe, expect, it } from 'vitest';

import type { UnitRow } from '@pacer/shared';

import { buildUnitTree, filterUnitTree, nextSortOrder, subtreeIds, unitCategoryLabel } from './unit-tree';

let nextId = 1;
function unit(name: string, parentId: number | null, depth: number, extra: Partial<UnitRow> = {}): UnitRow {
  const id = extra.id ?? nextId++;
  return {
    id,
    code: `U${id}`,
    name,
    shortName: null,
    category: 'town',
    parentId,
    sortOrder: 0,
    isActive: true,
    depth,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...extra,
  };
}

// 示范县 → 城关镇, 青山镇, 县经济开发区 → 智能制造专班 ; plus a second root
const county = unit('示范县', null, 0, { id: 1, category: 'county' });
const chengguan = unit('城关镇', 1, 1, { id: 2 });
const qingshan = unit('青山镇', 1, 1, { id: 3 });
const park = unit('县经济开发区', 1, 1, { id: 4, category: 'park' });
const taskForce = unit('智能制造专班', 4, 2, { id: 5, category: 'task_force' });
const other = unit('邻县', null, 0, { id: 6, category: 'county' });
const depthFirst = [county, chengguan, qingshan, park, taskForce, other];

describe('buildUnitTree', () => {
  it('should nest the depth-first list under its parents, keeping the sibling order', () => {
    const tree = buildUnitTree(depthFirst);

    expect(tree.map((n) => n.name)).toEqual(['示范县', '邻县']);
    expect(tree[0]!.children.map((n) => n.name)).toEqual(['城关镇', '青山镇', '县经济开发区']);
    expect(tree[0]!.children[2]!.children.map((n) => n.name)).toEqual(['智能制造专班']);
    expect(tree[0]!.children[0]!.children).toEqual([]);
    expect(tree[1]!.children).toEqual([]);
  });

  it('should keep every row field on the nodes', () => {
    const [root] = buildUnitTree(depthFirst);
    expect(root).toMatchObject({ id: 1, code: 'U1', category: 'county', version: 1, depth: 0 });
  });

  it('should not depend on parents coming first', () => {
    const tree = buildUnitTree([taskForce, chengguan, park, county]);
    expect(tree.map((n) => n.name)).toEqual(['示范县']);
    expect(tree[0]!.children.map((n) => n.name)).toEqual(['城关镇', '县经济开发区']);
    expect(tree[0]!.children[1]!.children.map((n) => n.name)).toEqual(['智能制造专班']);
  });

  it('should make a row whose parent is missing a root instead of dropping it', () => {
    const tree = buildUnitTree([park, taskForce]);
    expect(tree.map((n) => n.name)).toEqual(['县经济开发区']);
    expect(tree[0]!.children.map((n) => n.name)).toEqual(['智能制造专班']);
  });

  it('should answer an empty tree for an empty list, without touching the input', () => {
    expect(buildUnitTree([])).toEqual([]);
    buildUnitTree(depthFirst);
    expect(county).not.toHaveProperty('children');
  });
});

describe('subtreeIds', () => {
  it('should hold the unit and all of its descendants', () => {
    expect([...subtreeIds(depthFirst, 1)].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...subtreeIds(depthFirst, 4)].sort()).toEqual([4, 5]);
    expect([...subtreeIds(depthFirst, 3)]).toEqual([3]);
  });
});

describe('unitCategoryLabel', () => {
  const t = (key: string) => `«${key}»`;
  it('should translate built-in categories and show custom codes as they are', () => {
    expect(unitCategoryLabel('task_force', t)).toBe('«unitCategory.task_force»');
    expect(unitCategoryLabel('street_office', t)).toBe('street_office');
  });
});

describe('filterUnitTree', () => {
  it('should keep matching units with their ancestors, and everything for an empty keyword', () => {
    const tree = buildUnitTree(depthFirst);
    const names = (nodes: ReturnType<typeof buildUnitTree>): unknown[] =>
      nodes.map((n) => (n.children.length ? [n.name, names(n.children)] : n.name));

    expect(names(filterUnitTree(tree, '专班'))).toEqual([['示范县', [['县经济开发区', ['智能制造专班']]]]]);
    expect(names(filterUnitTree(tree, 'u6'))).toEqual(['邻县']);
    expect(filterUnitTree(tree, '  ')).toHaveLength(2);
    expect(filterUnitTree(tree, '没有')).toEqual([]);
  });
});

describe('nextSortOrder', () => {
  it('should place a new unit after its siblings, in steps of 10', () => {
    const rows = [county, { ...chengguan, sortOrder: 10 }, { ...qingshan, sortOrder: 25 }, park];
    expect(nextSortOrder(rows, 1)).toBe(30);
    expect(nextSortOrder(rows, 4)).toBe(10);
    expect(nextSortOrder(rows, null)).toBe(10);
  });
});
