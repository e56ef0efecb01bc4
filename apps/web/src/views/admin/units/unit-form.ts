import type { FormRules } from 'element-plus';

import type { CreateUnitRequest, UnitRow, UpdateUnitRequest } from '@pacer/shared';
import { UnitCategory } from '@pacer/shared';

export interface UnitForm {
  code: string;
  name: string;
  shortName: string;
  category: string;
  parentId: number | null;
  sortOrder: number;
  isActive: boolean;
}

/** The fields an edit may change (the code is the unit's identity, fixed at creation). */
const EDITABLE = ['name', 'shortName', 'category', 'parentId', 'sortOrder', 'isActive'] as const;
type EditableField = (typeof EDITABLE)[number];

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
export const UNIT_CATEGORY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The form for a new unit (under `parentId`), or for editing `row`. */
export function createUnitForm(row?: UnitRow | null, parentId: number | null = null): UnitForm {
  if (row) {
    return {
      code: row.code,
      name: row.name,
      shortName: row.shortName ?? '',
      category: row.category,
      parentId: row.parentId,
      sortOrder: row.sortOrder,
      isActive: row.isActive,
    };
  }
  return {
    code: '',
    name: '',
    shortName: '',
    // Under a parent the usual child is a town or department; a root is the county itself.
    category: parentId === null ? UnitCategory.County : UnitCategory.Town,
    parentId,
    sortOrder: 0,
    isActive: true,
  };
}

export function unitCreateRequest(form: UnitForm): CreateUnitRequest {
  const request: CreateUnitRequest = {
    code: form.code.trim(),
    name: form.name.trim(),
    category: form.category.trim(),
    sortOrder: form.sortOrder,
  };
  const shortName = form.shortName.trim();
  if (shortName) request.shortName = shortName;
  if (form.parentId !== null) request.parentId = form.parentId;
  return request;
}

function normalised(form: UnitForm, field: EditableField): UnitForm[EditableField] {
  const value = form[field];
  return typeof value === 'string' ? value.trim() : value;
}

/** Only what the user changed, with the version read: an untouched field is never sent back stale. */
export function unitUpdatePatch(original: UnitRow, form: UnitForm, version: number): UpdateUnitRequest {
  const before = createUnitForm(original);
  const patch: UpdateUnitRequest = { version };
  if (normalised(form, 'name') !== before.name) patch.name = form.name.trim();
  if (normalised(form, 'shortName') !== before.shortName) patch.shortName = form.shortName.trim() || null;
  if (normalised(form, 'category') !== before.category) patch.category = form.category.trim();
  if (form.parentId !== before.parentId) patch.parentId = form.parentId;
  if (form.sortOrder !== before.sortOrder) patch.sortOrder = form.sortOrder;
  if (form.isActive !== before.isActive) patch.isActive = form.isActive;
  return patch;
}

/**
 * After a 409: the fields the user changed keep the user's value, the others take the fresh value
 * (someone else's change is not undone by a field this user never touched).
 */
export function mergeAfterConflict(original: UnitRow, fresh: UnitRow, form: UnitForm): UnitForm {
  const before = createUnitForm(original);
  const latest = createUnitForm(fresh);
  const merged: UnitForm = { ...form };
  for (const field of EDITABLE) {
    if (normalised(form, field) === before[field])
      (merged as Record<EditableField, unknown>)[field] = latest[field];
  }
  return merged;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

export function createUnitRules(t: Translate): FormRules<UnitForm> {
  return {
    code: [
      { required: true, whitespace: true, message: t('admin.units.rules.codeRequired'), trigger: 'blur' },
      { pattern: UNIT_CODE_PATTERN, message: t('admin.units.rules.codeFormat'), trigger: 'blur' },
    ],
    name: [
      { required: true, whitespace: true, message: t('admin.units.rules.nameRequired'), trigger: 'blur' },
      { max: 100, message: t('common.tooLong', { max: 100 }), trigger: 'blur' },
    ],
    category: [
      { required: true, message: t('admin.units.rules.categoryRequired'), trigger: 'change' },
      { pattern: UNIT_CATEGORY_PATTERN, message: t('admin.units.rules.categoryFormat'), trigger: 'change' },
    ],
  };
}
