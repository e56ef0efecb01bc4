import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { ReportDetail, ReportIndicatorLine } from '@pacer/shared';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';

import ReportEditor from './components/report-editor.vue';

// 月度填报 at 390 px: stacked cards, the numeric keyboard, last month's figure beside the box, the 保存/提交 bar
// at the end of the form, and the 流转记录 folded under it instead of a column beside it.

const QYZE: ReportIndicatorLine = {
  indicatorId: 1,
  code: 'QYZE',
  name: '签约项目总投资',
  measure: '亿元',
  kind: 'amount',
  value: '12000',
  approvedYtdBefore: '180000',
  target: '500000',
};
const XS: ReportIndicatorLine = {
  indicatorId: 8,
  code: 'XS',
  name: '项目线索',
  measure: '条',
  kind: 'count',
  value: null,
  approvedYtdBefore: '13',
  target: '14',
};

function report(extra: Partial<ReportDetail> = {}): ReportDetail {
  return {
    id: 11,
    planId: 1,
    unitId: 2,
    unitCode: 'T01',
    unitName: '城关镇',
    unitCategory: 'town',
    month: '2026-11',
    status: 'returned',
    isLate: false,
    submittedAt: '2026-12-02T02:00:00.000Z',
    approvedAt: null,
    returnedReason: '外出招商批次与台账不符，请核实后重新报送',
    version: 3,
    values: [{ indicatorId: 1, value: '12000' }],
    lines: [QYZE, XS],
    progressText: '赴苏州开展专题招商',
    problemsText: '',
    nextPlanText: '',
    history: [
      { fromStatus: null, toStatus: 'draft', action: 'create', reason: null, userName: '李娜', at: '2026-12-01T01:00:00.000Z' },
      { fromStatus: 'draft', toStatus: 'submitted', action: 'submit', reason: null, userName: '李娜', at: '2026-12-02T02:00:00.000Z' },
      {
        fromStatus: 'submitted',
        toStatus: 'returned',
        action: 'return',
        reason: '外出招商批次与台账不符，请核实后重新报送',
        userName: '周强',
        at: '2026-12-03T03:00:00.000Z',
      },
    ],
    canEdit: true,
    isOwnSubmission: false,
    requiresFourEyes: true,
    ...extra,
  };
}

/** October's approved report of the same unit: last month's figures. */
const october: ReportDetail = report({
  id: 7,
  month: '2026-10',
  status: 'approved',
  returnedReason: null,
  lines: [
    { ...QYZE, value: '8500' },
    { ...XS, value: '2' },
  ],
  history: [],
});

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const route = `${init?.method ?? 'GET'} ${url.pathname}${url.search}`;
  if (route === 'GET /api/v1/plans/1/reports?month=2026-10') {
    return json({
      planId: 1,
      month: '2026-10',
      deadline: '2026-11-05',
      items: [{ ...october, lines: undefined }],
      missingUnitIds: [],
    });
  }
  if (route === 'GET /api/v1/reports/7') return json(october);
  if (route === 'PUT /api/v1/reports/11') {
    return json(
      {
        code: 'VALIDATION_FAILED',
        message: '请求参数不合法',
        details: [{ field: 'values.0.value', message: '签约项目总投资的本月数值不能超过 4 位小数' }],
      },
      400,
    );
  }
  return json({ code: 'NOT_FOUND', message: `unexpected ${route}` }, 404);
});

async function mountEditor(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  const pinia = createPinia();
  setActivePinia(pinia);
  // inside a RouterView, as on the page (the editor guards leaving with unsaved typing)
  const page = { render: () => h(ReportEditor, { report: report(), plan: demoPlan, deadline: '2026-12-05' }) };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: page }] });
  await router.push('/');
  const wrapper = mount(RouterView, {
    global: { plugins: [pinia, i18n, router] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

describe('the report editor on a phone (≤ 768 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockClear();
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should stack one card per indicator with its label and unit instead of the wide table', async () => {
    const wrapper = await mountEditor(390);
    expect(wrapper.find('[data-test="report-lines"]').exists()).toBe(false);
    const cards = wrapper.findAll('.report-card');
    expect(cards).toHaveLength(2);
    expect(wrapper.get('[data-test="card-QYZE"]').text()).toContain('签约项目总投资');
    expect(wrapper.get('[data-test="unit-QYZE"]').text()).toBe('万元');
    expect(wrapper.get('[data-test="unit-XS"]').text()).toBe('条');
  });

  it('should open the numeric keyboard (inputmode decimal) in every figure box', async () => {
    const wrapper = await mountEditor(390);
    for (const code of ['QYZE', 'XS']) {
      const input = wrapper.get(`[data-test="card-${code}"] input`);
      expect(input.attributes('inputmode')).toBe('decimal');
    }
  });

  it("should show last month's figure and the year-to-date beside each box", async () => {
    const wrapper = await mountEditor(390);
    expect(wrapper.get('[data-test="last-QYZE"]').text()).toContain('8,500');
    expect(wrapper.get('[data-test="last-XS"]').text()).toContain('2');
    // 180000 approved before + 12000 typed = 192000 万元 = 19.20 亿元
    expect(wrapper.get('[data-test="ytd-QYZE"]').text()).toContain('19.20');
    expect(wrapper.get('[data-test="ytd-XS"]').text()).toContain('13');
  });

  it('should write the message for a bad figure under its box', async () => {
    const wrapper = await mountEditor(390);
    await wrapper.get('[data-test="card-XS"] input').setValue('1,5');
    const error = wrapper.get('[data-test="value-error-XS"]');
    expect(error.text()).toContain('不要');
    // under the box: the message follows the input inside the same card
    const card = wrapper.get('[data-test="card-XS"]').element;
    const input = card.querySelector('input')!;
    expect(input.compareDocumentPosition(error.element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('should end the form with the 保存/提交 bar and fold the 流转记录 under the form, not beside it', async () => {
    const wrapper = await mountEditor(390);
    expect(wrapper.get('[data-test="report-editor"]').classes()).toContain('is-phone');
    const bar = wrapper.get('[data-test="report-actions"]');
    expect(bar.find('[data-test="report-save"]').exists()).toBe(true);
    expect(bar.find('[data-test="report-submit"]').exists()).toBe(true);
    // the bar is the last thing of the form column: sticky at the bottom, nothing after it to cover
    expect(bar.element.parentElement!.lastElementChild).toBe(bar.element);
    expect(wrapper.find('.report-editor__aside').exists()).toBe(false);
    const history = wrapper.get('[data-test="history-collapse"]');
    expect(history.text()).toContain('流转记录（3 条）');
    expect(history.find('.el-collapse-item.is-active').exists()).toBe(false);
  });

  it('should show the return reason and the server error after 保存 readable on the phone', async () => {
    const wrapper = await mountEditor(390);
    expect(wrapper.get('[data-test="returned-alert"]').text()).toContain('外出招商批次与台账不符');
    await wrapper.get('[data-test="card-QYZE"] input').setValue('12000.5');
    await wrapper.get('[data-test="report-save"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="value-error-QYZE"]').text()).toContain('不能超过 4 位小数');
    expect(wrapper.find('[data-test="report-error"]').exists()).toBe(true);
  });

  it('should keep the desktop table and the history column above 768 px', async () => {
    const wrapper = await mountEditor(1366);
    expect(wrapper.find('[data-test="report-lines"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="report-cards"]').exists()).toBe(false);
    expect(wrapper.find('.report-editor__aside').exists()).toBe(true);
    expect(wrapper.find('[data-test="history-collapse"]').exists()).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
