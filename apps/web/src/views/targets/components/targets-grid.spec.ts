import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { IndicatorRow, TargetsResponse, UnitRow } from '@pacer/shared';

import { i18n } from '@/locales';

import TargetsGrid from './targets-grid.vue';

// The route-leave guard needs a router; this test is about the grid.
vi.mock('vue-router', () => ({ onBeforeRouteLeave: () => undefined }));

function unit(id: number, code: string, name: string, parentId: number | null, depth: number): UnitRow {
  return {
    id,
    code,
    name,
    shortName: null,
    category: 'town',
    parentId,
    sortOrder: id,
    isActive: true,
    depth,
    createdAt: '',
    updatedAt: '',
    version: 1,
  };
}

const W500: IndicatorRow = {
  id: 4,
  planId: 1,
  code: 'W500',
  name: '新引进500强项目',
  measure: '个',
  kind: 'count',
  source: 'ledger',
  ledgerRule: { measure: 'count', event: 'signed', fortune500: true },
  formula: null,
  weight: '10',
  cap: '1.2',
  isScored: true,
  isHeadline: true,
  sortOrder: 40,
  description: null,
  entryMode: 'month',
  reportFrequency: 'monthly',
  version: 1,
};
const QYZE: IndicatorRow = {
  ...W500,
  id: 1,
  code: 'QYZE',
  name: '签约项目总投资',
  measure: '亿元',
  kind: 'amount',
  sortOrder: 10,
};

const units = [
  unit(1, 'XIAN', '示范县', null, 0),
  unit(2, 'P01', '县经济开发区', 1, 1),
  unit(3, 'P02', '县高新区', 1, 1),
];

const targets: TargetsResponse = {
  planId: 1,
  items: [
    { unitId: 1, indicatorId: 4, value: '6', version: 1 },
    { unitId: 2, indicatorId: 4, value: '2', version: 1 },
    { unitId: 3, indicatorId: 4, value: '3', version: 1 },
    { unitId: 1, indicatorId: 1, value: '3000000', version: 1 },
    { unitId: 2, indicatorId: 1, value: '900000', version: 1 },
  ],
  decomposition: [],
};

