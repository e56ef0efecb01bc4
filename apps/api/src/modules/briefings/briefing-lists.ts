import {
  chineseNumber,
  listPlaces,
  type RankingGroupResult,
  type RankingListEntry,
  type RankingResponse,
  type RankingRow,
} from '@pacer/shared';

import { scoreText } from './briefing-text';

/** The places the lead sentence of a group names at most (位列前三). */
export const LEAD_PLACES = 3;

/**
 * The units a group's lead sentence names (“…位列前三”): every unit ranked within the first `places`, ties included.
 * `places` is 3, fewer when the group is small (never the whole group: a group of 3 names its first 2) and fewer
 * still when a unit of those places is on the 黑榜 (a group of 4 with 2 on each list: 位列前二), so the sentence never
 * praises a unit the lists beside it put on the 黑榜. Read from the same rows and lists as the tables.
 */
export function groupLead(
  group: Pick<RankingGroupResult, 'black'>,
  rows: readonly RankingRow[],
): { places: number; entries: RankingRow[] } {
  const black = new Set(group.black.map((e) => e.unitId));
  const onBlack = (r: RankingRow) => r.list === 'black' || black.has(r.unitId);
  let places = Math.min(LEAD_PLACES, Math.max(rows.length - 1, 0));
  while (places > 0 && rows.some((r) => r.rank <= places && onBlack(r))) places -= 1;
  return { places, entries: rows.filter((r) => r.rank <= places) };
}

const named = (rows: readonly RankingRow[], decimals: number) =>
  rows.map((r) => `${r.unitName}（${scoreText(r.total, decimals)}分）`).join('、');

/**
 * “本组共40个单位参加排名，河口镇（24.50分）、柳园镇（23.90分）、杏花镇（23.30分）位列前三” — with ties “…位列前三（其中
 * 柳园镇、杏花镇并列第二）”, all first “…并列第一”; a group of one names nobody.
 */
export function groupLeadText(
  group: Pick<RankingGroupResult, 'black' | 'unitCount'>,
  rows: readonly RankingRow[],
  decimals: number,
): string {
  const { places, entries } = groupLead(group, rows);
  const head = `本组共${group.unitCount}个单位参加排名`;
  if (entries.length === 0) return head;
  const ranks = [...new Set(entries.map((r) => r.rank))];
  if (ranks.length === 1 && entries.length > 1) return `${head}，${named(entries, decimals)}并列第一`;
  const ties = ranks
    .map((rank) => entries.filter((r) => r.rank === rank))
    .filter((same) => same.length > 1)
    .map((same) => `${same.map((r) => r.unitName).join('、')}并列第${chineseNumber(same[0]!.rank)}`);
  const words = places === 1 ? '位列第一' : `位列前${chineseNumber(places)}`;
  return `${head}，${named(entries, decimals)}${words}${ties.length > 0 ? `（其中${ties.join('，')}）` : ''}`;
}

/**
 * The 红黑榜 rule in words, from the plan's list size and each group's size (listPlaces): “各组综合得分前3名的单位列入
 * 红榜、后3名的单位列入黑榜，得分相同的一并列入，同一单位不同时列入红榜和黑榜；参加排名的单位不足6个的组各列⌊n÷2⌋名”,
 * then each small group with its own places (“城关片区共4个单位参加排名，红榜、黑榜各列2名。”).
 */
export function listsRuleText(ranking: Pick<RankingResponse, 'listSize' | 'groups'>): string[] {
  const size = ranking.listSize;
  if (size === null) return [];
  const rule =
    `根据考核办法，各组综合得分前${size}名的单位列入红榜、后${size}名的单位列入黑榜，得分相同的一并列入，` +
    `同一单位不同时列入红榜和黑榜；参加排名的单位不足${size * 2}个的组，红榜、黑榜各列该组单位数的一半` +
    `（向下取整，仅1个单位的组不列红黑榜）。`;
  const small = ranking.groups.flatMap((g) => {
    const places = listPlaces(size, g.unitCount)!;
    if (places >= size) return [];
    return [
      places === 0
        ? `${g.name}共${g.unitCount}个单位参加排名，不列红黑榜`
        : `${g.name}共${g.unitCount}个单位参加排名，红榜、黑榜各列${places}名`,
    ];
  });
  return small.length === 0 ? [rule] : [rule, `本月${small.join('；')}。`];
}

/** A 红榜 or 黑榜 cell: one unit a line, with its score; 无 when the list is empty. */
export function listLines(entries: readonly RankingListEntry[], decimals: number): string[] {
  return entries.length === 0
    ? ['无']
    : entries.map((e) => `${e.unitName}（${scoreText(e.total, decimals)}分）`);
}
