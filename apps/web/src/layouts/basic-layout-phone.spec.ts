import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';

import { i18n } from '@/locales';
import { useAuthStore } from '@/stores/auth';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import BasicLayout from './basic-layout.vue';

// The phone shell (≤ 768 px): a top bar with the menu button, the page title and the bell, the menu in a slide-out
// drawer, no sidebar. Above 768 px the desktop layout stays as it is.

const Page = { template: '<div data-test="page">月度填报页面</div>' };

async function mountLayout(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  signInAs(['reporter'], { id: 12, username: 'qingshan', displayName: '王海峰', units: [{ id: 3, code: 'T02', name: '青山镇' }] });
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      {
        path: '/',
        component: BasicLayout,
        children: [
          { path: 'reports', component: Page, meta: { titleKey: 'menu.reports' } },
          { path: 'projects', component: Page, meta: { titleKey: 'menu.projects' } },
        ],
      },
    ],
  });
  await router.push('/reports');
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}

describe('the basic layout on a phone', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    sessionStorage.clear();
    i18n.global.locale.value = 'zh-CN';
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ unread: 0 }), { headers: { 'Content-Type': 'application/json' } })),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should show a top bar with the menu button, the page title and the bell, and no sidebar', async () => {
    const { wrapper } = await mountLayout(390);
    expect(wrapper.find('[data-test="phone-shell"]').exists()).toBe(true);
    expect(wrapper.find('.layout__aside').exists()).toBe(false);
    expect(wrapper.get('[data-test="phone-title"]').text()).toBe('月度填报');
    expect(wrapper.find('[data-test="phone-menu"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="notification-bell"]').exists()).toBe(true);
    expect(wrapper.get('[data-test="page"]').text()).toBe('月度填报页面');
    wrapper.unmount();
  });

  it('should slide the menu out on the button and close it after navigating', async () => {
    const { wrapper, router } = await mountLayout(390);
    const menuDrawer = () =>
      wrapper
        .findAllComponents({ name: 'ElDrawer' })
        .find((c) => (c.vm.$attrs as Record<string, unknown>)['data-test'] === 'phone-menu-drawer')!;
    expect(menuDrawer().props('modelValue')).toBe(false);
    await wrapper.get('[data-test="phone-menu"]').trigger('click');
    await flushPromises();
    expect(menuDrawer().props('modelValue')).toBe(true);
    const nav = document.body.querySelector('[data-test="phone-menu-drawer"]');
    expect(nav?.textContent).toContain('王海峰');
    expect(nav?.textContent).toContain('退出登录');
    await router.push('/projects');
    await flushPromises();
    expect(wrapper.get('[data-test="phone-title"]').text()).toBe('项目台账');
    // the drawer's v-model is false again (Element Plus keeps the closed drawer in the DOM, hidden)
    expect(menuDrawer().props('modelValue')).toBe(false);
    wrapper.unmount();
  });

  it('should keep the desktop sidebar layout above 768 px', async () => {
    const { wrapper } = await mountLayout(1366);
    expect(wrapper.find('[data-test="phone-shell"]').exists()).toBe(false);
    expect(wrapper.find('.layout__aside').exists()).toBe(true);
    expect(wrapper.find('[data-test="menu-toggle"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
