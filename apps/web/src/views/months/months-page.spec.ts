import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { BriefingVersion, PlanMonthRow, PlanMonthsResponse, Role } from '@pacer/shared';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import MonthsPage from './index.vue';

// The demo county on 6 December 2026: January–October frozen (October closed again by the office, its 通报 published
// as version 1 with a newer draft), November ended and waiting to be closed, December running.

const ADMIN = '县投资促进中心 陈卫东';

function row(month: string, extra: Partial<PlanMonthRow> = {}): PlanMonthRow {
  return {
    month,
    isOver: true,
    closedAt: null,
    closedBy: null,
    reason: null,
    snapshotVersion: null,
    reports: { approved: 24, submitted: 0, expected: 24 },
    briefing: null,
    ...extra,
  };
}

function demoMonths(): PlanMonthsResponse {
  const items: PlanMonthRow[] = [];
  for (let m = 1; m <= 9; m++) {
    const month = `2026-${String(m).padStart(2, '0')}`;
    items.push(
      row(month, { closedAt: `2026-${String(m + 1).padStart(2, '0')}-10T01:00:00.000Z`, snapshotVersion: 1 }),
    );
  }
  items.push(
    row('2026-10', {
      closedAt: '2026-11-18T06:30:00.000Z',
      closedBy: ADMIN,
      reason: '柳林乡10月月报经核实后更正外出招商批次，重新计算排名',
      snapshotVersion: 2,
      briefing: { draftVersion: 2, publishedVersion: 1 },
    }),
    row('2026-11', { reports: { approved: 0, submitted: 10, expected: 24 } }),
    row('2026-12', { isOver: false, reports: { approved: 0, submitted: 0, expected: 24 } }),
  );
  return { planId: 1, year: 2026, items };
}

function version(v: number, status: BriefingVersion['status'], month = '2026-10'): BriefingVersion {
  const n = Number(month.slice(5));
  return {
    planId: 1,
    month,
    version: v,
    status,
    title: `关于${n}月份全县招商引资目标任务完成情况的通报`,
    summaryText: `1—${n}月，全县签约项目总投资249.30亿元，完成年度目标的83.10%，低于序时进度0.23个百分点。`,
    snapshotComputedAt: '2026-11-18T06:30:00.000Z',
    isStale: false,
    generatedAt: '2026-11-18T06:30:05.000Z',
    generatedBy: v === 1 ? null : 'admin',
    publishedAt: status === 'published' ? '2026-11-19T02:00:00.000Z' : null,
    publishedBy: status === 'published' ? 'admin' : null,
    docxBytes: status === 'superseded' ? null : 48_211,
    xlsxBytes: status === 'superseded' ? null : 9_870,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

interface Call {
  method: string;
  path: string;
  body: unknown;
}

let months: PlanMonthsResponse;
/** What GET …/2026-11/briefings answers, one entry per call (the last one stays). */
let novemberBriefings: BriefingVersion[][];
let closeAnswer: () => Response;
const calls: Call[] = [];

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  calls.push({ method, path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined });
  const path = url.pathname;
  if (path === '/api/v1/plans') return json({ items: [demoPlan] });
  if (path === '/api/v1/plans/1/months') return json(months);
  if (path === '/api/v1/plans/1/months/2026-10/briefings')
    return json({ planId: 1, month: '2026-10', items: [version(2, 'draft'), version(1, 'published')] });
  if (path === '/api/v1/plans/1/months/2026-11/briefings') {
    const items = novemberBriefings.length > 1 ? novemberBriefings.shift()! : novemberBriefings[0]!;
    return json({ planId: 1, month: '2026-11', items });
  }
  if (path.endsWith('/briefings')) return json({ planId: 1, month: path.split('/')[5], items: [] });
  if (method === 'POST' && /\/months\/2026-1[01]\/close$/.test(path)) return closeAnswer();
  return new Response(null, { status: 404 });
});

function signIn(roles: Role[]): void {
  signInAs(
    roles,
    roles.includes('admin')
      ? { username: 'admin', displayName: ADMIN }
      : { username: 'leader', displayName: '分管副县长 周立新' },
  );
}

