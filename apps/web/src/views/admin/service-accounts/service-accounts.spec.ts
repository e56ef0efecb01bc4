import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CreateServiceAccountRequest, ServiceAccountRow, UnitRow } from '@pacer/shared';

import UnitTreeSelect from '@/components/unit-tree-select.vue';
import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import { createServiceAccountForm, isExpiryAllowed, toCreateRequest } from './service-account-form';
import { createAppRouter } from '@/router';
import { createMemoryHistory } from 'vue-router';

import ServiceAccountsPage from './index.vue';

// 系统管理 → 接口账号 in the demo county, 7 December 2026: the system administrator 冯涛 gives the county statistics
// bureau's feed a key for 城关镇's monthly figures, copies it once, and revokes the old 驾驶舱 vendor's key.

const API_KEY = 'pk_Qm9yZWFzLXN0YXRpc3RpY3MtYnVyZWF1LWZlZWQtMjAyNg';

function unit(id: number, code: string, name: string, parentId: number | null): UnitRow {
  return {
    id,
    code,
    name,
    shortName: null,
    category: parentId ? 'town' : 'county',
    parentId,
    sortOrder: id,
    isActive: true,
    depth: parentId ? 1 : 0,
    createdAt: '2026-01-05T01:00:00.000Z',
    updatedAt: '2026-01-05T01:00:00.000Z',
    version: 1,
  };
}

const UNITS = [unit(1, 'XIAN', '示范县', null), unit(2, 'T01', '城关镇', 1), unit(3, 'T02', '青山镇', 1)];

function account(id: number, extra: Partial<ServiceAccountRow> = {}): ServiceAccountRow {
  return {
    id,
    name: '驾驶舱厂商数据接口',
    keyPrefix: 'pk_Xq7mZ2aB',
    units: [{ id: 1, code: 'XIAN', name: '示范县' }],
    permissions: ['reports.read', 'progress.read'],
    expiresAt: '2027-06-30T16:00:00.000Z',
    createdAt: '2026-06-01T02:00:00.000Z',
    createdBy: '系统管理员 冯涛',
    revokedAt: null,
    revokedBy: null,
    lastUsedAt: '2026-12-07T01:15:00.000Z',
    status: 'active',
    ...extra,
  };
}

let server: ServiceAccountRow[];
let createAnswer: (() => Response) | null;
const calls: Array<{ method: string; path: string; body: unknown }> = [];

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const body = init?.body ? JSON.parse(String(init.body)) : undefined;
  calls.push({ method, path: url.pathname, body });
  if (url.pathname === '/api/v1/units') return json({ items: UNITS });
  if (url.pathname === '/api/v1/service-accounts' && method === 'GET') return json({ items: server, maxDays: 365 });
  if (url.pathname === '/api/v1/service-accounts' && method === 'POST') {
    if (createAnswer) return createAnswer();
    const request = body as CreateServiceAccountRequest;
    const created = account(9, {
      name: request.name,
      keyPrefix: API_KEY.slice(0, 11),
      units: [{ id: 2, code: 'T01', name: '城关镇' }],
      permissions: request.permissions,
      lastUsedAt: null,
    });
    server = [created, ...server];
    return json({ account: created, apiKey: API_KEY }, 201);
  }
  const revoke = /^\/api\/v1\/service-accounts\/(\d+)\/revoke$/.exec(url.pathname);
  if (revoke && method === 'POST') {
    server = server.map((a) =>
      a.id === Number(revoke[1]) ? { ...a, status: 'revoked', revokedAt: '2026-12-07T02:00:00.000Z' } : a,
    );
    return json(server.find((a) => a.id === Number(revoke[1])));
  }
  return new Response(null, { status: 404 });
});

const body = () => document.body;
const find = (selector: string) => body().querySelector<HTMLElement>(selector);
const text = (selector: string) => find(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = () =>
  [...body().querySelectorAll('[data-test="service-account-table"] .el-table__body-wrapper tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')]
      .map((td) => td.textContent?.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' '),
  );
const writes = () => calls.filter((c) => c.method !== 'GET');

