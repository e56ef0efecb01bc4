import { listPlaces, type RankingAward, type RankingBoard, type RankingResponse } from '@pacer/shared';

import { namesText, scoreText } from './briefing-text';

/** A block of the 通报's boards and awards: a （一） heading, then its paragraphs. */
export interface BoardBlock {
  heading: string;
  paragraphs: string[];
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function ordinal(i: number): string {
  return ORDINALS[i] ?? String(i + 1);
}

function countWords(n: number, monthWord: string): string {
  return n === 0 ? `${monthWord}无单位符合` : `${monthWord}${n}个单位符合`;
}

/**
 * Each board's lists stated with their rule in words and the units on them — "红榜：综合得分前5名且实际到位资金达到序时
 * 进度的单位（本月2个单位符合）：城关镇（82.00分）、东湖镇（78.00分）。" — then each award with its gates and winners.
 * Every figure comes from the frozen snapshot's ranking view, so the 通报 says what GET /plans/:id/ranking says.
 */
export function boardBlocks(ranking: RankingResponse, decimals: number, monthWord = '本月'): BoardBlock[] {
  const boards = ranking.boards ?? [];
  const awards = ranking.awards ?? [];
  return [
    ...boards.map((b, i) => ({
      heading: `（${ordinal(i)}）${b.name}`,
      paragraphs: boardParagraphs(b, decimals, monthWord),
    })),
    ...awards.map((a, i) => ({
      heading: `（${ordinal(boards.length + i)}）${a.name}`,
      paragraphs: awardParagraphs(a, decimals, monthWord),
    })),
  ];
}

function boardParagraphs(board: RankingBoard, decimals: number, monthWord: string): string[] {
  const out: string[] = [];
  for (const pool of board.pools) {
    const lines: string[] = [];
    for (const [word, list] of [
      ['红榜', pool.red],
      ['黑榜', pool.black],
    ] as const) {
      if (list === null) continue;
      const names = list.entries.map((e) => `${e.unitName}（${scoreText(e.score, decimals)}分）`);
      // a small pool takes fewer places than the rule's size (at most half of it, docs/scoring.md §8): say so
      const places = listPlaces(list.size, pool.entries.length);
      const capped =
        places !== null && list.size !== null && places < list.size
          ? `，本组${pool.entries.length}个单位参加排名，${places === 0 ? '不列此榜' : `按规则列${places}名`}`
          : '';
      lines.push(
        `${word}：${list.rule}（${countWords(names.length, monthWord)}${capped}）${names.length > 0 ? `：${names.join('、')}` : ''}。`,
      );
    }
    out.push(`${pool.name}：${lines.join('')}`);
  }
  return out;
}

function awardParagraphs(award: RankingAward, decimals: number, monthWord: string): string[] {
  return award.pools.map((p) => {
    const winners = p.winners.map((e) => `${e.unitName}（${scoreText(e.total, decimals)}分）`);
    const result =
      p.qualified.length === 0
        ? `${monthWord}无单位达标，${award.name}空缺。`
        : `${monthWord}达标单位${p.qualified.length}个（${namesText(p.qualified.map((q) => q.unitName))}），获评单位：${winners.join('、')}。`;
    return `${p.name}：${award.name}评选${p.rule}。${result}`;
  });
}
