import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';

import { i18n, setLocale } from '@/locales';

import MoneyText from './money-text.vue';

function render(props: InstanceType<typeof MoneyText>['$props']) {
  return mount(MoneyText, { props, global: { plugins: [i18n] } });
}

describe('MoneyText', () => {
  afterEach(() => setLocale('zh-CN'));

  it('should show a 万元 amount as 亿元 with 2 decimals and the unit', () => {
    const wrapper = render({ value: '3000000' });
    expect(wrapper.find('.money-text__value').text()).toBe('300.00');
    expect(wrapper.find('.money-text__unit').text()).toBe('亿元');
  });

  it('should show 万元 when asked', () => {
    const wrapper = render({ value: '3000000', unit: '万元' });
    expect(wrapper.text()).toBe('3,000,000万元');
  });

  it('should keep the exact stored figure in the title', () => {
    const wrapper = render({ value: '123456789.5' });
    expect(wrapper.text()).toContain('12,345.68');
    expect(wrapper.attributes('title')).toBe('123,456,789.5 万元');
  });

  it('should show a dash and no unit when the value is missing', () => {
    const wrapper = render({ value: null });
    expect(wrapper.text()).toBe('—');
    expect(wrapper.find('.money-text__unit').exists()).toBe(false);
  });
});