function mountGrid(extra: { ownFigures?: 'none' | 'parents' | 'root' } = {}) {
  return mount(TargetsGrid, {
    props: {
      ...extra,
      planId: 1,
      units,
      rootUnitId: 1,
      indicators: [QYZE, W500],
      targets,
      canEdit: true,
      displayDecimals: 2,
    },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

describe('TargetsGrid', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should show 分解不足 in red under the parent, and clear it as soon as a child is raised', async () => {
    const wrapper = mountGrid();
    await flushPromises();
    const sumCell = () => wrapper.get('[data-test="sum-1-W500"]').element.closest('td')!;
    expect(wrapper.get('[data-test="sum-1-W500"]').text()).toBe('5');
    expect(sumCell().classList.contains('grid-cell--short')).toBe(true);
    expect(sumCell().textContent).toContain('不足 1个');
    expect(wrapper.get('[data-test="shortfall-alert"]').text()).toContain(
      '示范县 · 新引进500强项目：目标 6，下级合计 5，尚差 1个',
    );
    // 签约项目总投资: 300亿 against 90亿 — short by 210亿, shown in 亿元.
    const qyze = wrapper.get('[data-test="sum-1-QYZE"]').element.closest('td')!;
    expect(qyze.textContent).toContain('90.00');
    expect(qyze.textContent).toContain('不足 210亿元');

    await wrapper.get('[data-test="cell-P02-W500"]').setValue('4');
    expect(wrapper.get('[data-test="sum-1-W500"]').text()).toBe('6');
    expect(sumCell().classList.contains('grid-cell--short')).toBe(false);
    expect(
      wrapper
        .get('[data-test="cell-P02-W500"]')
        .element.closest('td')!
        .classList.contains('grid-cell--dirty'),
    ).toBe(true);
    wrapper.unmount();
  });

  it('should show 县本级（本级） with the part the county keeps, and no 分解不足, when the root reports (issue 14 point 11)', async () => {
    const wrapper = mountGrid({ ownFigures: 'root' });
    await flushPromises();
    expect(wrapper.get('[data-test="own-row-1"]').text()).toBe('示范县（本级）');
    // the county's 6 less its parks' 5: 1 kept as its own; 300亿 less 90亿: 210亿
    expect(wrapper.get('[data-test="own-1-W500"]').text()).toBe('1');
    expect(wrapper.get('[data-test="own-1-QYZE"]').text()).toBe('210.00');
    expect(wrapper.find('[data-test="shortfall-alert"]').exists()).toBe(false);
    // raising a park leaves the county less of its own
    await wrapper.get('[data-test="cell-P02-W500"]').setValue('4');
    expect(wrapper.get('[data-test="own-1-W500"]').text()).toBe('—');
    wrapper.unmount();
  });

  it('should have no （本级） line by default', async () => {
    const wrapper = mountGrid();
    await flushPromises();
    expect(wrapper.find('[data-test="own-row-1"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('should save only the changed cells, converted to 万元, and put the server errors back on them', async () => {
    const fetchMock = vi.fn<typeof fetch>(
      async () =>
        new Response(
          JSON.stringify({
            code: 'VALIDATION_FAILED',
            message: '请求参数不正确',
            messageEn: 'Invalid',
            requestId: 'r1',
            details: [{ field: '1.value', code: 'x', message: '该单位已停用', messageEn: 'inactive' }],
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mountGrid();
    await flushPromises();
    await wrapper.get('[data-test="cell-P01-QYZE"]').setValue('95.5');
    await wrapper.get('[data-test="cell-P02-QYZE"]').setValue('0.0001');
    await wrapper.get('[data-test="cell-P01-W500"]').setValue('2');
    await wrapper.get('[data-test="targets-save"]').trigger('click');
    await flushPromises();

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('/api/v1/plans/1/targets');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual([
      { unitId: 2, indicatorId: 1, value: '955000', version: 1 },
      { unitId: 3, indicatorId: 1, value: '1' },
    ]);
    const failed = wrapper.get('[data-test="cell-P02-QYZE"]').element.closest('td')!;
    expect(failed.classList.contains('grid-cell--error')).toBe(true);
    expect(failed.textContent).toContain('该单位已停用');
    wrapper.unmount();
  });

  it('should name the cells someone else changed on a 409, keep the edits, and send the fresh versions after the reload', async () => {
    const conflictBody = {
      code: 'VERSION_CONFLICT',
      message: '以下目标已被他人修改，本次未保存任何数据，请重新加载后再保存：县经济开发区 · 签约项目总投资',
      messageEn: 'These targets were changed by someone else',
      requestId: 'r2',
      details: [
        {
          field: '0.version',
          code: 'staleVersion',
          message: '县经济开发区 · 签约项目总投资：读取后已被他人修改',
          messageEn: 'changed by someone else',
        },
      ],
    };
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(
        new Response(JSON.stringify(conflictBody), {
          status: 409,
          headers: { 'Content-Type': 'application/json' },
        }),
      )
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ planId: 1, created: 0, updated: 2, unchanged: 0 }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mountGrid();
    await flushPromises();
    await wrapper.get('[data-test="cell-P01-QYZE"]').setValue('95.5');
    await wrapper.get('[data-test="cell-P02-W500"]').setValue('4');
    await wrapper.get('[data-test="targets-save"]').trigger('click');
    await flushPromises();

    // the versions read went with the changed cells
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body))).toEqual([
      { unitId: 2, indicatorId: 1, value: '955000', version: 1 },
      { unitId: 3, indicatorId: 4, value: '4', version: 1 },
    ]);
    const alert = wrapper.get('[data-test="targets-conflict"]');
    expect(alert.text()).toContain('有 1 个目标在您编辑期间已被他人修改，本次未保存任何数据');
    expect(alert.text()).toContain('县经济开发区 · 签约项目总投资');
    expect(alert.text()).toContain('您的修改仍保留在表格中');
    expect(wrapper.find('[data-test="targets-save-error"]').exists()).toBe(false);
    // nothing typed is lost, and the conflicted cell is marked
    expect((wrapper.get('[data-test="cell-P01-QYZE"]').element as HTMLInputElement).value).toBe('95.50');
    expect((wrapper.get('[data-test="cell-P02-W500"]').element as HTMLInputElement).value).toBe('4');
    const cell = wrapper.get('[data-test="cell-P01-QYZE"]').element.closest('td')!;
    expect(cell.classList.contains('grid-cell--conflict')).toBe(true);
    expect(cell.textContent).toContain('读取后已被他人修改');

    await wrapper.get('[data-test="targets-conflict-reload"]').trigger('click');
    expect(wrapper.emitted('reload')).toHaveLength(1);
    // the page reloads: someone else had set 县经济开发区 to 100亿 (version 2)
    await wrapper.setProps({
      targets: {
        ...targets,
        items: targets.items.map((i) =>
          i.unitId === 2 && i.indicatorId === 1 ? { ...i, value: '1000000', version: 2 } : i,
        ),
      },
    });
    await flushPromises();
    expect(wrapper.find('[data-test="targets-conflict"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="targets-conflict-reloaded"]').text()).toContain(
      '已重新加载最新数据，您的修改已保留',
    );
    expect((wrapper.get('[data-test="cell-P01-QYZE"]').element as HTMLInputElement).value).toBe('95.50');
    expect(wrapper.get('[data-test="cell-P01-QYZE"]').element.closest('td')!.textContent).toContain(
      '他人已改为 100.00',
    );

    await wrapper.get('[data-test="targets-save"]').trigger('click');
    await flushPromises();
    expect(JSON.parse(String(fetchMock.mock.calls[1]![1]?.body))).toEqual([
      { unitId: 2, indicatorId: 1, value: '955000', version: 2 },
      { unitId: 3, indicatorId: 4, value: '4', version: 1 },
    ]);
    wrapper.unmount();
  });
});
