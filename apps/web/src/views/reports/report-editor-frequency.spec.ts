import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { ReportDetail, ReportIndicatorLine } from '@pacer/shared';

import { formFromReport, missingValues } from '@/components/report/report-form';
import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';

import ReportEditor from './components/report-editor.vue';

// Issue 16 rule 11: not every indicator every month — a quarterly figure outside 3/6/9/12 has nothing to enter,
// an optional one may stay blank ("not reported", never 0); submitting asks only for the required ones.

const XSLS: ReportIndicatorLine = {
  indicatorId: 1,
  code: 'XSLS',
  name: '项目线索',
  measure: '条',
  kind: 'count',
  entryMode: 'month',
  value: null,
  approvedYtdBefore: '6',
  target: '20',
};

function report(lines: ReportIndicatorLine[], extra: Partial<ReportDetail> = {}): ReportDetail {
  return {
    id: 31,
    planId: 1,
    unitId: 9,
    unitCode: 'T01',
    unitName: '城关镇',
    unitCategory: 'town',
    month: '2026-03',
    status: 'draft',
    isLate: false,
    submittedAt: null,
    approvedAt: null,
    returnedReason: null,
    version: 2,
    values: [],
    lines,
    progressText: '',
    problemsText: '',
    nextPlanText: '',
    history: [],
    canEdit: true,
    isOwnSubmission: false,
    requiresFourEyes: true,
    ...extra,
  };
}

async function mountEditor(detail: ReportDetail) {
  window.matchMedia = fakeMatchMedia(1366).matchMedia;
  const pinia = createPinia();
  setActivePinia(pinia);
  const page = { render: () => h(ReportEditor, { report: detail, plan: demoPlan, deadline: '2026-04-05' }) };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: page }] });
  await router.push('/');
  const wrapper = mount(RouterView, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

const GDZC: ReportIndicatorLine = {
  indicatorId: 3,
  code: 'GDZC',
  name: '固定资产投资',
  measure: '万元',
  kind: 'amount',
  entryMode: 'month',
  reportFrequency: 'quarterly',
  isRequired: false,
  value: null,
  approvedYtdBefore: '4200',
  target: '12000',
};
const WZQY: ReportIndicatorLine = {
  indicatorId: 4,
  code: 'WZQY',
  name: '新设外资企业',
  measure: '家',
  kind: 'count',
  entryMode: 'month',
  reportFrequency: 'optional',
  isRequired: false,
  value: null,
  approvedYtdBefore: '1',
  target: '3',
};

describe('the 月度填报 form with quarterly and optional indicators', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"items":[]}', { status: 200 })),
    );
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should ask only the required figures on submit (blank = not reported)', () => {
    const detail = report([XSLS, GDZC, WZQY], { month: '2026-04' });
    expect(missingValues(detail.lines, formFromReport(detail))).toEqual([1]);
    // in June the quarterly figure is due
    const june = report([XSLS, { ...GDZC, isRequired: true }, WZQY], { month: '2026-06' });
    expect(missingValues(june.lines, formFromReport(june))).toEqual([1, 3]);
  });

  it('should lock a quarterly figure outside its months and say why, and mark an optional one', async () => {
    const wrapper = await mountEditor(report([XSLS, GDZC, WZQY], { month: '2026-04' }));
    expect(wrapper.get('[data-test="value-GDZC"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test="frequency-GDZC"]').text()).toBe('按季度报送，本月无需填报');
    expect(wrapper.get('[data-test="value-WZQY"]').attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-test="frequency-WZQY"]').text()).toContain('不计为0');
    expect(wrapper.find('[data-test="frequency-XSLS"]').exists()).toBe(false);
  });
});