async function mountAs(roles: Role[]) {
  signIn(roles);
  setActivePinia(createPinia());
  const wrapper = mount(MonthsPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

const body = () => document.body;
const find = (selector: string) => body().querySelector<HTMLElement>(selector);
const text = (selector: string) => find(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const tags = (selector: string) =>
  [...(find(selector)?.querySelectorAll('.el-tag') ?? [])].map((tag) => tag.textContent?.trim() ?? '');
/** Every message shown (ElMessage), oldest first. */
const messages = () =>
  [...body().querySelectorAll('.el-message')].map((m) => m.textContent ?? '').join(' | ');
const briefingCalls = (month: string) =>
  calls.filter((c) => c.method === 'GET' && c.path === `/api/v1/plans/1/months/${month}/briefings`).length;

async function click(selector: string): Promise<void> {
  const element = find(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  element.click();
  await flushPromises();
}

describe('月度关账与通报 page', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    calls.length = 0;
    fetchMock.mockClear();
    months = demoMonths();
    novemberBriefings = [[]];
    closeAnswer = () =>
      json({ planId: 1, month: '2026-11', computedAt: '2026-12-06T02:00:00.000Z', isReclose: false });
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-12-06T02:00:00Z'));
    i18n.global.locale.value = 'zh-CN';
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should show each month’s status, close, reports and 通报, and the office’s actions', async () => {
    const wrapper = await mountAs(['admin']);
    expect(text('[data-test="month-status-2026-12"]')).toBe('未结束');
    expect(text('[data-test="month-status-2026-11"]')).toBe('可关账');
    expect(text('[data-test="month-status-2026-10"]')).toBe('已关账');
    expect(text('[data-test="month-closed-2026-10"]')).toContain('2026-11-18 14:30');
    expect(text('[data-test="month-closed-2026-10"]')).toContain(ADMIN);
    expect(text('[data-test="month-closed-2026-10"]')).toContain(
      '重新关账原因：柳林乡10月月报经核实后更正外出招商批次，重新计算排名',
    );
    expect(text('[data-test="month-closed-2026-09"]')).toContain('系统自动关账');
    expect(text('[data-test="months-table"]')).toContain('自动关账日：2026-12-10');
    expect(text('[data-test="month-reports-2026-11"]')).toBe('已审核 0 / 应报 24');
    expect(text('[data-test="months-table"]')).toContain('待审核 10');
    expect(tags('[data-test="month-briefing-2026-10"]')).toEqual(['已发布 v1', '草稿 v2']);
    expect(text('[data-test="month-briefing-2026-11"]')).toBe('无');

    // only an ended month is closed, only a frozen one closed again
    expect(find('[data-test="close-2026-11"]')).not.toBeNull();
    expect(find('[data-test="close-2026-12"]')).toBeNull();
    expect(find('[data-test="reclose-2026-10"]')).not.toBeNull();
    expect(find('[data-test="reclose-2026-11"]')).toBeNull();
    expect(find('[data-test="months-read-only"]')).toBeNull();

    // the 通报 panel opens on the latest frozen month: publish the draft, download both versions
    expect(text('[data-test="briefing-card"]')).toContain('2026年10月通报');
    expect(find('[data-test="generate"]')).not.toBeNull();
    expect(find('[data-test="publish-2"]')).not.toBeNull();
    expect(find('[data-test="publish-1"]')).toBeNull();
    expect(find('[data-test="download-docx-1"]')).not.toBeNull();
    expect(find('[data-test="download-xlsx-2"]')).not.toBeNull();
    wrapper.unmount();
  });

  it('should let a leader read and download, and offer no close, no new version, no publish', async () => {
    const wrapper = await mountAs(['leader']);
    expect(find('[data-test="months-read-only"]')).not.toBeNull();
    expect(body().querySelector('[data-test^="close-"]')).toBeNull();
    expect(body().querySelector('[data-test^="reclose-"]')).toBeNull();
    expect(find('[data-test="generate"]')).toBeNull();
    expect(body().querySelector('[data-test^="publish-"]')).toBeNull();
    expect(find('[data-test="download-docx-1"]')).not.toBeNull();
    expect(text('[data-test="month-status-2026-11"]')).toBe('可关账');
    wrapper.unmount();
  });

  it('should close November after a confirm, then poll the versions until the draft is written', async () => {
    const wrapper = await mountAs(['admin']);
    await click('[data-test="close-2026-11"]');
    const box = text('.el-message-box');
    expect(box).toContain('关账：2026年11月');
    expect(box).toContain('关账后再审核通过的月报不再改变该月排名');
    expect(box).toContain('该月已审核 0 家，应报 24 家');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // the close answers at once; the draft is written in the background
    months.items[10] = {
      ...months.items[10]!,
      closedAt: '2026-12-06T02:00:00.000Z',
      closedBy: ADMIN,
      snapshotVersion: 1,
    };
    novemberBriefings = [[], [], [version(1, 'draft', '2026-11')]];
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/v1/plans/1/months/2026-11/close', body: {} },
    ]);
    expect(text('[data-test="briefing-card"]')).toContain('2026年11月通报');
    expect(text('[data-test="draft-waiting"]')).toContain('通报草稿正在后台生成');
    expect(text('[data-test="month-briefing-2026-11"]')).toContain('草稿生成中');
    const before = briefingCalls('2026-11');

    months.items[10] = { ...months.items[10]!, briefing: { draftVersion: 1, publishedVersion: null } };
    await vi.advanceTimersByTimeAsync(2_000);
    await flushPromises();
    expect(briefingCalls('2026-11')).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(2_000);
    await flushPromises();
    expect(find('[data-test="draft-waiting"]')).toBeNull();
    expect(text('[data-test="month-briefing-2026-11"]')).toBe('草稿 v1');
    expect(find('[data-test="publish-1"]')).not.toBeNull();
    expect(messages()).toContain('2026年11月通报草稿第 1 版已生成');

    // the wait is over: no more calls
    const settled = briefingCalls('2026-11');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(briefingCalls('2026-11')).toBe(settled);
    wrapper.unmount();
  });

  it('should show the API’s message when the close is refused', async () => {
    closeAnswer = () =>
      json(
        {
          code: 'BUSINESS_RULE_VIOLATION',
          message: '2026-11 尚未结束，不能关账',
          messageEn: '2026-11 has not ended yet',
          details: [{ field: 'month', code: 'monthNotEnded', message: '2026-11 尚未结束，不能关账' }],
        },
        422,
      );
    const wrapper = await mountAs(['admin']);
    await click('[data-test="close-2026-11"]');
    await click('.el-message-box__btns .el-button--primary');
    await flushPromises();
    expect(messages()).toContain('2026-11 尚未结束，不能关账');
    expect(find('[data-test="draft-waiting"]')).toBeNull();
    wrapper.unmount();
  });

  it('should not close October again without a reason, and send the reason given', async () => {
    closeAnswer = () =>
      json({ planId: 1, month: '2026-10', computedAt: '2026-12-06T02:00:00.000Z', isReclose: true });
    const wrapper = await mountAs(['admin']);
    await click('[data-test="reclose-2026-10"]');
    expect(text('[data-test="reason-dialog"]')).toContain('重新关账：2026年10月');
    expect(text('[data-test="reason-dialog"]')).toContain('已发布的通报保持不变');

    await click('[data-test="reason-confirm"]');
    // Element Plus shows a form item's message a moment after its error is set
    await vi.advanceTimersByTimeAsync(100);
    expect(text('[data-test="reason-dialog"]')).toContain('请填写原因');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // ElInput puts the attribute on its textarea or on its wrapper, depending on the version
    const input = (find('textarea[data-test="reason-input"]') ??
      find('[data-test="reason-input"] textarea')) as HTMLTextAreaElement;
    input.value = '县商务局10月到位资金经核实后更正，重新计算排名';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    await click('[data-test="reason-confirm"]');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: '/api/v1/plans/1/months/2026-10/close',
        body: { reason: '县商务局10月到位资金经核实后更正，重新计算排名' },
      },
    ]);
    expect(messages()).toContain('2026年10月已重新关账');
    // the old draft (version 2) is still listed: the wait goes on until a newer one shows
    expect(text('[data-test="draft-waiting"]')).toContain('通报草稿正在后台生成');
    wrapper.unmount();
  });
});

