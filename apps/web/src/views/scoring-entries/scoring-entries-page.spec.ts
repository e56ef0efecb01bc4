import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComponentPublicInstance } from 'vue';
import { createMemoryHistory } from 'vue-router';

import type { CurrentUser, PlanRow, ScoringEntryRow, UnitRow } from '@pacer/shared';

import UnitTreeSelect from '@/components/unit-tree-select.vue';
import { i18n } from '@/locales';
import { createAppRouter } from '@/router';
import { PLAN_CONTEXT_STORAGE_KEY } from '@/stores/plan-context';
import { demoPlan } from '@/test-fixtures/assessment';
import { signInAs } from '@/test-fixtures/session';

import ScoringEntries from './index.vue';

const plan: PlanRow = {
  ...demoPlan,
  scoring: {
    items: [
      {
        code: 'C_QYZE',
        name: '签约项目总投资完成率',
        method: 'completion',
        indicator: 'QYZE',
        weight: '25',
        cap: '1.2',
      },
      {
        code: 'B_W500',
        name: '引进500强企业加分',
        method: 'bonus',
        rules: [{ counter: 'fortune500', points: '2', label: '500强项目' }],
        cap: '6',
      },
      {
        code: 'D_REPORT',
        name: '月报迟报漏报扣分',
        method: 'deduction',
        base: '3',
        floor: '0',
        rules: [
          { counter: 'reportLate', points: '0.5', label: '迟报月报' },
          { counter: 'reportMissing', points: '1', label: '缺报月报' },
        ],
      },
    ],
  },
};

function unit(id: number, name: string, category: string, parentId: number | null = 1): UnitRow {
  return {
    id,
    code: `U${id}`,
    name,
    shortName: null,
    category,
    parentId,
    sortOrder: id,
    isActive: true,
    depth: parentId === null ? 0 : 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

const units = [unit(1, '示范县', 'county', null), unit(3, '青山镇', 'town'), unit(9, '东城街道', 'town')];

function entry(extra: Partial<ScoringEntryRow>): ScoringEntryRow {
  return {
    id: 1,
    planId: 1,
    unitId: 3,
    unitName: '青山镇',
    itemCode: 'D_REPORT',
    itemName: '月报迟报漏报扣分',
    month: '2026-09',
    counter: 'reportLate',
    count: '1',
    points: null,
    reason: '青山镇9月月报逾期3天报送，系统未自动识别，补记迟报一次',
    createdBy: '县投资促进中心 陈卫东',
    createdAt: '2026-10-12T02:00:00.000Z',
    ...extra,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let entries: ScoringEntryRow[];
/** The answers of the next POSTs, in order. */
let postAnswers: Response[];
/** GET /plans/1/months, when a test gives it (else 404: the page falls back to the plan's close day). */
let monthsAnswer: (() => Response) | null = null;

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const route = `${init?.method ?? 'GET'} ${url.pathname}`;
  if (route === 'GET /api/v1/plans') return json({ items: [plan] });
  if (route === 'GET /api/v1/units') return json({ items: units });
  if (route === 'GET /api/v1/plans/1/scoring-entries') return json({ planId: 1, items: entries });
  if (route === 'GET /api/v1/plans/1/months' && monthsAnswer) return monthsAnswer();
  if (route === 'POST /api/v1/plans/1/scoring-entries') return postAnswers.shift()!;
  if (/^DELETE \/api\/v1\/scoring-entries\/\d+$/.test(route)) return new Response(null, { status: 204 });
  return new Response(null, { status: 404 });
});

const callsTo = (method: string, path: string) =>
  fetchMock.mock.calls.filter(
    ([input, init]) =>
      (init?.method ?? 'GET') === method && new URL(String(input), 'http://localhost').pathname === path,
  );

function signIn(roles: CurrentUser['roles']): void {
  signInAs(roles, { username: roles[0]!, displayName: '县投资促进中心 陈卫东' });
}

async function mountPage(path = '/scoring-entries') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(ScoringEntries, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router] },
  });
  await flushPromises();
  return { wrapper, router };
}

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);

/** An Element Plus select (or the unit picker) of the dialog, by its data-test. */
function pick(wrapper: VueWrapper, dataTest: string, value: unknown): void {
  const candidates = [
    ...wrapper.findAllComponents({ name: 'ElSelect' }),
    ...wrapper.findAllComponents(UnitTreeSelect),
  ] as Array<VueWrapper<ComponentPublicInstance>>;
  const select = candidates.find((c) => c.attributes('data-test') === dataTest);
  if (!select) throw new Error(`no select ${dataTest}`);
  select.vm.$emit('update:modelValue', value);
}

