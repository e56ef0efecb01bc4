import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Role, UserRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import UsersPage from '../index.vue';

// 用户管理 → 新建/编辑用户 under 三员分立 (AC-6): the system administrator 冯涛 of the demo county creates the business
// administrator and the auditor, cannot touch his own roles, and sees the server's refusal on the roles field.

function userRow(id: number, username: string, displayName: string, roles: Role[]): UserRow {
  return {
    id,
    username,
    displayName,
    roles,
    units: roles.includes('reporter') ? [{ id: 3, code: 'T02', name: '青山镇' }] : [],
    isActive: true,
    mustChangePassword: false,
    lastLoginAt: '2026-12-06T00:32:10.000Z',
    lockedUntil: null,
    version: 3,
  };
}

const USERS = [
  userRow(3, 'sysadmin', '系统管理员 冯涛', ['sysadmin']),
  userRow(7, 'boss', '原系统管理员 韩梅', ['sysadmin', 'admin']),
  userRow(12, 'qingshan', '王海峰', ['reporter']),
];

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const writes: Array<{ method: string; path: string; body: unknown }> = [];
let writeAnswer: (() => Response) | null;

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const path = url.pathname;
  if (method === 'GET' && path === '/api/v1/users') return json(USERS);
  if (method === 'GET' && path === '/api/v1/units') return json({ items: [] });
  if (method !== 'GET') {
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    writes.push({ method, path, body });
    if (writeAnswer) return writeAnswer();
    return json({ ...userRow(20, body.username, body.displayName, body.roles) }, 201);
  }
  return new Response(null, { status: 404 });
});

