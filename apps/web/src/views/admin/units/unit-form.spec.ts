import { describe, expect, it } from 'vitest';

import type { UnitRow } from '@pacer/shared';

import { createUnitForm, mergeAfterConflict, unitCreateRequest, unitUpdatePatch } from './unit-form';

const row: UnitRow = {
  id: 4,
  code: 'P01',
  name: '县经济开发区',
  shortName: '经开区',
  category: 'park',
  parentId: 1,
  sortOrder: 30,
  isActive: true,
  depth: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 3,
};

describe('unit form', () => {
  it('should start a root as a county and a child as a town', () => {
    expect(createUnitForm(null)).toMatchObject({ category: 'county', parentId: null, isActive: true });
    expect(createUnitForm(null, 1)).toMatchObject({ category: 'town', parentId: 1 });
  });

  it('should build a create request without empty optional fields', () => {
    const form = { ...createUnitForm(null), code: ' C01 ', name: ' 示范县 ' };
    expect(unitCreateRequest(form)).toEqual({
      code: 'C01',
      name: '示范县',
      category: 'county',
      sortOrder: 0,
    });
    expect(unitCreateRequest({ ...form, shortName: '示范', parentId: 9 })).toMatchObject({
      shortName: '示范',
      parentId: 9,
    });
  });

  it('should send only the changed fields with the version', () => {
    const form = { ...createUnitForm(row), name: '示范县经济开发区', parentId: 2 };
    expect(unitUpdatePatch(row, form, 3)).toEqual({ version: 3, name: '示范县经济开发区', parentId: 2 });
    expect(unitUpdatePatch(row, createUnitForm(row), 3)).toEqual({ version: 3 });
  });

  it('should send a cleared short name as null and a move to the top as parentId null', () => {
    const form = { ...createUnitForm(row), shortName: '  ', parentId: null };
    expect(unitUpdatePatch(row, form, 3)).toEqual({ version: 3, shortName: null, parentId: null });
  });

  it("should keep the user's changes and take the others' after a conflict", () => {
    const fresh: UnitRow = { ...row, sortOrder: 5, shortName: '开发区', version: 4 };
    const form = { ...createUnitForm(row), name: '新名称' };

    const merged = mergeAfterConflict(row, fresh, form);

    expect(merged).toMatchObject({ name: '新名称', sortOrder: 5, shortName: '开发区' });
    expect(unitUpdatePatch(fresh, merged, fresh.version)).toEqual({ version: 4, name: '新名称' });
  });
});