/** Types into an Element Plus input: its data-test lands on the <input> or <textarea> itself. */
function type(dataTest: string, value: string): void {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(`[data-test="${dataTest}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** The form item of a field (the unit picker's data-test is on its teleported tree too: skip that one). */
function formItemOf(dataTest: string): Element {
  const controls = [...document.querySelectorAll(`[data-test="${dataTest}"]`)];
  return controls.map((c) => c.closest('.el-form-item')).find((item) => item !== null)!;
}

/** The error under a field of a dialog, found by the field's control (it enters through a transition). */
async function expectFieldError(dataTest: string, message: string): Promise<void> {
  const item = formItemOf(dataTest);
  expect(item.classList).toContain('is-error');
  await vi.waitFor(() =>
    expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe(message),
  );
}

describe('加减分记录', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    localStorage.clear();
    localStorage.setItem(PLAN_CONTEXT_STORAGE_KEY, JSON.stringify({ planId: 1, month: '2026-10' }));
    entries = [
      entry({ id: 1 }),
      entry({
        id: 2,
        month: '2026-11',
        unitId: 9,
        unitName: '东城街道',
        itemCode: 'B_W500',
        itemName: '引进500强企业加分',
        counter: null,
        count: null,
        points: '2',
        reason: '东湖文旅综合体项目投资方系中国企业500强控股子公司，台账未识别，按办法加分',
      }),
    ];
    postAnswers = [];
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    sessionStorage.clear();
    document.body.innerHTML = '';
  });

  it('should list the entries counting in the month, read as counts or points', async () => {
    signIn(['admin']);
    const { wrapper } = await mountPage();
    const table = wrapper.get('[data-test="entries-table"]').text();
    expect(table).toContain('青山镇');
    expect(table).toContain('迟报月报 × 1');
    expect(table).toContain('青山镇9月月报逾期3天报送');
    // the November bonus does not count in October yet
    expect(table).not.toContain('东城街道');
    expect(wrapper.get('[data-test="entries-count"]').text()).toBe('1 条');
    wrapper.unmount();
  });

  it('should offer only the items that take manual entries, and check the form before sending', async () => {
    signIn(['admin']);
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="entry-create"]').trigger('click');
    await flushPromises();
    const offered = [...document.querySelectorAll('[data-test^="entry-item-"]')].map((o) =>
      o.getAttribute('data-test'),
    );
    expect(offered).toEqual(['entry-item-B_W500', 'entry-item-D_REPORT']);

    $('[data-test="entry-submit"]')!.click();
    await flushPromises();
    await expectFieldError('entry-item', '请选择评分项');
    await expectFieldError('entry-unit', '请选择考核单位');
    await expectFieldError('entry-reason', '请填写原因');
    expect(callsTo('POST', '/api/v1/plans/1/scoring-entries')).toHaveLength(0);

    // points instead of a count: the points are required, not the counter
    pick(wrapper, 'entry-item', 'D_REPORT');
    await flushPromises();
    $<HTMLElement>('[data-test="entry-kind-points"] input')!.click();
    await flushPromises();
    pick(wrapper, 'entry-unit', 3);
    type('entry-reason', '   ');
    $('[data-test="entry-submit"]')!.click();
    await flushPromises();
    await expectFieldError('entry-points', '请填写分值');
    await expectFieldError('entry-reason', '请填写原因');
    expect($('[data-test="entry-counter"]')).toBeNull();
    expect(callsTo('POST', '/api/v1/plans/1/scoring-entries')).toHaveLength(0);
    wrapper.unmount();
  });

  it("should show the API's field errors on their fields, then save and say what the change does", async () => {
    signIn(['admin']);
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="entry-create"]').trigger('click');
    await flushPromises();
    pick(wrapper, 'entry-item', 'D_REPORT');
    await flushPromises();
    pick(wrapper, 'entry-counter', 'reportMissing');
    pick(wrapper, 'entry-unit', 3);
    type('entry-count', '1');
    type('entry-reason', '青山镇10月月报未报送，补记缺报一次');
    await flushPromises();

    postAnswers.push(
      json(
        {
          code: 'VALIDATION_FAILED',
          message: '评分项 D_REPORT 不使用计数项 reportMissing',
          messageEn: 'item D_REPORT does not use counter reportMissing',
          requestId: 'req-1',
          details: [
            {
              field: 'counter',
              code: 'unknownCounter',
              message: '评分项 D_REPORT 不使用计数项 reportMissing',
              messageEn: 'item D_REPORT does not use counter reportMissing',
            },
          ],
        },
        422,
      ),
    );
    $('[data-test="entry-submit"]')!.click();
    await flushPromises();
    const [[, sent]] = callsTo('POST', '/api/v1/plans/1/scoring-entries') as [[unknown, RequestInit]];
    expect(JSON.parse(String(sent.body))).toEqual({
      unitId: 3,
      itemCode: 'D_REPORT',
      month: '2026-10',
      counter: 'reportMissing',
      count: '1',
      reason: '青山镇10月月报未报送，补记缺报一次',
    });
    await expectFieldError('entry-counter', '评分项 D_REPORT 不使用计数项 reportMissing');
    expect($('[data-test="entry-error"]')).toBeNull();

    const saved = entry({
      id: 3,
      month: '2026-10',
      counter: 'reportMissing',
      reason: '青山镇10月月报未报送，补记缺报一次',
    });
    postAnswers.push(json(saved, 201));
    entries = [...entries, saved];
    $('[data-test="entry-submit"]')!.click();
    await flushPromises();
    expect(callsTo('POST', '/api/v1/plans/1/scoring-entries')).toHaveLength(2);
    expect(wrapper.get('[data-test="entry-notice"] .el-alert__title').text()).toBe(
      '记录已保存。2026年11月起未关账月份的实时排名已随之变化。2026年10月已关账，排名已冻结：须重新关账后才会计入。',
    );
    expect(wrapper.get('[data-test="entry-notice"] a').attributes('href')).toBe('/months');
    expect(wrapper.get('[data-test="entries-table"]').text()).toContain('缺报月报 × 1');
    wrapper.unmount();
  });

  it('should take the closed months from the months route: a month whose close failed still moves live', async () => {
    // October's close failed: only January–September are frozen
    monthsAnswer = () =>
      json({
        planId: 1,
        year: 2026,
        items: Array.from({ length: 12 }, (_, i) => {
          const month = `2026-${String(i + 1).padStart(2, '0')}`;
          return { month, isOver: i < 11, closedAt: i < 9 ? `${month}-28T01:00:00.000Z` : null };
        }),
      });
    try {
      signIn(['admin']);
      const { wrapper } = await mountPage();
      await wrapper.get('[data-test="entry-delete-1"]').trigger('click');
      await flushPromises();
      type('reason-input', '经复核，青山镇9月月报系按期报送，撤销迟报记录');
      entries = entries.filter((e) => e.id !== 1);
      $('[data-test="reason-confirm"]')!.click();
      await flushPromises();
      expect(callsTo('GET', '/api/v1/plans/1/months')).toHaveLength(1);
      const text = wrapper.get('[data-test="entry-notice"]').text();
      expect(text).toContain('2026年10月起未关账月份的实时排名已随之变化');
      expect(text).toContain('2026年9月已关账');
      expect(text).not.toContain('2026年9月至2026年10月');
      wrapper.unmount();
    } finally {
      monthsAnswer = null;
    }
  });

  it('should delete an entry only with a reason', async () => {
    signIn(['admin']);
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="entry-delete-1"]').trigger('click');
    await flushPromises();
    expect($('[data-test="reason-dialog"]')!.textContent).toContain(
      '删除青山镇「月报迟报漏报扣分」的记录（迟报月报 × 1）',
    );

    $('[data-test="reason-confirm"]')!.click();
    await flushPromises();
    await expectFieldError('reason-input', '请填写原因');
    expect(callsTo('DELETE', '/api/v1/scoring-entries/1')).toHaveLength(0);

    type('reason-input', '经复核，青山镇9月月报系按期报送，撤销迟报记录');
    entries = entries.filter((e) => e.id !== 1);
    $('[data-test="reason-confirm"]')!.click();
    await flushPromises();
    const [[, sent]] = callsTo('DELETE', '/api/v1/scoring-entries/1') as [[unknown, RequestInit]];
    expect(JSON.parse(String(sent.body))).toEqual({
      reason: '经复核，青山镇9月月报系按期报送，撤销迟报记录',
    });
    expect(wrapper.get('[data-test="entry-notice"]').text()).toContain('记录已删除。');
    expect(wrapper.get('[data-test="entry-notice"]').text()).toContain('2026年9月至2026年10月已关账');
    expect(wrapper.get('[data-test="entries-table"]').text()).not.toContain('青山镇9月月报逾期');
    wrapper.unmount();
  });

  it('should show a leader the entries without 新增 or 删除', async () => {
    signIn(['leader']);
    const { wrapper } = await mountPage('/scoring-entries?month=2026-11');
    expect(wrapper.get('[data-test="entries-table"]').text()).toContain('+2 分');
    expect(wrapper.find('[data-test="entry-create"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="entry-delete-1"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('只读：您没有录入权限');
    wrapper.unmount();
  });
});
