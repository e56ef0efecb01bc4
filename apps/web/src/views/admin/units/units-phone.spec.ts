import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { UnitRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import UnitsPage from './index.vue';

// 单位管理 on a phone (issue 13, ≤ 768 px): the county's tree as cards in tree order, indented by depth, with 编辑 and
// 新增下级 as 44 px buttons; the unit dialog full screen. The desktop keeps its tree table.

function unit(id: number, code: string, name: string, parentId: number | null, depth: number, extra: Partial<UnitRow> = {}): UnitRow {
  return {
    id,
    code,
    name,
    shortName: null,
    category: depth === 0 ? 'county' : 'town',
    parentId,
    sortOrder: id,
    isActive: true,
    depth,
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
    version: 1,
    ...extra,
  };
}

// depth-first, as GET /units lists them
const UNITS: UnitRow[] = [
  unit(1, 'XIAN', '示范县', null, 0),
  unit(2, 'T01', '城关镇', 1, 1, { shortName: '城关' }),
  unit(5, 'T01-C1', '城关镇东街社区', 2, 2, { category: 'other' }),
  unit(3, 'T02', '柳林乡', 1, 1, { isActive: false }),
];

async function mountAt(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  signInAs(['sysadmin'], { username: 'sysadmin', displayName: '系统管理员 冯涛' });
  setActivePinia(createPinia());
  const wrapper = mount(UnitsPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('单位管理 on a phone (390 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    sessionStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(
        async () =>
          new Response(JSON.stringify({ items: UNITS }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should list the units as cards in tree order, indented by depth', async () => {
    const wrapper = await mountAt(390);
    expect(wrapper.find('[data-test="unit-table"]').exists()).toBe(false);
    const cards = wrapper.findAll('.unit-card');
    expect(cards.map((c) => c.attributes('data-test'))).toEqual([
      'unit-card-XIAN',
      'unit-card-T01',
      'unit-card-T01-C1',
      'unit-card-T02',
    ]);
    expect(cards.map((c) => (c.element as HTMLElement).style.marginLeft)).toEqual(['0px', '12px', '24px', '12px']);
    expect(cards[1]!.text()).toContain('T01');
    expect(cards[1]!.text()).toContain('城关');
    expect(cards[3]!.get('.unit-card__name').classes()).toContain('is-inactive');
    // no 全部展开/全部收起 on the flat list
    expect(wrapper.text()).not.toContain('全部展开');
    expect(wrapper.text()).not.toContain('全部收起');
    wrapper.unmount();
  });

  it('should find a unit by the search box on the cards too', async () => {
    const wrapper = await mountAt(390);
    await wrapper.get('input[data-test="unit-search"]').setValue('柳林');
    await flushPromises();
    const names = wrapper.findAll('.unit-card__name').map((n) => n.text());
    expect(names).toContain('柳林乡');
    expect(names).not.toContain('城关镇东街社区');
    wrapper.unmount();
  });

  it('should open 新增下级 full screen with the parent chosen and the labels above the boxes', async () => {
    const wrapper = await mountAt(390);
    const card = wrapper.get('[data-test="unit-card-T01"]');
    expect(card.get('[data-test="unit-add-child-T01"]').classes()).not.toContain('is-link');
    await card.get('[data-test="unit-add-child-T01"]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('[data-test="unit-dialog"]');
    expect(dialog?.classList.contains('is-fullscreen')).toBe(true);
    expect(dialog?.querySelector('.el-form')?.classList.contains('el-form--label-top')).toBe(true);
    expect(dialog?.textContent).toContain('城关镇');
    wrapper.unmount();
  });

  it('should keep the tree table on a 1366 px desktop', async () => {
    const wrapper = await mountAt(1366);
    expect(wrapper.find('[data-test="unit-table"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="unit-cards"]').exists()).toBe(false);
    await wrapper.get('[data-test="unit-edit-T01"]').trigger('click');
    await flushPromises();
    expect(document.body.querySelector('[data-test="unit-dialog"]')?.classList.contains('is-fullscreen')).toBe(false);
    wrapper.unmount();
  });
});
