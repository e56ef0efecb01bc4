import fc from 'fast-check';

import { edgePlaces, rankByChain } from './tie-break.js';
import { assignRanks, redBlackLists } from './ties.js';

const unit = (id: number, score: string, keys: Array<string | null> = [], sortOrder = id) => ({
  id,
  sortOrder,
  score,
  keys,
});

describe('rankByChain', () => {
  it('should separate equal totals by the chain: completion first, then the signed amount (issue 16 rule 7)', () => {
    // 城关镇 and 东湖镇 both 86 points: 城关镇 completes 92% against 88%; 西山乡 and 白沙镇 equal on completion too,
    // 白沙镇 has the larger amount
    const ranked = rankByChain([
      unit(1, '86', ['0.88', '52000']),
      unit(2, '86', ['0.92', '41000']),
      unit(3, '80', ['0.75', '30000']),
      unit(4, '80', ['0.75', '36000']),
      unit(5, '70', ['0.60', '20000']),
    ]);
    expect(ranked.map((r) => [r.entry.id, r.rank, r.isTied])).toEqual([
      [2, 1, false],
      [1, 2, false],
      [4, 3, false],
      [3, 4, false],
      [5, 5, false],
    ]);
  });

  it('should let a tie the chain does not separate stand (并列), the next place skipping', () => {
    const ranked = rankByChain([unit(1, '86', ['0.9']), unit(2, '86', ['0.9']), unit(3, '80', ['0.95'])]);
    expect(ranked.map((r) => [r.entry.id, r.rank, r.isTied])).toEqual([
      [1, 1, true],
      [2, 1, true],
      [3, 3, false],
    ]);
  });

  it('should put a unit without a value on a key after every unit with one', () => {
    const ranked = rankByChain([unit(1, '86', [null]), unit(2, '86', ['0'])]);
    expect(ranked.map((r) => r.entry.id)).toEqual([2, 1]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('should give dense ranks (1, 1, 2) when asked, competition ranks (1, 1, 3) by default', () => {
    const entries = [
      unit(1, '90'),
      unit(2, '90'),
      unit(3, '85'),
      unit(4, '80'),
      unit(5, '80'),
      unit(6, '70'),
    ];
    expect(rankByChain(entries).map((r) => r.rank)).toEqual([1, 1, 3, 4, 4, 6]);
    expect(rankByChain(entries, 'dense').map((r) => r.rank)).toEqual([1, 1, 2, 3, 3, 4]);
    expect(rankByChain(entries, 'dense').map((r) => r.rankFromBottom)).toEqual([4, 4, 3, 2, 2, 1]);
  });

  it('should be assignRanks without keys in competition mode', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 25 }), (scores) => {
        const entries = scores.map((s, i) => unit(i + 1, String(s)));
        const chain = rankByChain(entries);
        const plain = assignRanks(entries);
        expect(chain.map((r) => [r.entry.id, r.rank])).toEqual(plain.map((r) => [r.entry.id, r.rank]));
      }),
    );
  });

  it('should be a total order (no tie, ranks 1..n) when the last key is the unit order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.nat(4)), {
          maxLength: 25,
        }),
        (rows) => {
          // the unit order as the engine gives it: −sortOrder, then −id (tieBreakKeys in boards.ts)
          const entries = rows.map(([score, key, order], i) =>
            unit(i + 1, String(score), [String(key), String(-order), String(-(i + 1))], order),
          );
          const ranked = rankByChain(entries);
          expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
          expect(ranked.some((r) => r.isTied)).toBe(false);
        },
      ),
    );
  });

  it('should rank dense as 1 + the number of distinct better scores, competition as 1 + the better units', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 25 }), (scores) => {
        const entries = scores.map((s, i) => unit(i + 1, String(s)));
        const dense = rankByChain(entries, 'dense');
        const competition = rankByChain(entries, 'competition');
        for (const r of dense) {
          const s = Number(r.entry.score);
          expect(r.rank).toBe(1 + new Set(scores.filter((x) => x > s)).size);
        }
        for (const r of competition) {
          expect(r.rank).toBe(1 + scores.filter((x) => x > Number(r.entry.score)).length);
          expect(r.isTied).toBe(scores.filter((x) => x === Number(r.entry.score)).length > 1);
        }
        // same order, and dense never ranks lower than competition
        expect(dense.map((r) => r.entry.id)).toEqual(competition.map((r) => r.entry.id));
        dense.forEach((r, i) => expect(r.rank).toBeLessThanOrEqual(competition[i]!.rank));
      }),
    );
  });
});

describe('edgePlaces', () => {
  it('should be redBlackLists with equal sizes, competition ranks and no keys', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 6 }),
        (scores, size) => {
          const entries = scores.map((s, i) => unit(i + 1, String(s)));
          const today = redBlackLists(assignRanks(entries), size);
          const edges = edgePlaces(rankByChain(entries), size, size);
          expect(edges.red).toEqual(today.red);
          expect(edges.black).toEqual(today.black);
        },
      ),
    );
  });

  it('should size each list on its own (the red list of 5, the black list of 3)', () => {
    const ranked = rankByChain(
      [95, 90, 88, 85, 80, 78, 70, 65, 60, 50].map((s, i) => unit(i + 1, String(s))),
    );
    const { red, black } = edgePlaces(ranked, 5, 3);
    expect(red!.map((u) => u.id)).toEqual([1, 2, 3, 4, 5]);
    expect(black!.map((u) => u.id)).toEqual([10, 9, 8]);
    expect(edgePlaces(ranked, null, 3).red).toBeNull();
  });
});
