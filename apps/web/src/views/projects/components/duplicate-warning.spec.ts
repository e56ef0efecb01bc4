import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';

import type { DuplicateCandidate } from '@pacer/shared';

import { i18n } from '@/locales';

import DuplicateWarning from './duplicate-warning.vue';

const candidates: DuplicateCandidate[] = [
  {
    projectId: 15,
    code: 'XM2026-000015',
    name: '精密零部件加工项目',
    investorName: '苏州博远精密机械有限公司',
    unitName: '桥头镇',
    agreedInvestmentWan: '12000',
    signedDate: '2026-05-10',
    reason: 'same_credit_code',
    rules: [],
  },
  {
    projectId: 16,
    code: 'XM2026-000016',
    name: '博远精密零部件生产项目',
    investorName: '苏州博远精密机械有限公司',
    unitName: '县工业和信息化局',
    agreedInvestmentWan: '12500',
    signedDate: null,
    reason: 'similar_name_and_amount',
    rules: ['other_unit'],
  },
];

function mountWarning(list: DuplicateCandidate[], isChecking = false) {
  const acknowledged = ref(false);
  const Host = defineComponent(
    () => () =>
      h(DuplicateWarning, {
        candidates: list,
        isChecking,
        acknowledged: acknowledged.value,
        'onUpdate:acknowledged': (v: boolean) => (acknowledged.value = v),
      }),
  );
  const wrapper = mount(Host, { global: { plugins: [i18n] } });
  return { wrapper, acknowledged };
}

describe('DuplicateWarning', () => {
  it('should say which unit registered the same investor before saving, and list every candidate', () => {
    const { wrapper } = mountWarning(candidates);
    const text = wrapper.get('[data-test="duplicate-warning"]').text();
    expect(text).toContain('可能重复：桥头镇 已登记同一统一社会信用代码的项目（共 2 个疑似项目）');
    const items = wrapper.findAll('[data-test="duplicate-item"]').map((li) => li.text());
    expect(items).toHaveLength(2);
    expect(items[0]).toContain(
      '桥头镇：精密零部件加工项目（XM2026-000015，苏州博远精密机械有限公司，1.20亿元）',
    );
    expect(items[0]).toContain('签约于 2026-05-10');
    expect(items[0]).toContain('信用代码相同');
    expect(items[1]).toContain('县工业和信息化局');
    expect(items[1]).toContain('投资方相同、名称金额相近');
  });

  it('should let the user continue deliberately by ticking that they checked', async () => {
    const { wrapper, acknowledged } = mountWarning(candidates);
    expect(acknowledged.value).toBe(false);
    await wrapper.get('[data-test="duplicate-ack"] input').setValue(true);
    expect(acknowledged.value).toBe(true);
  });

  it('should show nothing without candidates, or a quiet note while checking', () => {
    expect(mountWarning([]).wrapper.find('[data-test="duplicate-warning"]').exists()).toBe(false);
    expect(mountWarning([], true).wrapper.text()).toContain('正在检查是否重复登记');
  });
});
