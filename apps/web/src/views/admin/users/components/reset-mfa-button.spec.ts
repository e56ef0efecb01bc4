import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Role, UserRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import UsersPage from '../index.vue';

// 用户管理 → 重置两步验证 (AUTH-4): 审计员 孙浩 lost his phone; the system administrator 冯涛 resets his second factor.

function userRow(id: number, username: string, displayName: string, roles: Role[]): UserRow {
  return {
    id,
    username,
    displayName,
    roles,
    units: [],
    isActive: true,
    mustChangePassword: false,
    lastLoginAt: '2026-12-06T00:32:10.000Z',
    lockedUntil: null,
    version: 1,
  };
}

const USERS = [
  userRow(3, 'sysadmin', '系统管理员 冯涛', ['sysadmin']),
  userRow(15, 'sun_hao', '审计员 孙浩', ['auditor']),
];
const calls: Array<{ method: string; path: string }> = [];

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const path = new URL(String(input), 'http://localhost').pathname;
  const method = init?.method ?? 'GET';
  calls.push({ method, path });
  if (path === '/api/v1/users')
    return new Response(JSON.stringify(USERS), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  if (path === '/api/v1/units')
    return new Response(JSON.stringify({ items: [] }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  if (path === '/api/v1/users/15/mfa' && method === 'DELETE') return new Response(null, { status: 204 });
  return new Response(null, { status: 404 });
});

describe('users page: reset two-step verification', () => {
  beforeEach(() => {
    sessionStorage.clear();
    calls.length = 0;
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it("should reset another user's second factor after a confirmation that says what happens, and offer none on the own row", async () => {
    signInAs(['sysadmin'], { id: 3, username: 'sysadmin', displayName: '系统管理员 冯涛' });
    setActivePinia(createPinia());
    const wrapper = mount(UsersPage, { attachTo: document.body, global: { plugins: [i18n] } });
    await flushPromises();

    expect(document.querySelector('[data-test="user-reset-mfa-sysadmin"]')).toBeNull();
    const button = document.querySelector<HTMLElement>('[data-test="user-reset-mfa-sun_hao"]')!;
    expect(button.textContent).toContain('重置两步验证');
    button.click();
    await flushPromises();
    const box = document.querySelector('.el-message-box')!;
    expect(box.textContent).toContain('审计员 孙浩（sun_hao）');
    expect(box.textContent).toContain('全部会话将立即结束');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    box.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click();
    await flushPromises();

    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([
      { method: 'DELETE', path: '/api/v1/users/15/mfa' },
    ]);
    expect(document.body.textContent).toContain('已重置 审计员 孙浩（sun_hao） 的两步验证');
    wrapper.unmount();
  });
});
