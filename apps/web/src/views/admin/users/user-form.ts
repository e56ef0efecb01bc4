import type { FormItemRule, FormRules } from 'element-plus';

import type { CreateUserRequest, Role, UpdateUserRequest, UserRow } from '@pacer/shared';
import { isAdministratorRole, roleConflict, Role as Roles } from '@pacer/shared';

import { createNewPasswordRule } from '@/utils/password.rules';

/**
 * 三员分立 (AC-6) in the form: an account is one of three administrators, or a business user holding leader and/or
 * reporter. Chosen as one radio, so no combination the API refuses can be picked.
 */
export type AccountKind = 'business' | 'admin' | 'sysadmin' | 'auditor';
export const ACCOUNT_KINDS: readonly AccountKind[] = ['business', 'admin', 'sysadmin', 'auditor'];

/** The kind of an account with these roles; null when none is chosen yet or the roles break 三员分立 (old data). */
export function accountKindOf(roles: readonly Role[]): AccountKind | null {
  if (roles.length === 0 || roleConflict(roles)) return null;
  return (roles.find(isAdministratorRole) as AccountKind | undefined) ?? 'business';
}

/** The roles after choosing a kind: an administrator kind is its one role; a business user keeps its business roles. */
export function rolesOfKind(kind: AccountKind, roles: readonly Role[]): Role[] {
  return kind === 'business' ? roles.filter((r) => !isAdministratorRole(r)) : [kind];
}

export interface UserForm {
  username: string;
  displayName: string;
  /** Not sent: the roles are. Null until chosen, or while an old account's roles break 三员分立. */
  kind: AccountKind | null;
  roles: Role[];
  unitIds: number[];
  /** Only when creating: the initial password. */
  password: string;
  isActive: boolean;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;

export function createUserForm(row?: UserRow | null): UserForm {
  if (!row) {
    return { username: '', displayName: '', kind: 'business', roles: [], unitIds: [], password: '', isActive: true };
  }
  return {
    username: row.username,
    displayName: row.displayName,
    kind: accountKindOf(row.roles),
    roles: [...row.roles],
    unitIds: row.units.map((u) => u.id),
    password: '',
    isActive: row.isActive,
  };
}

/** A reporter enters its own units' figures, so it must be bound to at least one (the API says the same). */
export function needsUnits(roles: readonly Role[]): boolean {
  return roles.includes(Roles.Reporter);
}

export function userCreateRequest(form: UserForm): CreateUserRequest {
  const request: CreateUserRequest = {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    roles: [...form.roles],
    password: form.password,
  };
  if (form.unitIds.length) request.unitIds = [...form.unitIds];
  return request;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

const EDITABLE = ['displayName', 'roles', 'unitIds', 'isActive'] as const;
type EditableField = (typeof EDITABLE)[number];

function isUnchanged(form: UserForm, before: UserForm, field: EditableField): boolean {
  const value = form[field];
  const old = before[field];
  if (Array.isArray(value) && Array.isArray(old)) return sameSet<unknown>(value, old);
  if (typeof value === 'string') return value.trim() === old;
  return value === old;
}

/** Only the changed fields, with the version read. */
export function userUpdatePatch(original: UserRow, form: UserForm, version: number): UpdateUserRequest {
  const before = createUserForm(original);
  const patch: UpdateUserRequest = { version };
  if (!isUnchanged(form, before, 'displayName')) patch.displayName = form.displayName.trim();
  if (!isUnchanged(form, before, 'roles')) patch.roles = [...form.roles];
  if (!isUnchanged(form, before, 'unitIds')) patch.unitIds = [...form.unitIds];
  if (!isUnchanged(form, before, 'isActive')) patch.isActive = form.isActive;
  return patch;
}

/** After a 409: the user's changes stay, untouched fields take the fresh values. */
export function mergeUserAfterConflict(original: UserRow, fresh: UserRow, form: UserForm): UserForm {
  const before = createUserForm(original);
  const latest = createUserForm(fresh);
  const merged: UserForm = { ...form };
  for (const field of EDITABLE) {
    if (isUnchanged(form, before, field)) (merged as Record<EditableField, unknown>)[field] = latest[field];
  }
  // the kind follows the roles kept
  merged.kind = isUnchanged(form, before, 'roles') ? latest.kind : form.kind;
  return merged;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

export function createUserRules(
  t: Translate,
  form: () => UserForm,
  isCreate: () => boolean,
): FormRules<UserForm> {
  const unitsRule: FormItemRule = {
    trigger: 'change',
    validator: (_rule, _value, callback) => {
      if (needsUnits(form().roles) && form().unitIds.length === 0) {
        callback(new Error(t('admin.users.rules.reporterUnits')));
      } else callback();
    },
  };
  const passwordRule = createNewPasswordRule(t, () => form().username, 'admin.users.rules.passwordRequired');
  return {
    username: [
      { required: true, whitespace: true, message: t('admin.users.rules.usernameRequired'), trigger: 'blur' },
      { pattern: USERNAME_PATTERN, message: t('admin.users.rules.usernameFormat'), trigger: 'blur' },
    ],
    displayName: [
      {
        required: true,
        whitespace: true,
        message: t('admin.users.rules.displayNameRequired'),
        trigger: 'blur',
      },
      { max: 100, message: t('common.tooLong', { max: 100 }), trigger: 'blur' },
    ],
    roles: [
      {
        trigger: 'change',
        validator: (_rule, _value, callback) => {
          const { kind, roles } = form();
          if (kind === null) callback(new Error(t('admin.users.rules.kindRequired')));
          else if (roles.length === 0) callback(new Error(t('admin.users.rules.rolesRequired')));
          else if (roleConflict(roles)) callback(new Error(t('admin.users.rules.roleConflict')));
          else callback();
        },
      },
    ],
    unitIds: [unitsRule],
    password: [
      {
        trigger: 'blur',
        validator: (rule, value, callback, source, options) => {
          if (!isCreate()) return callback();
          return (passwordRule.validator as NonNullable<FormItemRule['validator']>)(
            rule,
            value,
            callback,
            source,
            options,
          );
        },
      },
    ],
  };
}
