import { describe, expect, it } from 'vitest';

import type { UserRow } from '@pacer/shared';

import {
  accountKindOf,
  createUserForm,
  mergeUserAfterConflict,
  needsUnits,
  rolesOfKind,
  userCreateRequest,
  userUpdatePatch,
} from './user-form';

const row: UserRow = {
  id: 5,
  username: 'chengguan',
  displayName: '城关镇填报员',
  roles: ['reporter'],
  units: [
    { id: 2, code: 'T01', name: '城关镇' },
    { id: 3, code: 'T02', name: '青山镇' },
  ],
  isActive: true,
  mustChangePassword: false,
  lastLoginAt: null,
  lockedUntil: null,
  version: 2,
};

describe('user form', () => {
  it('should require units for reporters only', () => {
    expect(needsUnits(['reporter'])).toBe(true);
    expect(needsUnits(['leader', 'reporter'])).toBe(true);
    expect(needsUnits(['admin'])).toBe(false);
  });

  it('should build a create request, without an empty unit list', () => {
    const form = {
      ...createUserForm(),
      username: ' leader1 ',
      displayName: '县领导',
      roles: ['leader' as const],
      password: 'Lingdao#2026',
    };
    expect(userCreateRequest(form)).toEqual({
      username: 'leader1',
      displayName: '县领导',
      roles: ['leader'],
      password: 'Lingdao#2026',
    });
    expect(userCreateRequest({ ...form, unitIds: [2] }).unitIds).toEqual([2]);
  });

  it('should send only what changed, units compared as a set', () => {
    const same = { ...createUserForm(row), unitIds: [3, 2] };
    expect(userUpdatePatch(row, same, 2)).toEqual({ version: 2 });

    const changed = {
      ...createUserForm(row),
      roles: ['reporter' as const, 'leader' as const],
      isActive: false,
    };
    expect(userUpdatePatch(row, changed, 2)).toEqual({
      version: 2,
      roles: ['reporter', 'leader'],
      isActive: false,
    });
  });

  it("should keep the user's changes and take the others' after a conflict", () => {
    const fresh: UserRow = {
      ...row,
      displayName: '城关镇统计员',
      units: [{ id: 2, code: 'T01', name: '城关镇' }],
      version: 3,
    };
    const form = { ...createUserForm(row), isActive: false };

    const merged = mergeUserAfterConflict(row, fresh, form);

    expect(merged).toMatchObject({ displayName: '城关镇统计员', unitIds: [2], isActive: false });
    expect(userUpdatePatch(fresh, merged, 3)).toEqual({ version: 3, isActive: false });
  });

  it('should read one account kind from the roles, none from roles breaking 三员分立', () => {
    expect(accountKindOf(['auditor'])).toBe('auditor');
    expect(accountKindOf(['leader', 'reporter'])).toBe('business');
    expect(accountKindOf([])).toBeNull();
    expect(accountKindOf(['sysadmin', 'admin'])).toBeNull();
    expect(accountKindOf(['admin', 'leader'])).toBeNull();
    expect(createUserForm({ ...row, roles: ['sysadmin', 'admin'] }).kind).toBeNull();
  });

  it('should make an administrator kind its one role and keep a business user’s roles', () => {
    expect(rolesOfKind('admin', ['leader', 'reporter'])).toEqual(['admin']);
    expect(rolesOfKind('sysadmin', ['sysadmin', 'admin'])).toEqual(['sysadmin']);
    expect(rolesOfKind('business', ['leader', 'reporter'])).toEqual(['leader', 'reporter']);
    expect(rolesOfKind('business', ['auditor'])).toEqual([]);
  });
});
