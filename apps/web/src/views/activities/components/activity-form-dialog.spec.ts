import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';

import type { UnitRow } from '@pacer/shared';
import { businessDate } from '@pacer/shared';

import { i18n } from '@/locales';

import ActivityFormDialog from './activity-form-dialog.vue';

const api = vi.hoisted(() => ({
  createActivity: vi.fn(),
  updateActivity: vi.fn(),
  fetchActivity: vi.fn(),
  suggestInvestors: vi.fn(),
  suggestLeads: vi.fn(),
  fetchChainChoices: vi.fn(),
}));
vi.mock('@/api/activities', () => api);

const unit = (id: number, name: string): UnitRow =>
  ({
    id,
    code: `T0${id}`,
    name,
    shortName: null,
    category: 'town',
    parentId: null,
    sortOrder: id,
    isActive: true,
    version: 1,
  }) as unknown as UnitRow;

describe('ActivityFormDialog (记一次活动)', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    api.createActivity
      .mockReset()
      .mockImplementation(async (body) => ({ ...body, id: 9, code: 'HD2026-000009' }));
    api.suggestInvestors.mockReset().mockResolvedValue([]);
    api.suggestLeads.mockReset().mockResolvedValue([]);
    // no 产业链 on this server: the chain field stays hidden
    api.fetchChainChoices.mockReset().mockResolvedValue([]);
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function open() {
    const visible = ref(false);
    const saved = vi.fn();
    const Host = defineComponent(
      () => () =>
        h(ActivityFormDialog, {
          modelValue: visible.value,
          'onUpdate:modelValue': (v: boolean) => (visible.value = v),
          activity: null,
          organiserUnits: [unit(2, '城关镇')],
          allUnits: [unit(2, '城关镇'), unit(3, '青山镇')],
          defaultUnitId: 2,
          onSaved: saved,
        }),
    );
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
    visible.value = true;
    await flushPromises();
    return { wrapper, saved, visible };
  }

  const input = (placeholder: string) =>
    document.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"]`)!;
  async function type(placeholder: string, value: string) {
    const el = input(placeholder);
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await nextTick();
  }

  it('should log a trip with today, the own unit and 外出招商, the companies typed, in one save', async () => {
    const { saved, visible } = await open();
    // the one unit the clerk organises for is shown, not asked
    expect(document.body.textContent).toContain('城关镇');
    await type('如 江苏省常州市、县行政中心', '江苏省苏州市');
    await type('如 王建国', '李娜');
    await type('输入企业名称，回车添加', '苏州汇川精密机械有限公司');
    input('输入企业名称，回车添加').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await nextTick();
    expect(document.querySelectorAll('[data-test="activity-company"]')).toHaveLength(1);

    document.querySelector<HTMLButtonElement>('[data-test="activity-save"]')!.click();
    await flushPromises();
    expect(api.createActivity).toHaveBeenCalledTimes(1);
    expect(api.createActivity.mock.calls[0]![0]).toMatchObject({
      kind: 'outbound',
      unitId: 2,
      startDate: businessDate(new Date()),
      place: '江苏省苏州市',
      leadingOfficial: '李娜',
      title: '外出招商：苏州汇川精密机械有限公司',
      companies: [{ name: '苏州汇川精密机械有限公司', creditCode: null, note: null }],
      ledByCountyLeader: false,
    });
    expect(api.createActivity.mock.calls[0]![0]).toMatchObject({ chainId: null, leads: [] });
    expect(document.querySelector('[data-test="activity-chain"]')).toBeNull();
    expect(saved).toHaveBeenCalledTimes(1);
    expect(visible.value).toBe(false);
  });

  it('should not send without the place and the leading official', async () => {
    await open();
    document.querySelector<HTMLButtonElement>('[data-test="activity-save"]')!.click();
    await flushPromises();
    expect(api.createActivity).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(document.body.textContent).toContain('请填写地点'));
  });
});
