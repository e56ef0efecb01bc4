import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import ProjectsPage from './index.vue';

// 项目分成计入 links to `/projects?projectId=9` and 分成待确认 to `/projects?view=pending-shares` (issue 13, point 2):
// the project's detail (or the pending shares) opens, also when 城关镇's reporter is on 项目台账 already when she taps
// the notice on her phone.

const requested: string[] = [];

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  requested.push(url.pathname);
  if (url.pathname === '/api/v1/plans') return json({ items: [demoPlan] });
  if (url.pathname === '/api/v1/units') return json({ items: [] });
  if (url.pathname === '/api/v1/projects/pending-shares') return json({ items: [] });
  if (url.pathname === '/api/v1/projects') return json({ items: [], total: 0, page: 1, pageSize: 20 });
  // the detail itself is not what this spec looks at: an error keeps the drawer empty
  return new Response(JSON.stringify({ code: 'NOT_FOUND', message: '项目不存在' }), {
    status: 404,
    headers: { 'Content-Type': 'application/json' },
  });
});

async function mountAt(path: string) {
  window.matchMedia = fakeMatchMedia(390).matchMedia;
  signInAs(['reporter'], {
    id: 21,
    username: 'chengguan',
    displayName: '城关镇填报员 李娜',
    units: [{ id: 2, code: 'T01', name: '城关镇' }],
  });
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/projects', component: { render: () => h(ProjectsPage) } },
      { path: '/:rest(.*)*', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const wrapper = mount(RouterView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

describe('项目台账 opened from a notice', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    requested.length = 0;
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it("should open the linked project's detail on arrival", async () => {
    const { wrapper } = await mountAt('/projects?projectId=9');
    expect(requested).toContain('/api/v1/projects/9');
    wrapper.unmount();
  });

  it('should open the project of a notice followed while the ledger is open', async () => {
    const { wrapper, router } = await mountAt('/projects');
    expect(requested).not.toContain('/api/v1/projects/9');
    await router.push('/projects?projectId=9');
    await flushPromises();
    expect(requested).toContain('/api/v1/projects/9');
    expect(document.body.querySelector('[data-test="project-drawer"]')).not.toBeNull();
    wrapper.unmount();
  });

  it('should open the pending shares of a notice followed while the ledger is open', async () => {
    const { wrapper, router } = await mountAt('/projects');
    const pendingCalls = () => requested.filter((p) => p === '/api/v1/projects/pending-shares').length;
    const before = pendingCalls();
    await router.push('/projects?view=pending-shares');
    await flushPromises();
    // the drawer lists them (its own call)
    expect(pendingCalls()).toBeGreaterThan(before);
    wrapper.unmount();
  });
});
