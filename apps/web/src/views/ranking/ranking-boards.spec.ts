import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import type { RankingResponse, RankingRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { createAppRouter } from '@/router';
import { demoPlan, demoRanking } from '@/test-fixtures/assessment';

import Ranking from './index.vue';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const row = (unitId: number, unitName: string, rank: number, isTied: boolean): RankingRow => ({
  unitId,
  unitCode: `T${unitId}`,
  unitName,
  group: 'towns',
  total: '70',
  rank,
  list: null,
  movement: { kind: 'same', places: 0 },
  previousRank: rank,
  items: [{ code: 'C_DWZJ', name: '实际到位资金完成率', points: '70', isScored: true }],
  isTied,
});

// 西山乡 and 石桥镇 both 70 points, no tie-break separates them: 并列第3名
const ranking: RankingResponse = {
  ...demoRanking,
  rows: [row(3, '西山乡', 3, true), row(4, '石桥镇', 3, true), row(5, '白沙镇', 5, false)],
  boards: [
    {
      code: 'progress',
      name: '指标进度',
      pools: [
        {
          code: 'towns',
          name: '乡镇（街道）组',
          groups: ['towns'],
          entries: [],
          red: {
            rule: '综合得分前3名且实际到位资金达到序时进度的单位',
            size: 3,
            entries: [
              {
                unitId: 3,
                unitName: '西山乡',
                group: 'towns',
                rank: 3,
                isTied: true,
                score: '70',
                list: 'red',
              },
            ],
          },
          black: null,
        },
      ],
    },
  ],
  awards: [
    {
      code: 'banner',
      name: '流动红旗',
      pools: [
        {
          code: 'towns',
          name: '乡镇（街道）组',
          groups: ['towns'],
          rule: '实际到位资金、签约项目均达到序时进度的单位中综合得分最高的单位',
          count: 1,
          qualified: [],
          winners: [],
        },
      ],
    },
  ],
};

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/plans') return json({ items: [demoPlan] });
  if (url.pathname === '/api/v1/plans/1/ranking') return json(ranking);
  return new Response(null, { status: 404 });
});

describe('Ranking view: 并列, boards and awards', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should mark 并列 where a tie stands and state each board’s list and award with its rule', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createAppRouter(createMemoryHistory());
    await router.push('/ranking');
    const wrapper = mount(Ranking, { attachTo: document.body, global: { plugins: [pinia, i18n, router] } });
    await flushPromises();
    await flushPromises();
    expect(wrapper.findAll('[data-test="ranking-table-towns"] [data-test="tied"]')).toHaveLength(2);
    const board = wrapper.get('[data-test="board-progress:towns"]').text();
    expect(board).toContain('综合得分前3名且实际到位资金达到序时进度的单位');
    expect(board).toContain('1 个单位符合');
    expect(board).toContain('西山乡');
    expect(board).toContain('并列');
    const award = wrapper.get('[data-test="award-banner:towns"]').text();
    expect(award).toContain('实际到位资金、签约项目均达到序时进度的单位中综合得分最高的单位');
    expect(award).toContain('本月无单位达标，空缺');
    wrapper.unmount();
  });
});
