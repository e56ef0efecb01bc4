import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { PlanMonthRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { signInAs } from '@/test-fixtures/session';

import MonthsPage from './index.vue';

// A 通报已发布 notice links to `/months?planId=1&month=2026-03` (issue 13, point 2): the page opens on that month's 通报,
// not on its default (the latest frozen month, October), also when the reporter is on the page already.

function row(m: number): PlanMonthRow {
  const month = `2026-${String(m).padStart(2, '0')}`;
  return {
    month,
    isOver: true,
    closedAt: m <= 10 ? `2026-${String(m + 1).padStart(2, '0')}-10T01:00:00.000Z` : null,
    closedBy: null,
    reason: null,
    snapshotVersion: m <= 10 ? 1 : null,
    reports: { approved: 24, submitted: 0, expected: 24 },
    briefing: m <= 10 ? { draftVersion: null, publishedVersion: 1 } : null,
  };
}

const briefingCalls: string[] = [];

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const path = new URL(String(input), 'http://localhost').pathname;
  if (path === '/api/v1/plans') return json({ items: [demoPlan] });
  if (path === '/api/v1/plans/1/months') {
    return json({ planId: 1, year: 2026, items: Array.from({ length: 11 }, (_, i) => row(i + 1)) });
  }
  const briefings = /\/months\/(\d{4}-\d{2})\/briefings$/.exec(path);
  if (briefings) {
    briefingCalls.push(briefings[1]!);
    return json({ planId: 1, month: briefings[1], items: [] });
  }
  return new Response(null, { status: 404 });
});

async function mountAt(path: string) {
  signInAs(['reporter'], { id: 21, username: 'chengguan', displayName: '城关镇填报员 李娜' });
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/months', component: { render: () => h(MonthsPage) } },
      { path: '/:rest(.*)*', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const wrapper = mount(RouterView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

const title = () =>
  document.body.querySelector('[data-test="briefing-card"] .months-page__card-title')?.textContent?.trim() ?? '';
const selectedRow = () => document.body.querySelector('.month-table__row.is-selected')?.textContent ?? '';

describe('月度关账与通报 opened from a notice', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    briefingCalls.length = 0;
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it("should open on the linked month's 通报 rather than the latest frozen month", async () => {
    const { wrapper } = await mountAt('/months?planId=1&month=2026-03');
    expect(title()).toContain('2026年3月');
    expect(selectedRow()).toContain('2026年3月');
    expect(briefingCalls.at(-1)).toBe('2026-03');
    wrapper.unmount();
  });

  it('should move to the month of a notice followed while the page is open', async () => {
    const { wrapper, router } = await mountAt('/months');
    expect(title()).toContain('2026年10月');
    await router.push('/months?planId=1&month=2026-05');
    await flushPromises();
    expect(title()).toContain('2026年5月');
    expect(briefingCalls.at(-1)).toBe('2026-05');
    wrapper.unmount();
  });

  it('should keep its default for a month the plan does not have', async () => {
    const { wrapper } = await mountAt('/months?planId=1&month=2025-03');
    expect(title()).toContain('2026年10月');
    wrapper.unmount();
  });
});
