import { listPlaces, scorePlan, type RankingResponse } from '@pacer/shared';

import { readDocx } from '../../../test/support/docx-reader';
import { type ScoredMonth, toRankingResponse } from '../rankings/rankings.types';
import { buildBriefingDocx } from './briefing-docx';
import { groupLead, groupLeadText, listsRuleText } from './briefing-lists';
import type { BriefingModel } from './briefing-model';

// Issue 14 point 1: the 通报's sentences, its group tables and its 红黑榜 table are read from the same ranking, and
// they never contradict each other — over group sizes 1–40, list sizes 1–5 and many ties.

/** mulberry32: the same draws on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWN_NAMES = ['城关', '东湖', '西山', '石桥', '白沙', '青林', '河口', '柳园', '杏花', '桃源'];
const townName = (i: number) => `${TOWN_NAMES[i % 10]}${i >= 10 ? String(Math.floor(i / 10) + 1) : ''}镇`;

/** A group of n towns scored by the engine on 实际到位资金 (weight 100), `distinct` different figures (ties). */
function rankingOf(n: number, listSize: number, distinct: number, seed: number): RankingResponse {
  const draw = prng(seed);
  const towns = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: townName(i),
    funds: String(1000 * (1 + Math.floor(draw() * distinct))),
  }));
  const result = scorePlan({
    plan: {
      scoring: {
        items: [{ code: 'funds', name: '实际到位资金', method: 'completion', indicator: 'funds', weight: '100' }],
        listSize,
      },
      rankingGroups: [{ code: 'towns', name: '乡镇组', categories: ['town'] }],
      month: 6,
      curve: null,
    },
    units: towns.map((t) => ({ id: t.id, name: t.name, category: 'town', sortOrder: t.id })),
    indicators: [{ id: 1, code: 'funds', name: '实际到位资金' }],
    targets: towns.map((t) => ({ unitId: t.id, indicatorId: 1, value: '2000000' })),
    actuals: towns.map((t) => ({ unitId: t.id, indicatorId: 1, value: t.funds })),
  });
  const rankOf = new Map(result.units.map((u) => [u.unitId, u]));
  const scored = {
    planId: 1,
    month: '2026-06',
    monthNo: 6,
    isFrozen: true,
    computedAt: '2026-07-10T02:00:00.000Z',
    reason: null,
    expected: result.expected,
    yellowBand: '10',
    listSize,
    displayDecimals: 2,
    indicators: [],
    columns: [],
    groups: result.groups,
    warnings: [],
    boards: [],
    awards: [],
    units: towns.map((t) => ({
      unitId: t.id,
      unitCode: `T${String(t.id).padStart(2, '0')}`,
      unitName: t.name,
      category: 'town',
      parentId: null,
      depth: 1,
      sortOrder: t.id,
      groupCode: 'towns',
      rank: rankOf.get(t.id)!.rank,
      list: rankOf.get(t.id)!.list,
      items: [],
      subtotal: rankOf.get(t.id)!.total,
      coefficient: '1',
      total: rankOf.get(t.id)!.total,
      cells: [],
    })),
  } as unknown as ScoredMonth;
  return toRankingResponse(scored, { month: null, ranks: new Map() }, undefined);
}

function modelOf(ranking: RankingResponse): BriefingModel {
  return {
    planId: 1,
    planName: '示范县2026年度招商引资目标责任考核',
    year: 2026,
    month: '2026-06',
    monthNo: 6,
    countyName: '示范县',
    scopeWord: '县',
    issuer: '示范县投资促进服务中心',
    docNumber: '示招促〔2026〕6号',
    issueDate: '2026-07-10',
    title: '关于6月份全县招商引资目标任务完成情况的通报',
    summary: '1—6月，全县招商引资目标任务完成情况详见附件。',
    snapshotComputedAt: '2026-07-10T02:00:00.000Z',
    expected: '0.5',
    yellowBand: '10',
    displayDecimals: 2,
    headlines: [],
    units: [],
    ranking,
    trend: null,
    reports: [],
  };
}

