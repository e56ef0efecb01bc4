import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { ReportDetail } from '@pacer/shared';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';

import ReportEditor from './components/report-editor.vue';

// Issue 14 point 10: a report of a month already closed says plainly that it does not move the frozen ranking.

function report(extra: Partial<ReportDetail> = {}): ReportDetail {
  return {
    id: 21,
    planId: 1,
    unitId: 9,
    unitCode: 'T09',
    unitName: '柳林乡',
    unitCategory: 'town',
    month: '2026-10',
    status: 'submitted',
    isLate: true,
    submittedAt: '2026-11-12T02:00:00.000Z',
    approvedAt: null,
    returnedReason: null,
    version: 2,
    values: [],
    lines: [],
    progressText: '补报10月份月报',
    problemsText: '',
    nextPlanText: '',
    history: [],
    canEdit: false,
    isOwnSubmission: true,
    requiresFourEyes: true,
    ...extra,
  };
}

async function mountEditor(detail: ReportDetail) {
  window.matchMedia = fakeMatchMedia(1366).matchMedia;
  const pinia = createPinia();
  setActivePinia(pinia);
  const page = { render: () => h(ReportEditor, { report: detail, plan: demoPlan, deadline: '2026-11-05' }) };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: page }] });
  await router.push('/');
  const wrapper = mount(RouterView, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

describe('a report of a closed month (issue 14 point 10)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"items":[]}', { status: 200 })));
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should say the month is closed and the report does not change its ranking until it is closed again', async () => {
    const wrapper = await mountEditor(report({ monthClosedAt: '2026-11-10T02:00:00.000Z' }));
    const alert = wrapper.get('[data-test="closed-month-alert"]').text();
    expect(alert).toContain('2026年10月已关账');
    expect(alert).toContain('不改变该月的排名和通报，须由考核办重新关账后才会计入');
  });

  it('should say nothing of it while the month is open', async () => {
    const wrapper = await mountEditor(report({ monthClosedAt: null, month: '2026-11' }));
    expect(wrapper.find('[data-test="closed-month-alert"]').exists()).toBe(false);
  });
});