describe('月度关账与通报 page on a phone (390 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    calls.length = 0;
    months = demoMonths();
    novemberBriefings = [[]];
    closeAnswer = () =>
      json({ planId: 1, month: '2026-11', computedAt: '2026-12-06T02:00:00.000Z', isReclose: false });
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-12-06T02:00:00Z'));
    window.matchMedia = fakeMatchMedia(390).matchMedia;
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should list the months as cards with every figure and the actions as full buttons, not the six-column table', async () => {
    const wrapper = await mountAs(['admin']);
    expect(find('[data-test="months-table"]')).toBeNull();
    const cards = [...body().querySelectorAll('.month-card')].map((c) => c.getAttribute('data-test'));
    // the latest month first: the work (November to close, December running) is at the top
    expect(cards).toHaveLength(12);
    expect(cards.slice(0, 3)).toEqual(['month-card-2026-12', 'month-card-2026-11', 'month-card-2026-10']);
    const november = text('[data-test="month-card-2026-11"]');
    expect(november).toContain('2026年11月');
    expect(november).toContain('可关账');
    expect(november).toContain('已审核 0 / 应报 24');
    expect(november).toContain('待审核 10');
    expect(november).toContain('自动关账日：2026-12-10');
    expect(text('[data-test="month-closed-2026-10"]')).toContain('重新关账原因：柳林乡10月月报经核实后更正外出招商批次');
    expect(tags('[data-test="month-briefing-2026-10"]')).toEqual(['已发布 v1', '草稿 v2']);
    expect(find('[data-test="close-2026-11"]')).not.toBeNull();
    expect(find('[data-test="close-2026-12"]')).toBeNull();

    // a tap on a closed month's card shows its 通报
    await click('[data-test="month-card-2026-09"]');
    expect(find('[data-test="month-card-2026-09"]')!.classList.contains('is-selected')).toBe(true);
    expect(text('[data-test="briefing-card"]')).toContain('2026年9月通报');
    wrapper.unmount();
  });
});
