import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';

import type { ReportDetail, ReportSummaryRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';

import BatchApproveDialog from './batch-approve-dialog.vue';

// 审核, November: 城关镇 and 青山镇 submitted; 青山镇's 实际到位资金 is far above its usual month and was confirmed.

function summary(id: number, unitCode: string, unitName: string): ReportSummaryRow {
  return {
    id,
    planId: 1,
    unitId: id,
    unitCode,
    unitName,
    unitCategory: 'town',
    month: '2026-11',
    status: 'submitted',
    isLate: false,
    submittedAt: '2026-12-03T01:00:00.000Z',
    approvedAt: null,
    returnedReason: null,
    version: 4,
    flags: [],
  };
}

function detail(row: ReportSummaryRow, dwzj: string, flagged = false): ReportDetail {
  return {
    ...row,
    flags: flagged ? [{ indicatorId: 2, code: 'farAboveUsual', value: dwzj, reference: '300' }] : [],
    values: [
      { indicatorId: 1, value: '3' },
      { indicatorId: 2, value: dwzj },
    ],
    lines: [
      {
        indicatorId: 1,
        code: 'XS',
        name: '项目线索',
        measure: '条',
        kind: 'count',
        value: '3',
        approvedYtdBefore: '20',
        target: '40',
      },
      {
        indicatorId: 2,
        code: 'DWZJ',
        name: '实际到位资金',
        measure: '亿元',
        kind: 'amount',
        value: dwzj,
        approvedYtdBefore: '9000',
        target: '20000',
      },
    ],
    history: [],
    progressText: '本月接洽客商5批次',
    problemsText: '',
    nextPlanText: '',
    canEdit: false,
    isOwnSubmission: false,
    requiresFourEyes: true,
  } as ReportDetail;
}

const T01 = summary(260, 'T01', '城关镇');
const T02 = summary(261, 'T02', '青山镇');
const sent: unknown[] = [];
let approveAnswer: () => Response;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const path = new URL(String(input), 'http://localhost').pathname;
  if (path === '/api/v1/reports/260') return json(detail(T01, '1200'));
  if (path === '/api/v1/reports/261') return json(detail(T02, '4800', true));
  if (path === '/api/v1/plans/1/reports/approve' && init?.method === 'POST') {
    sent.push(JSON.parse(String(init.body)));
    return approveAnswer();
  }
  return new Response(null, { status: 404 });
});

async function mountDialog() {
  const wrapper = mount(BatchApproveDialog, {
    props: { plan: demoPlan, reports: [T01, T02], modelValue: false },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  await nextTick();
  return wrapper;
}

describe('批量审核 dialog', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    sent.length = 0;
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should show the reports side by side with the flagged figure marked, then approve them in one call', async () => {
    approveAnswer = () => json({ items: [detail(T01, '1200'), detail(T02, '4800', true)] });
    const wrapper = await mountDialog();
    const text = document.body.textContent ?? '';
    expect(text).toContain('城关镇');
    expect(text).toContain('青山镇');
    expect(text).toContain('其中 1 份月报有填报人确认过的偏大数值');
    const flagged = document.querySelector('[data-test="batch-T02-DWZJ"]')!;
    expect(flagged.classList.contains('batch-approve__flagged')).toBe(true);
    expect(
      document.querySelector('[data-test="batch-T01-DWZJ"]')!.classList.contains('batch-approve__flagged'),
    ).toBe(false);
    (document.querySelector('[data-test="batch-approve-confirm"]') as HTMLButtonElement).click();
    await flushPromises();
    expect(sent).toEqual([
      {
        items: [
          { id: 260, version: 4 },
          { id: 261, version: 4 },
        ],
      },
    ]);
    expect(wrapper.emitted('approved')).toEqual([[2]]);
    wrapper.unmount();
  });

  it('should say plainly that nothing was approved when the API refuses one', async () => {
    approveAnswer = () =>
      json(
        {
          code: 'FOUR_EYES_REQUIRED',
          message: '批量审核未执行（全部未通过）：青山镇的月报：提交人不能审核本人提交的月报',
          messageEn: 'Nothing was approved',
          details: [{ field: 'items.1', code: 'FOUR_EYES_REQUIRED', message: '青山镇的月报', messageEn: '' }],
        },
        409,
      );
    const wrapper = await mountDialog();
    (document.querySelector('[data-test="batch-approve-confirm"]') as HTMLButtonElement).click();
    await flushPromises();
    const failure = document.querySelector('[data-test="batch-approve-failure"]')!.textContent ?? '';
    expect(failure).toContain('未审核通过任何月报');
    expect(failure).toContain('青山镇');
    expect(wrapper.emitted('approved')).toBeUndefined();
    wrapper.unmount();
  });
});