async function click(selector: string): Promise<void> {
  const element = find(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  element.click();
  await flushPromises();
}

async function type(selector: string, value: string): Promise<void> {
  // ElInput puts data-test on the native input itself
  const element = find(selector)!;
  const input = (element.tagName === 'INPUT' ? element : element.querySelector('input')!) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

async function mountPage() {
  signInAs(['sysadmin'], { id: 3, username: 'sysadmin', displayName: '系统管理员 冯涛' });
  setActivePinia(createPinia());
  const wrapper = mount(ServiceAccountsPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('service accounts page (系统管理 → 接口账号)', { timeout: 20_000 }, () => {
  const writeText = vi.fn<(text: string) => Promise<void>>(async () => undefined);

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    calls.length = 0;
    createAnswer = null;
    writeText.mockClear();
    server = [
      account(4),
      account(2, {
        name: '旧版统计直报接口',
        keyPrefix: 'pk_Ab3dE5fG',
        status: 'revoked',
        revokedAt: '2026-09-01T02:00:00.000Z',
        revokedBy: '系统管理员 冯涛',
      }),
    ];
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    i18n.global.locale.value = 'zh-CN';
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should list the accounts with key prefix, units, permissions, expiry, last use and status, never a key', async () => {
    const wrapper = await mountPage();
    expect(rows()).toEqual([
      '驾驶舱厂商数据接口 pk_Xq7mZ2aB… 示范县 查看月报查看进度 2027-07-01 00:00:00 2026-12-07 09:15:00 有效 吊销',
      '旧版统计直报接口 pk_Ab3dE5fG… 示范县 查看月报查看进度 2027-07-01 00:00:00 2026-12-07 09:15:00 已吊销',
    ]);
    expect(find('[data-test="service-account-revoke-2"]')).toBeNull();
    expect(text('.sa-page__count')).toBe('共 2 个接口账号');
    wrapper.unmount();
  });

  it('should create an account, show its key once with a warning and a copy button, and forget it on close', async () => {
    const wrapper = await mountPage();
    await click('[data-test="service-account-create"]');
    await type('[data-test="service-account-name"]', '县统计局数据接口');
    wrapper.findComponent(UnitTreeSelect).vm.$emit('update:modelValue', [2]);
    await flushPromises();
    await click('[data-test="service-account-submit"]');

    const [post] = writes();
    expect(post).toMatchObject({ method: 'POST', path: '/api/v1/service-accounts' });
    expect(post!.body).toMatchObject({
      name: '县统计局数据接口',
      unitIds: [2],
      permissions: ['reports.read', 'reports.write', 'reports.submit'],
    });
    expect((post!.body as { expiresOn: string }).expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect(text('[data-test="service-account-key"]')).toBe(API_KEY);
    expect(text('[data-test="service-account-dialog"]')).toContain('密钥只显示这一次');
    expect(text('[data-test="service-account-dialog"]')).toContain('Authorization: Bearer');
    await click('[data-test="service-account-copy"]');
    expect(writeText).toHaveBeenCalledWith(API_KEY);
    // the list is read again and shows the new account by its prefix only
    expect(rows()[0]).toContain(`县统计局数据接口 ${API_KEY.slice(0, 11)}…`);
    expect(body().querySelector('[data-test="service-account-table"]')!.textContent).not.toContain(API_KEY);

    await click('[data-test="service-account-done"]');
    await click('[data-test="service-account-create"]');
    expect(find('[data-test="service-account-key"]')).toBeNull();
    expect(body().textContent).not.toContain(API_KEY);
    wrapper.unmount();
  });

  it("should show the server's refusal of a permission in the dialog and keep it open", async () => {
    createAnswer = () =>
      json(
        {
          code: 'SERVICE_ACCOUNT_PERMISSION_NOT_ALLOWED',
          message: '接口账号不能拥有以下权限：reports.review（仅限填报、查询类权限）',
          messageEn: 'A service account cannot hold: reports.review (reporting and reading permissions only)',
          requestId: 'req-1',
          details: [{ field: 'permissions', code: 'not_allowed', message: '不允许的权限：reports.review', messageEn: 'not allowed: reports.review' }],
        },
        422,
      );
    const wrapper = await mountPage();
    await click('[data-test="service-account-create"]');
    await type('[data-test="service-account-name"]', '县统计局数据接口');
    wrapper.findComponent(UnitTreeSelect).vm.$emit('update:modelValue', [2]);
    await flushPromises();
    await click('[data-test="service-account-submit"]');
    expect(text('[data-test="service-account-error"]')).toContain('接口账号不能拥有以下权限');
    expect(find('[data-test="service-account-key"]')).toBeNull();
    expect(find('[data-test="service-account-name"]')).not.toBeNull();
    wrapper.unmount();
  });

  it('should revoke only after a confirmation naming the account and its prefix', async () => {
    const wrapper = await mountPage();
    await click('[data-test="service-account-revoke-4"]');
    expect(text('.el-message-box')).toContain('吊销“驾驶舱厂商数据接口”（pk_Xq7mZ2aB…）？吊销后该密钥立即失效');
    expect(writes()).toEqual([]);
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();
    expect(writes()).toEqual([{ method: 'POST', path: '/api/v1/service-accounts/4/revoke', body: undefined }]);
    expect(text('[data-test="service-account-status-4"]')).toBe('已吊销');
    wrapper.unmount();
  });

  it('should speak English when the reader chose it', async () => {
    i18n.global.locale.value = 'en';
    const wrapper = await mountPage();
    expect(text('.page-header__title')).toBe('Service accounts');
    expect(rows()[0]).toContain('Read reportsRead progress');
    expect(rows()[1]).toContain('Revoked');
    wrapper.unmount();
  });
});

describe('the way to 接口账号', () => {
  beforeEach(() => {
    sessionStorage.clear();
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should be a page under 系统管理 that needs service_accounts.manage', () => {
    const route = createAppRouter(createMemoryHistory()).resolve('/admin/service-accounts');
    expect(route.name).toBe('admin-service-accounts');
    expect(route.meta.permission).toBe('service_accounts.manage');
  });
});

describe('service account form', () => {
  const now = new Date('2026-12-07T02:00:00Z');

  it('should offer tomorrow to the maximum in Asia/Shanghai, as the server accepts', () => {
    expect(isExpiryAllowed('2026-12-07', now, 365)).toBe(false);
    expect(isExpiryAllowed('2026-12-08', now, 365)).toBe(true);
    expect(isExpiryAllowed('2027-12-07', now, 365)).toBe(true);
    expect(isExpiryAllowed('2027-12-08', now, 365)).toBe(false);
  });

  it('should default to a reports feed for half a year and send permissions in their canonical order', () => {
    const form = createServiceAccountForm(now, 365);
    expect(form.expiresOn).toBe('2027-06-05');
    form.name = '  县统计局数据接口 ';
    form.unitIds = [2];
    form.permissions = ['reports.submit', 'units.read', 'reports.read'];
    expect(toCreateRequest(form)).toEqual({
      name: '县统计局数据接口',
      unitIds: [2],
      permissions: ['units.read', 'reports.read', 'reports.submit'],
      expiresOn: '2027-06-05',
    });
  });
});
