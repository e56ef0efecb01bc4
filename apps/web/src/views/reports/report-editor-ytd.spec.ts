import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { ReportDetail, ReportIndicatorLine } from '@pacer/shared';

import { buildPutBody, formFromReport, lineFigures } from '@/components/report/report-form';
import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';

import ReportEditor from './components/report-editor.vue';

// Issue 16 rule 10: 实际到位资金 entered as 累计 — the form shows the 累计 box, last month's approved 累计 beside it
// and the month Pacer derives; a 累计 below the approved one asks for the correction's reason.

const DWZJ: ReportIndicatorLine = {
  indicatorId: 2,
  code: 'DWZJ',
  name: '实际到位资金',
  measure: '万元',
  kind: 'amount',
  entryMode: 'ytd',
  value: null,
  ytd: null,
  correctionReason: null,
  approvedYtdBefore: '800',
  target: '2000',
};
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

describe('the form of a 累计 indicator (pure)', () => {
  it('fills the 累计 box from the saved 累计 and sends it as `ytd` (the reason only for a correction)', () => {
    const saved = report([XSLS, { ...DWZJ, value: '-50', ytd: '750', correctionReason: '统计局核减' }]);
    const form = formFromReport(saved);
    expect(form.values[2]).toBe('750');
    expect(form.reasons?.[2]).toBe('统计局核减');
    form.values[1] = '3';
    expect(buildPutBody(saved.lines, form, 2).body.values).toEqual([
      { indicatorId: 1, value: '3' },
      { indicatorId: 2, ytd: '750', correctionReason: '统计局核减' },
    ]);
    // 累计 900 is no correction: no reason sent
    form.values[2] = '900';
    expect(buildPutBody(saved.lines, form, 2).body.values[1]).toEqual({ indicatorId: 2, ytd: '900' });
  });

  it('takes the 累计 typed as the year-to-date (not added to the approved months)', () => {
    expect(lineFigures(DWZJ, '1000').ytd).toBe('1000');
    expect(lineFigures(DWZJ, '1000').completion).toBe('0.5');
    expect(lineFigures(XSLS, '4').ytd).toBe('10');
  });
});

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

describe('the 月度填报 form with a 累计 indicator', () => {
  const originalMatchMedia = window.matchMedia;
  let puts: Array<Record<string, unknown>>;
  let answer: () => Response;
  beforeEach(() => {
    puts = [];
    answer = () => new Response('{"items":[]}', { status: 200 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') puts.push(JSON.parse(String(init.body)));
        return answer();
      }),
    );
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should show last month’s 累计 and the derived month, and ask the reason only below it', async () => {
    const wrapper = await mountEditor(report([XSLS, DWZJ]));
    expect(wrapper.get('[data-test="value-DWZJ"]').attributes('placeholder')).toBe('本年累计数');
    expect(wrapper.get('[data-test="value-XSLS"]').attributes('placeholder')).toBe('本月新增数');
    expect(wrapper.get('[data-test="figures-hint"]').text()).toContain('标“累计”的指标填写本年累计数');
    await wrapper.get('[data-test="value-DWZJ"]').setValue('1250.5');
    const hint = wrapper.get('[data-test="ytd-entry-DWZJ"]').text();
    expect(hint).toContain('上月累计');
    expect(hint).toContain('800');
    expect(hint).toContain('450.5');
    expect(wrapper.find('[data-test="reason-DWZJ"]').exists()).toBe(false);
    // the year-to-date column is the 累计 itself
    expect(wrapper.get('[data-test="ytd-DWZJ"]').text()).toContain('1,250.5');

    await wrapper.get('[data-test="value-DWZJ"]').setValue('750');
    expect(wrapper.get('[data-test="ytd-entry-DWZJ"]').text()).toContain('-50');
    expect(wrapper.find('[data-test="reason-DWZJ"]').exists()).toBe(true);
  });

  it('should send the 累计 with its reason, and put the API’s refusal beside the field', async () => {
    const wrapper = await mountEditor(report([XSLS, DWZJ]));
    await wrapper.get('[data-test="value-XSLS"]').setValue('2');
    await wrapper.get('[data-test="value-DWZJ"]').setValue('750');
    answer = () =>
      new Response(
        JSON.stringify({
          code: 'BUSINESS_RULE',
          message: '实际到位资金累计750低于此前已审核的累计800，请填写更正原因',
          messageEn: 'below',
          details: [
            {
              field: 'values.1.correctionReason',
              code: 'ytdBelowApproved',
              message: '实际到位资金累计750低于此前已审核的累计800，请填写更正原因',
              messageEn: 'below',
            },
          ],
        }),
        { status: 422, headers: { 'content-type': 'application/json' } },
      );
    await wrapper.get('[data-test="report-save"]').trigger('click');
    await flushPromises();
    expect(puts[0]!.values).toEqual([
      { indicatorId: 1, value: '2' },
      { indicatorId: 2, ytd: '750' },
    ]);
    expect(wrapper.get('[data-test="value-error-DWZJ"]').text()).toContain('请填写更正原因');

    await wrapper.get('[data-test="reason-DWZJ"]').setValue('统计局核减2月数据');
    await wrapper.get('[data-test="report-save"]').trigger('click');
    await flushPromises();
    expect(puts[1]!.values).toEqual([
      { indicatorId: 1, value: '2' },
      { indicatorId: 2, ytd: '750', correctionReason: '统计局核减2月数据' },
    ]);
  });

  it('should show the reviewer the 累计 and the correction’s reason on a submitted report', async () => {
    const wrapper = await mountEditor(
      report([XSLS, { ...DWZJ, value: '-50', ytd: '750', correctionReason: '统计局核减2月数据' }], {
        status: 'submitted',
        canEdit: false,
      }),
    );
    expect(wrapper.get('[data-test="ytd-entry-DWZJ"]').text()).toContain('750');
    expect(wrapper.get('[data-test="reason-DWZJ"]').text()).toContain('统计局核减2月数据');
  });
});
