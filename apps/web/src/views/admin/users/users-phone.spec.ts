import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { UnitRow, UserRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import UsersPage from './index.vue';

// 用户管理 on a phone (issue 13, ≤ 768 px): the system administrator 冯涛 opens it in 企业微信 — one card per account with
// its roles, units, status and last login, the actions as 44 px buttons, and the account dialog full screen. The
// desktop keeps its table.

const UNITS: UnitRow[] = [
  {
    id: 1,
    code: 'XIAN',
    name: '示范县',
    shortName: null,
    category: 'county',
    parentId: null,
    sortOrder: 1,
    isActive: true,
    depth: 0,
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
    version: 1,
  },
  {
    id: 2,
    code: 'T01',
    name: '城关镇',
    shortName: null,
    category: 'town',
    parentId: 1,
    sortOrder: 1,
    isActive: true,
    depth: 1,
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
    version: 1,
  },
];

const USERS: UserRow[] = [
  {
    id: 1,
    username: 'sysadmin',
    displayName: '系统管理员 冯涛',
    roles: ['sysadmin'],
    units: [],
    isActive: true,
    mustChangePassword: false,
    lastLoginAt: '2026-12-07T01:20:00.000Z',
    lockedUntil: null,
    version: 1,
  },
  {
    id: 7,
    username: 'chengguan',
    displayName: '城关镇招商办 李娜',
    roles: ['reporter'],
    units: [{ id: 2, code: 'T01', name: '城关镇' }],
    isActive: true,
    mustChangePassword: true,
    lastLoginAt: null,
    lockedUntil: '2099-01-01T00:00:00.000Z',
    version: 3,
  },
];

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

async function mountAt(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  signInAs(['sysadmin'], { username: 'sysadmin', displayName: '系统管理员 冯涛' });
  setActivePinia(createPinia());
  const wrapper = mount(UsersPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('用户管理 on a phone (390 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    sessionStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        if (path === '/api/v1/users') return json(USERS);
        if (path === '/api/v1/units') return json({ items: UNITS });
        return json({ items: [] });
      }),
    );
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should list the accounts as cards instead of the wide table', async () => {
    const wrapper = await mountAt(390);
    expect(wrapper.find('[data-test="user-table"]').exists()).toBe(false);
    expect(wrapper.findAll('.user-card')).toHaveLength(2);
    const card = wrapper.get('[data-test="user-card-chengguan"]').text();
    expect(card).toContain('城关镇招商办 李娜');
    expect(card).toContain('填报员');
    expect(card).toContain('城关镇');
    expect(card).toContain('待改密');
    expect(card).toContain('已锁定');
    expect(wrapper.get('.users-page').classes()).toContain('is-phone');
    wrapper.unmount();
  });

  it('should offer every action as a full button (no link-sized targets) and not reset one’s own password', async () => {
    const wrapper = await mountAt(390);
    const card = wrapper.get('[data-test="user-card-chengguan"]');
    for (const test of ['user-edit-chengguan', 'user-reset-chengguan', 'user-sessions-chengguan']) {
      const button = card.get(`[data-test="${test}"]`);
      expect(button.classes()).not.toContain('is-link');
    }
    expect(card.find('[data-test="user-reset-mfa-chengguan"]').exists()).toBe(true);
    const own = wrapper.get('[data-test="user-card-sysadmin"]');
    expect(own.get('[data-test="user-reset-sysadmin"]').attributes('disabled')).toBeDefined();
    expect(own.find('[data-test="user-reset-mfa-sysadmin"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('should open the account dialog full screen with the labels above the boxes', async () => {
    const wrapper = await mountAt(390);
    await wrapper.get('[data-test="user-edit-chengguan"]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('[data-test="user-dialog"]');
    expect(dialog?.classList.contains('is-fullscreen')).toBe(true);
    expect(dialog?.querySelector('.el-form')?.classList.contains('el-form--label-top')).toBe(true);
    expect((dialog?.querySelector('input') as HTMLInputElement | null)?.value).toBe('chengguan');
    wrapper.unmount();
  });

  it('should keep the table and the centred dialog on a 1366 px desktop', async () => {
    const wrapper = await mountAt(1366);
    expect(wrapper.find('[data-test="user-table"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="user-cards"]').exists()).toBe(false);
    expect(wrapper.get('.users-page').classes()).not.toContain('is-phone');
    await wrapper.get('[data-test="user-edit-chengguan"]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('[data-test="user-dialog"]');
    expect(dialog?.classList.contains('is-fullscreen')).toBe(false);
    wrapper.unmount();
  });
});
