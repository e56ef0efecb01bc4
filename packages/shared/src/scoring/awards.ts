import { awardWords } from './board-words.js';
import { isOnPace, poolsOf, rankUnits, type BoardContext } from './boards.js';
import type { AwardRule, ScoredAward } from './types.js';

/**
 * 先达标、后评优 (issue 16 rule 9): in each pool a unit qualifies only when every gate indicator is at or above its
 * 序时进度 (no target = not qualified); the qualified are ranked by the award's score with the plan's tie-break chain
 * (competition places, whatever the plan's rank mode, so `count` counts units), and the first `count` places win —
 * units tied on the last place all win. No one qualified, no one wins.
 */
export function scoreAwards(ctx: BoardContext, awards: readonly AwardRule[]): ScoredAward[] {
  return awards.map((award) => {
    const count = award.count ?? 1;
    const rule = awardWords(award, ctx.namer);
    return {
      code: award.code,
      name: award.name,
      pools: poolsOf(ctx, award).map((pool) => {
        const qualified = ctx.units.filter(
          (u) =>
            pool.groups.includes(u.groupCode) && award.gates.every((g) => isOnPace(ctx, u.id, g) === true),
        );
        const ranked = rankUnits(ctx, qualified, award.items, 'competition');
        return {
          code: pool.code,
          name: pool.name,
          groups: pool.groups,
          rule,
          count,
          qualified: ranked.map((r) => r.entry.id),
          winners: ranked.filter((r) => r.rank <= count).map((r) => r.entry.id),
        };
      }),
    };
  });
}
