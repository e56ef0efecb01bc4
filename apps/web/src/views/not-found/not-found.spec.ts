import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import { i18n } from '@/locales';
import { createAppRouter } from '@/router';

import NotFound from './index.vue';

describe('NotFound view', () => {
  it('should render the Chinese message and a link back home', async () => {
    const router = createAppRouter(createMemoryHistory());
    await router.push('/no/such/page');
    const wrapper = mount(NotFound, { global: { plugins: [i18n, router] } });

    expect(wrapper.find('h1').text()).toBe('页面不存在');
    expect(wrapper.text()).toContain('您访问的页面不存在或已被移除');
    const link = wrapper.get('[data-test="back-home"]');
    expect(link.text()).toBe('返回首页');
    expect(link.attributes('href')).toBe('/');
  });

  it('should be what the router shows for an unknown address', async () => {
    const router = createAppRouter(createMemoryHistory());
    await router.push('/no/such/page');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('not-found');
    expect(router.currentRoute.value.params.pathMatch).toEqual(['no', 'such', 'page']);
  });
});