async function mountAsSysadmin() {
  signInAs(['sysadmin'], { id: 3, username: 'sysadmin', displayName: '系统管理员 冯涛' });
  setActivePinia(createPinia());
  const wrapper = mount(UsersPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

const find = (selector: string) => document.body.querySelector<HTMLElement>(selector);
const text = (selector: string) => find(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const isChecked = (selector: string) => find(`${selector} input`)!.matches(':checked');
const isDisabled = (selector: string) => find(`${selector} input`)!.hasAttribute('disabled');

async function click(selector: string): Promise<void> {
  const element = find(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  element.click();
  await flushPromises();
}

async function type(selector: string, value: string): Promise<void> {
  const input = find(`${selector} input`) ?? find(selector);
  (input as HTMLInputElement).value = value;
  input!.dispatchEvent(new Event('input'));
  await flushPromises();
}

/** The error under the account kind (it enters through Element Plus' transition). */
async function expectRolesError(message: string): Promise<void> {
  const item = find('[data-test="user-kind"]')!.closest('.el-form-item')!;
  expect(item.classList).toContain('is-error');
  await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe(message));
}

/** The labels of the radios or checkboxes inside. */
const labels = (selector: string) =>
  [...document.body.querySelectorAll(`${selector} .el-radio__label, ${selector} .el-checkbox__label`)].map((l) =>
    l.textContent!.trim(),
  );

describe('users page: roles under 三员分立', { timeout: 20_000 }, () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    writes.length = 0;
    writeAnswer = null;
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should offer the account kind as one choice, so that two administrator roles cannot be picked', async () => {
    const wrapper = await mountAsSysadmin();
    await click('[data-test="user-create"]');

    expect(labels('[data-test="user-kind"]')).toEqual(['业务用户', '管理员（招商局）', '系统管理员', '审计管理员']);
    expect(isChecked('[data-test="user-kind-business"]')).toBe(true);
    expect(labels('[data-test="user-roles"]')).toEqual(['领导', '填报员']);
    expect(text('[data-test="user-roles-hint"]')).toContain('三员分立');

    await click('[data-test="user-kind-sysadmin"]');
    await click('[data-test="user-kind-admin"]');
    expect(isChecked('[data-test="user-kind-admin"]')).toBe(true);
    expect(isChecked('[data-test="user-kind-sysadmin"]')).toBe(false);
    // an administrator takes no business role
    expect(find('[data-test="user-roles"]')).toBeNull();

    await type('[data-test="user-username"]', 'zhaoshang');
    await type('[data-test="user-display-name"]', '县投资促进中心 陈卫东');
    await type('[data-test="user-password"]', 'Chushi#2026');
    await click('[data-test="user-save"]');

    expect(writes).toEqual([
      {
        method: 'POST',
        path: '/api/v1/users',
        body: { username: 'zhaoshang', displayName: '县投资促进中心 陈卫东', roles: ['admin'], password: 'Chushi#2026' },
      },
    ]);
    wrapper.unmount();
  });

  it('should show the server’s ROLE_CONFLICT on the roles field', async () => {
    const wrapper = await mountAsSysadmin();
    await click('[data-test="user-create"]');
    await click('[data-test="user-kind-auditor"]');
    await type('[data-test="user-username"]', 'shenji');
    await type('[data-test="user-display-name"]', '审计管理员 曹琳');
    await type('[data-test="user-password"]', 'Chushi#2026');
    const message = '系统管理员、管理员、审计管理员三者不能由同一账号兼任（三员分立）';
    writeAnswer = () =>
      json(
        {
          code: 'ROLE_CONFLICT',
          message,
          messageEn: 'sysadmin, admin and auditor cannot be held by one account',
          requestId: 'req-3c9e',
          details: [{ field: 'roles', code: 'administrators', message, messageEn: 'sysadmin, admin and auditor cannot be held by one account' }],
        },
        422,
      );
    await click('[data-test="user-save"]');

    await expectRolesError(message);
    expect(find('[data-test="user-error"]')).toBeNull();
    expect(find('[data-test="user-dialog"]')).not.toBeNull();
    wrapper.unmount();
  });

  it('should not let the system administrator change his own roles, units or active flag, nor reset his password', async () => {
    const wrapper = await mountAsSysadmin();
    expect(find('[data-test="user-reset-sysadmin"]')!.hasAttribute('disabled')).toBe(true);
    expect(find('[data-test="user-reset-qingshan"]')!.hasAttribute('disabled')).toBe(false);

    await click('[data-test="user-edit-sysadmin"]');
    expect(isChecked('[data-test="user-kind-sysadmin"]')).toBe(true);
    for (const kind of ['business', 'admin', 'sysadmin', 'auditor']) {
      expect(isDisabled(`[data-test="user-kind-${kind}"]`)).toBe(true);
    }
    expect(isDisabled('[data-test="user-active"]')).toBe(true);
    expect(text('[data-test="user-roles-hint"]')).toBe('不能修改自己账号的角色、单位和启用状态，请由另一名系统管理员修改。');

    // the name stays his to change, and only the name is sent
    await type('[data-test="user-display-name"]', '系统管理员 冯涛（信息中心）');
    await click('[data-test="user-save"]');
    expect(writes).toEqual([
      { method: 'PATCH', path: '/api/v1/users/3', body: { version: 3, displayName: '系统管理员 冯涛（信息中心）' } },
    ]);
    wrapper.unmount();
  });

  it('should point out an old account holding two administrator roles and ask for one kind before saving', async () => {
    const wrapper = await mountAsSysadmin();
    await click('[data-test="user-edit-boss"]');

    expect(text('[data-test="user-legacy-conflict"]')).toBe(
      '该账号现有角色（系统管理员、管理员（招商局））违反三员分立，请只保留一个账号类型。',
    );
    for (const kind of ['business', 'admin', 'sysadmin', 'auditor']) {
      expect(isChecked(`[data-test="user-kind-${kind}"]`)).toBe(false);
    }
    await click('[data-test="user-save"]');
    expect(writes).toEqual([]);
    await expectRolesError('请选择账号类型');

    await click('[data-test="user-kind-sysadmin"]');
    await click('[data-test="user-save"]');
    expect(writes).toEqual([{ method: 'PATCH', path: '/api/v1/users/7', body: { version: 3, roles: ['sysadmin'] } }]);
    wrapper.unmount();
  });
});
