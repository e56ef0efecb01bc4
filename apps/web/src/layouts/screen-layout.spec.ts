import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/locales';

import ScreenLayout from './screen-layout.vue';

describe('ScreenLayout', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    Reflect.deleteProperty(document, 'fullscreenEnabled');
  });

  it('should ask the browser for full screen, and go back when asked', async () => {
    Object.defineProperty(document, 'fullscreenEnabled', { value: true, configurable: true });
    const request = vi.fn().mockResolvedValue(undefined);
    document.documentElement.requestFullscreen = request;

    const wrapper = mount(ScreenLayout, { props: { title: '大屏' }, global: { plugins: [i18n] } });
    expect(document.documentElement.classList.contains('is-screen')).toBe(true);
    await wrapper.get('[data-test="screen-fullscreen"]').trigger('click');
    expect(request).toHaveBeenCalledTimes(1);

    await wrapper.get('[data-test="screen-back"]').trigger('click');
    expect(wrapper.emitted('back')).toHaveLength(1);
    wrapper.unmount();
    expect(document.documentElement.classList.contains('is-screen')).toBe(false);
  });

  it('should hide the full-screen button where the browser has none', () => {
    Object.defineProperty(document, 'fullscreenEnabled', { value: false, configurable: true });
    const wrapper = mount(ScreenLayout, { props: { title: '大屏' }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-test="screen-fullscreen"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
