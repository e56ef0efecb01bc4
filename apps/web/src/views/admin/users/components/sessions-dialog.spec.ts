import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Role, UserRow, UserSession } from '@pacer/shared';

import { i18n } from '@/locales';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import UsersPage from '../index.vue';

// 用户管理 → 会话 (SES-5) in the demo county on the morning of 6 December 2026: 王海峰 (青山镇) signed in at the office
// and on his phone; the system administrator 冯涛 looks at his sessions and ends them.

const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36 MicroMessenger/8.0.50';
const OFFICE_FAMILY = 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b';
const PHONE_FAMILY = 'b7e29c10-3d4f-4a61-9b2c-7d8e9f0a1b2c';
const OWN_FAMILY = 'c0d1e2f3-a4b5-4c6d-8e7f-9a0b1c2d3e4f';

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
  userRow(12, 'qingshan', '王海峰', ['reporter']),
];

function session(familyId: string, extra: Partial<UserSession> = {}): UserSession {
  return {
    familyId,
    startedAt: '2026-12-06T00:32:10.000Z',
    lastUsedAt: '2026-12-06T01:47:05.000Z',
    expiresAt: '2026-12-06T02:17:05.000Z',
    ip: '203.0.113.21',
    userAgent: WINDOWS_CHROME,
    isCurrent: false,
    ...extra,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** The sessions on the server, per user id; the mock answers from it and the endings change it. */
let server: Map<number, UserSession[]>;
/** When set, the next DELETE answers this instead of ending the session. */
let deleteAnswer: (() => Response) | null;
const calls: Array<{ method: string; path: string }> = [];

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const path = url.pathname;
  calls.push({ method, path });
  if (path === '/api/v1/users') return json(USERS);
  if (path === '/api/v1/units') return json({ items: [] });
  const list = /^\/api\/v1\/users\/(\d+)\/sessions$/.exec(path);
  if (list && method === 'GET')
    return json({ userId: Number(list[1]), items: server.get(Number(list[1])) ?? [] });
  const one = /^\/api\/v1\/users\/(\d+)\/sessions\/([\w-]+)$/.exec(path);
  if (one && method === 'DELETE') {
    const userId = Number(one[1]);
    server.set(
      userId,
      (server.get(userId) ?? []).filter((s) => s.familyId !== one[2]),
    );
    if (deleteAnswer) return deleteAnswer();
    return new Response(null, { status: 204 });
  }
  const all = /^\/api\/v1\/users\/(\d+)\/sessions\/end-all$/.exec(path);
  if (all && method === 'POST') {
    const ended = server.get(Number(all[1]))?.length ?? 0;
    server.set(Number(all[1]), []);
    return json({ ended });
  }
  return new Response(null, { status: 404 });
});

function signIn(roles: Role[]): void {
  signInAs(
    roles,
    roles.includes('sysadmin')
      ? { id: 3, username: 'sysadmin', displayName: '系统管理员 冯涛' }
      : { id: 1, username: 'admin', displayName: '县投资促进中心 陈卫东' },
  );
}

