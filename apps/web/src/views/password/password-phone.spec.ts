import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';

import { i18n } from '@/locales';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import PasswordPage from './index.vue';

// 修改密码 on a phone (issue 13, ≤ 768 px): the language switch above the card (as the login does), not on it, and the
// buttons span the card; a desktop keeps the centred card with the switch in its corner.

async function mountPassword(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  signInAs(['reporter'], { id: 21, username: 'chengguan', displayName: '城关镇填报员 李娜' });
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/password', component: PasswordPage },
      { path: '/:rest(.*)*', component: { render: () => null } },
    ],
  });
  await router.push('/password');
  const wrapper = mount(PasswordPage, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

describe('修改密码 on a phone (390 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    sessionStorage.clear();
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should give 修改密码 its phone layout (the language switch above the card) only on the phone', async () => {
    const phone = await mountPassword(390);
    expect(phone.get('[data-test="password-page"]').classes()).toContain('is-phone');
    expect(phone.find('[data-test="password-submit"]').exists()).toBe(true);
    phone.unmount();
    document.body.innerHTML = '';
    const desktop = await mountPassword(1366);
    expect(desktop.get('[data-test="password-page"]').classes()).not.toContain('is-phone');
    desktop.unmount();
  });
});