/** The units a text names with their scores, in order: 河口镇（24.50分）、… */
const namedIn = (text: string) => [...text.matchAll(/([^，、（）；]+镇)（[\d.]+分）/g)].map((m) => m[1]!);

/** Rank counted from the bottom, ties shared (1 + the number of strictly lower totals). */
const fromBottom = (rows: RankingResponse['rows'], total: string) =>
  1 + rows.filter((r) => Number(r.total) < Number(total)).length;

/** Group sizes whose 通报 is also rendered to .docx, in each pattern (rendering all 120 takes half a minute). */
const RENDERED = new Set([1, 2, 3, 4, 5, 6, 7, 13, 26, 40]);

const CASES: Array<{ n: number; listSize: number; distinct: number; seed: number }> = [];
for (let n = 1; n <= 40; n += 1) {
  // all different, a few ties, many ties
  CASES.push({ n, listSize: 3, distinct: 1000, seed: n });
  CASES.push({ n, listSize: 1 + (n % 5), distinct: Math.max(2, Math.ceil(n / 3)), seed: 100 + n });
  CASES.push({ n, listSize: 2 + (n % 3), distinct: 2, seed: 200 + n });
}

describe('the 通报 agrees with itself (issue 14 point 1)', () => {
  it.each(CASES)(
    'should derive the lead sentence, the rule and the lists from one ranking: $n units, listSize $listSize, $distinct figures',
    async ({ n, listSize, distinct, seed }) => {
      const ranking = rankingOf(n, listSize, distinct, seed);
      const [group] = ranking.groups;
      const rows = ranking.rows;
      const red = group!.red.map((e) => e.unitName);
      const black = group!.black.map((e) => e.unitName);
      const places = listPlaces(listSize, n)!;

      // the written rule: min(listSize, ⌊n/2⌋) places a list, ties on the edge in, never on both lists
      expect(red.filter((u) => black.includes(u))).toEqual([]);
      expect(red).toEqual(rows.filter((r) => r.rank <= places).map((r) => r.unitName));
      expect(new Set(black)).toEqual(
        new Set(
          rows
            .filter((r) => fromBottom(rows, r.total) <= places && !red.includes(r.unitName))
            .map((r) => r.unitName),
        ),
      );
      for (const r of rows)
        expect(r.list).toBe(red.includes(r.unitName) ? 'red' : black.includes(r.unitName) ? 'black' : null);

      // the lead sentence names every unit within its places (ties included) and none of the 黑榜
      const lead = groupLead(group!, rows);
      const text = groupLeadText(group!, rows, 2);
      const named = namedIn(text);
      expect(named).toEqual(rows.filter((r) => r.rank <= lead.places).map((r) => r.unitName));
      expect(named.filter((u) => black.includes(u))).toEqual([]);
      expect(lead.places).toBeLessThan(Math.max(n, 1));
      if (n === 1) expect(text).toBe('本组共1个单位参加排名');
      if (named.length > 0 && !text.includes('并列第一')) {
        const words = ['第一', '前二', '前三'][lead.places - 1]!;
        expect(text).toContain(`位列${words}`);
      }

      // the rule stated for this group's size
      const rule = listsRuleText(ranking).join('');
      expect(rule).toContain(`各组综合得分前${listSize}名的单位列入红榜、后${listSize}名的单位列入黑榜`);
      if (places < listSize)
        expect(rule).toContain(
          places === 0 ? '乡镇组共1个单位参加排名，不列红黑榜' : `乡镇组共${n}个单位参加排名，红榜、黑榜各列${places}名`,
        );
      else expect(rule).not.toContain('乡镇组共');

      // …and the rendered document says the same (some sizes, in each pattern): its sentence, its group table and its 红黑榜 table
      if (!RENDERED.has(n)) return;
      const doc = await readDocx(await buildBriefingDocx(modelOf(ranking), { trend: null, groups: new Map() }));
      expect(doc.paragraphs.some((p) => p.startsWith(text))).toBe(true);
      // the group's table (a big group shows its first 15 and last 10): the same units, ranks and scores
      const table = doc.tables.find((tb) => tb[0]!.join('|') === '名次|单位|得分|较上月')!;
      const shown = table.slice(1).filter((r) => r[0] !== '……');
      expect(shown.map((r) => [r[0], r[1], r[2]])).toEqual(
        rows
          .filter((r) => shown.some((s) => s[1] === r.unitName))
          .map((r) => [String(r.rank), r.unitName, Number(r.total).toFixed(2)]),
      );
      const lists = doc.tables.find((tb) => tb[0]!.join('|') === '考核分组|红榜|黑榜')!;
      const cell = (names: string[]) =>
        names.length === 0 ? ['无'] : names.map((u) => `${u}（${rows.find((r) => r.unitName === u)!.total}`);
      const [redCell, blackCell] = [lists[1]![1]!.split('\n'), lists[1]![2]!.split('\n')];
      expect(redCell.map((c) => c.split('（')[0])).toEqual(cell(red).map((c) => c.split('（')[0]));
      expect(blackCell.map((c) => c.split('（')[0])).toEqual(cell(black).map((c) => c.split('（')[0]));
      for (const p of listsRuleText(ranking)) expect(doc.paragraphs).toContain(p);
    },
  );

  it('should say 位列前二 in a group of 4 split 2/2, never 位列前三 beside a unit on the 黑榜', () => {
    const ranking = rankingOf(4, 3, 1000, 4);
    const [group] = ranking.groups;
    expect(group!.red).toHaveLength(2);
    expect(group!.black).toHaveLength(2);
    const text = groupLeadText(group!, ranking.rows, 2);
    expect(text).toMatch(/^本组共4个单位参加排名，.+镇（[\d.]+分）、.+镇（[\d.]+分）位列前二$/);
    expect(listsRuleText(ranking)).toEqual([
      '根据考核办法，各组综合得分前3名的单位列入红榜、后3名的单位列入黑榜，得分相同的一并列入，同一单位不同时列入红榜和黑榜；' +
        '参加排名的单位不足6个的组，红榜、黑榜各列该组单位数的一半（向下取整，仅1个单位的组不列红黑榜）。',
      '本月乡镇组共4个单位参加排名，红榜、黑榜各列2名。',
    ]);
  });

  it('should name units tied on the lead places and say so', () => {
    const rows = [
      ['河口镇', '30', 1],
      ['柳园镇', '28', 2],
      ['杏花镇', '28', 2],
      ['桃源镇', '20', 4],
      ['城关镇', '19', 5],
      ['东湖镇', '18', 6],
      ['西山镇', '10', 7],
    ].map(([unitName, total, rank], i) => ({
      unitId: i + 1,
      unitCode: `T0${i + 1}`,
      unitName: unitName as string,
      group: 'towns',
      total: total as string,
      rank: rank as number,
      list: null,
      movement: { kind: 'new' as const, places: 0 },
      previousRank: null,
      items: [],
    }));
    const group = { black: [], unitCount: 7 };
    expect(groupLeadText(group, rows, 2)).toBe(
      '本组共7个单位参加排名，河口镇（30.00分）、柳园镇（28.00分）、杏花镇（28.00分）位列前三（其中柳园镇、杏花镇并列第二）',
    );
    const allTied = rows.map((r) => ({ ...r, total: '10', rank: 1 }));
    expect(groupLeadText(group, allTied.slice(0, 3), 2)).toBe(
      '本组共7个单位参加排名，河口镇（10.00分）、柳园镇（10.00分）、杏花镇（10.00分）并列第一',
    );
  });
});
