import { dec } from '@pacer/shared';
import type { RankingResponse } from '@pacer/shared';

// The boards and awards of the ranking (issue 16) that concern one group tab: each board's pool holding the group,
// each list with its rule in words; each award with its rule, how many qualified and the winners.

export interface BoardListView {
  side: 'red' | 'black';
  rule: string;
  entries: Array<{ unitId: number; unitName: string; rank: number; isTied: boolean; scoreText: string }>;
}

export interface BoardCardView {
  key: string;
  title: string;
  lists: BoardListView[];
}

export interface AwardCardView {
  key: string;
  title: string;
  rule: string;
  qualified: number;
  winners: Array<{ unitId: number; unitName: string; totalText: string }>;
}

/** "指标进度 · 乡镇（街道）" when the pool is not the group itself. */
function titleOf(name: string, poolName: string, isOwnGroup: boolean): string {
  return isOwnGroup ? name : `${name} · ${poolName}`;
}

export function boardsOfGroup(
  ranking: RankingResponse,
  group: string,
): { boards: BoardCardView[]; awards: AwardCardView[] } {
  const fixed = (v: string) => dec(v).toFixed(ranking.displayDecimals);
  const boards = (ranking.boards ?? []).flatMap((b) =>
    b.pools
      .filter((p) => p.groups.includes(group))
      .map((p) => ({
        key: `${b.code}:${p.code}`,
        title: titleOf(b.name, p.name, p.groups.length === 1),
        lists: (['red', 'black'] as const).flatMap((side) => {
          const list = p[side];
          if (list === null) return [];
          return [
            {
              side,
              rule: list.rule,
              entries: list.entries.map((e) => ({
                unitId: e.unitId,
                unitName: e.unitName,
                rank: e.rank,
                isTied: e.isTied,
                scoreText: fixed(e.score),
              })),
            },
          ];
        }),
      })),
  );
  const awards = (ranking.awards ?? []).flatMap((a) =>
    a.pools
      .filter((p) => p.groups.includes(group))
      .map((p) => ({
        key: `${a.code}:${p.code}`,
        title: titleOf(a.name, p.name, p.groups.length === 1),
        rule: p.rule,
        qualified: p.qualified.length,
        winners: p.winners.map((w) => ({
          unitId: w.unitId,
          unitName: w.unitName,
          totalText: fixed(w.total),
        })),
      })),
  );
  return { boards, awards };
}