async function mountAs(roles: Role[]) {
  signIn(roles);
  setActivePinia(createPinia());
  const wrapper = mount(UsersPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

const body = () => document.body;
const find = (selector: string) => body().querySelector<HTMLElement>(selector);
const text = (selector: string) => find(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** Each row of the sessions table, its cells' text joined by a space. */
const rows = () =>
  [...body().querySelectorAll('[data-test="sessions-table"] .el-table__body-wrapper tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')]
      .map((td) => td.textContent?.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' '),
  );
const messages = () =>
  [...body().querySelectorAll('.el-message')].map((m) => m.textContent ?? '').join(' | ');
const writes = () => calls.filter((c) => c.method !== 'GET');
const sessionReads = (userId: number) =>
  calls.filter((c) => c.method === 'GET' && c.path === `/api/v1/users/${userId}/sessions`).length;

async function click(selector: string): Promise<void> {
  const element = find(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  element.click();
  await flushPromises();
}

describe('users page: sessions dialog', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    calls.length = 0;
    fetchMock.mockClear();
    deleteAnswer = null;
    server = new Map([
      [
        12,
        [
          session(PHONE_FAMILY, {
            startedAt: '2026-12-06T01:05:40.000Z',
            lastUsedAt: '2026-12-06T01:52:18.000Z',
            expiresAt: '2026-12-06T02:22:18.000Z',
            ip: '198.51.100.35',
            userAgent: ANDROID_WECHAT,
          }),
          session(OFFICE_FAMILY),
        ],
      ],
      [3, [session(OWN_FAMILY, { ip: '10.12.0.8', isCurrent: true })]],
    ]);
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should list the live sessions with their times in the county, addresses and browsers', async () => {
    const wrapper = await mountAs(['sysadmin']);
    await click('[data-test="user-sessions-qingshan"]');

    expect(text('[data-test="sessions-dialog"] .el-dialog__title')).toBe('登录会话：王海峰（qingshan）');
    expect(text('[data-test="sessions-count"]')).toBe('共 2 个有效会话');
    expect(rows()).toEqual([
      '2026-12-06 09:05:40 2026-12-06 09:52:18 2026-12-06 10:22:18 198.51.100.35 微信 8 · Android 结束',
      '2026-12-06 08:32:10 2026-12-06 09:47:05 2026-12-06 10:17:05 203.0.113.21 Chrome 131 · Windows 结束',
    ]);
    // the full User-Agent on hover
    expect(body().querySelector('[data-test="session-browser"]')!.getAttribute('title')).toBe(ANDROID_WECHAT);
    expect(find('[data-test="session-current"]')).toBeNull();
    wrapper.unmount();
  });

  it('should end one session after a confirm and read the list again', async () => {
    const wrapper = await mountAs(['sysadmin']);
    await click('[data-test="user-sessions-qingshan"]');

    await click(`[data-test="session-end-${PHONE_FAMILY}"]`);
    expect(text('.el-message-box')).toContain(
      '结束来自 198.51.100.35（微信 8 · Android）的会话？该会话将立即失效，须重新登录。',
    );
    expect(writes()).toEqual([]);
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();

    expect(writes()).toEqual([{ method: 'DELETE', path: `/api/v1/users/12/sessions/${PHONE_FAMILY}` }]);
    expect(sessionReads(12)).toBe(2);
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toContain('203.0.113.21');
    expect(text('[data-test="sessions-count"]')).toBe('共 1 个有效会话');
    expect(messages()).toContain('会话已结束');
    wrapper.unmount();
  });

  it('should end all sessions after a confirm, then show none', async () => {
    const wrapper = await mountAs(['sysadmin']);
    await click('[data-test="user-sessions-qingshan"]');

    await click('[data-test="sessions-end-all"]');
    expect(text('.el-message-box')).toContain(
      '结束 王海峰 的全部 2 个会话？这些会话将立即失效，须重新登录。',
    );
    expect(text('.el-message-box')).not.toContain('您当前的会话');
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();

    expect(writes()).toEqual([{ method: 'POST', path: '/api/v1/users/12/sessions/end-all' }]);
    expect(messages()).toContain('已结束 2 个会话');
    expect(rows()).toEqual([]);
    expect(text('[data-test="sessions-table"]')).toContain('该用户当前没有有效会话');
    expect(find('[data-test="sessions-end-all"]')!.hasAttribute('disabled')).toBe(true);
    wrapper.unmount();
  });

  it("should mark the caller's own session and warn before ending it; a cancel ends nothing", async () => {
    const wrapper = await mountAs(['sysadmin']);
    await click('[data-test="user-sessions-sysadmin"]');
    expect(text('[data-test="session-current"]')).toBe('当前会话');

    await click(`[data-test="session-end-${OWN_FAMILY}"]`);
    expect(text('.el-message-box')).toContain('这是您当前正在使用的会话，结束后您将立即退出登录。');
    await click('.el-message-box__btns .el-button:not(.el-button--primary)');
    await flushPromises();
    expect(writes()).toEqual([]);
    expect(rows()).toHaveLength(1);
    wrapper.unmount();
  });

  it("should show the API's message when an ending fails, and read the list again", async () => {
    const wrapper = await mountAs(['sysadmin']);
    await click('[data-test="user-sessions-qingshan"]');
    // the session ended by itself meanwhile: the API answers 404 and the list no longer has it
    deleteAnswer = () =>
      json(
        {
          code: 'NOT_FOUND',
          message: '会话不存在或已结束',
          messageEn: 'Session not found or already ended',
          requestId: 'req-7f3a',
        },
        404,
      );

    await click(`[data-test="session-end-${OFFICE_FAMILY}"]`);
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();

    expect(text('[data-test="sessions-error"]')).toBe('会话不存在或已结束');
    expect(messages()).not.toContain('会话已结束');
    expect(sessionReads(12)).toBe(2);
    expect(rows()).toHaveLength(1);
    wrapper.unmount();
  });

  it('should let the business admin look at the sessions but not end them (三员分立)', async () => {
    const wrapper = await mountAs(['admin']);
    expect(find('[data-test="user-edit-qingshan"]')).toBeNull();
    await click('[data-test="user-sessions-qingshan"]');

    expect(rows()).toHaveLength(2);
    expect(rows()[0]).not.toContain('结束');
    expect(find('[data-test="sessions-end-all"]')).toBeNull();
    expect(body().querySelector('[data-test^="session-end-"]')).toBeNull();
    wrapper.unmount();
  });
});

describe('users page: sessions dialog on a phone (390 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    sessionStorage.clear();
    calls.length = 0;
    deleteAnswer = null;
    server = new Map([
      [
        12,
        [
          session(PHONE_FAMILY, { ip: '198.51.100.35', userAgent: ANDROID_WECHAT }),
          session(OFFICE_FAMILY),
        ],
      ],
    ]);
    vi.stubGlobal('fetch', fetchMock);
    window.matchMedia = fakeMatchMedia(390).matchMedia;
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should list the sessions as full-width cards, not the wide table, and end one from its card', async () => {
    const wrapper = await mountAs(['sysadmin']);
    await click('[data-test="user-sessions-qingshan"]');

    expect(find('[data-test="sessions-table"]')).toBeNull();
    expect(body().querySelectorAll('.session-card')).toHaveLength(2);
    const card = text(`[data-test="session-card-${PHONE_FAMILY}"]`);
    expect(card).toContain('微信 8 · Android');
    expect(card).toContain('198.51.100.35');
    expect(card).toContain('2026-12-06 08:32:10');

    await click(`[data-test="session-end-${PHONE_FAMILY}"]`);
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();
    expect(writes()).toEqual([{ method: 'DELETE', path: `/api/v1/users/12/sessions/${PHONE_FAMILY}` }]);
    expect(body().querySelectorAll('.session-card')).toHaveLength(1);
    wrapper.unmount();
  });
});
