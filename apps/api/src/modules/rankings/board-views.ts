import type {
  RankingAward,
  RankingBoard,
  RankingBoardEntry,
  RankingListEntry,
  ScoredBoardEntry,
  ScoredGroupEntry,
} from '@pacer/shared';

import type { ScoredMonth } from './scored-month';

/**
 * 并列: the entry's rank is shared in its group. The engine says so (`isTied`); a snapshot frozen before it did not,
 * and there equal ranks are ties (competition ranks, no tie-breaks then).
 */
export function isTiedIn(entries: readonly ScoredGroupEntry[], entry: ScoredGroupEntry): boolean {
  return entry.isTied ?? entries.some((e) => e !== entry && e.rank === entry.rank);
}

/**
 * The boards and awards of a scored month (issue 16 rules 8–9) for GET /plans/:id/ranking and the 通报: with
 * `group=`, only the pools that hold that group.
 */
export function boardsView(
  scored: ScoredMonth,
  group: string | undefined,
): { boards: RankingBoard[]; awards: RankingAward[] } {
  const inGroup = (groups: readonly string[]) => group === undefined || groups.includes(group);
  const units = new Map(scored.units.map((u) => [u.unitId, u]));
  const listed = (id: number): RankingListEntry => {
    const u = units.get(id)!;
    return { unitId: id, unitName: u.unitName, rank: u.rank ?? 0, total: u.total };
  };
  const boards = (scored.boards ?? []).map((b) => ({
    code: b.code,
    name: b.name,
    pools: b.pools
      .filter((p) => inGroup(p.groups))
      .map((p) => {
        const entries = p.entries.map(boardEntry);
        const byId = new Map(entries.map((e) => [e.unitId, e]));
        const list = (l: typeof p.red) =>
          l === null ? null : { rule: l.rule, size: l.size, entries: l.unitIds.map((id) => byId.get(id)!) };
        return {
          code: p.code,
          name: p.name,
          groups: p.groups,
          entries,
          red: list(p.red),
          black: list(p.black),
        };
      }),
  }));
  const awards = (scored.awards ?? []).map((a) => ({
    code: a.code,
    name: a.name,
    pools: a.pools
      .filter((p) => inGroup(p.groups))
      .map((p) => ({
        code: p.code,
        name: p.name,
        groups: p.groups,
        rule: p.rule,
        count: p.count,
        qualified: p.qualified.map(listed),
        winners: p.winners.map(listed),
      })),
  }));
  return { boards, awards };
}

function boardEntry(e: ScoredBoardEntry): RankingBoardEntry {
  return {
    unitId: e.unitId,
    unitName: e.unitName,
    group: e.groupCode,
    rank: e.rank,
    isTied: e.isTied,
    score: e.score,
    list: e.list,
  };
}
