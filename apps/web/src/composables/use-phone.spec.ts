import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';

import { fakeMatchMedia } from '@/test-fixtures/match-media';

import { PHONE_QUERY, usePhone } from './use-phone';

const Probe = defineComponent({
  setup() {
    const isPhone = usePhone();
    return () => h('span', { 'data-test': 'probe' }, isPhone.value ? 'phone' : 'desktop');
  },
});

describe('usePhone (the ≤ 768 px breakpoint)', () => {
  const original = window.matchMedia;
  afterEach(() => {
    window.matchMedia = original;
  });

  it('should ask for max-width 768px', () => {
    expect(PHONE_QUERY).toBe('(max-width: 768px)');
  });

  it('should answer phone at 390 px and desktop at 1366 px', () => {
    const media = fakeMatchMedia(390);
    window.matchMedia = media.matchMedia;
    expect(mount(Probe).text()).toBe('phone');
    const wide = fakeMatchMedia(1366);
    window.matchMedia = wide.matchMedia;
    expect(mount(Probe).text()).toBe('desktop');
  });

  it('should count exactly 768 px as a phone and 769 px as desktop', () => {
    const media = fakeMatchMedia(768);
    window.matchMedia = media.matchMedia;
    const wrapper = mount(Probe);
    expect(wrapper.text()).toBe('phone');
    media.setWidth(769);
    return nextTick().then(() => expect(wrapper.text()).toBe('desktop'));
  });

  it('should follow a rotation or resize across the breakpoint and stop listening on unmount', async () => {
    const media = fakeMatchMedia(1366);
    window.matchMedia = media.matchMedia;
    const wrapper = mount(Probe);
    expect(wrapper.text()).toBe('desktop');
    media.setWidth(390);
    await nextTick();
    expect(wrapper.text()).toBe('phone');
    expect(media.listenerCount()).toBe(1);
    wrapper.unmount();
    expect(media.listenerCount()).toBe(0);
  });

  it('should answer desktop where the browser has no matchMedia', () => {
    // @ts-expect-error: simulating an environment without matchMedia
    window.matchMedia = undefined;
    expect(mount(Probe).text()).toBe('desktop');
  });
});
