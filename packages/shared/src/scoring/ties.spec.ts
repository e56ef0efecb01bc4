import fc from 'fast-check';

import { assignRanks, redBlackLists } from './ties.js';

const unit = (id: number, score: string, sortOrder = id) => ({ id, sortOrder, score });

describe('assignRanks', () => {
  it('should share a rank between equal totals and skip the next place: 1, 1, 3 (DOMAIN.md §5)', () => {
    const ranked = assignRanks([unit(1, '80'), unit(2, '95.5'), unit(3, '95.50'), unit(4, '70')]);
    expect(ranked.map((r) => [r.entry.id, r.rank])).toEqual([
      [2, 1],
      [3, 1],
      [1, 3],
      [4, 4],
    ]);
  });

  it('should list tied units in their sort order, then by id', () => {
    const ranked = assignRanks([unit(1, '90', 30), unit(2, '90', 10), unit(3, '90', 10)]);
    expect(ranked.map((r) => r.entry.id)).toEqual([2, 3, 1]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it('should compare exact decimals, not floats', () => {
    const ranked = assignRanks([unit(1, '0.30000000000000000001'), unit(2, '0.3')]);
    expect(ranked.map((r) => [r.entry.id, r.rank])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('should give each unit 1 + the number of strictly better scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), (scores) => {
        const ranked = assignRanks(scores.map((s, i) => unit(i, String(s / 2))));
        for (const r of ranked) {
          expect(r.rank).toBe(1 + scores.filter((s) => s / 2 > Number(r.entry.score)).length);
        }
      }),
    );
  });
});

describe('redBlackLists', () => {
  it('should name the best and the worst listSize units', () => {
    const ranked = assignRanks([10, 9, 8, 7, 6, 5, 4, 3].map((s, i) => unit(i + 1, String(s))));
    const lists = redBlackLists(ranked, 3);
    expect(lists.red.map((u) => u.id)).toEqual([1, 2, 3]);
    expect(lists.black.map((u) => u.id)).toEqual([8, 7, 6]);
  });

  it('should take every unit tied on the edge place', () => {
    const ranked = assignRanks(
      ['10', '9', '9', '9', '5', '4', '3', '3', '3', '1'].map((s, i) => unit(i + 1, s)),
    );
    const lists = redBlackLists(ranked, 2);
    expect(lists.red.map((u) => u.id)).toEqual([1, 2, 3, 4]);
    expect(lists.black.map((u) => u.id)).toEqual([10, 9, 8, 7]);
  });

  it('should keep the lists to half the group, so no unit is on both', () => {
    const ranked = assignRanks([unit(1, '3'), unit(2, '2'), unit(3, '1')]);
    const lists = redBlackLists(ranked, 3);
    expect(lists.red.map((u) => u.id)).toEqual([1]);
    expect(lists.black.map((u) => u.id)).toEqual([3]);
    expect(redBlackLists(assignRanks([unit(1, '3')]), 3)).toEqual({ red: [], black: [] });
    const allTied = redBlackLists(assignRanks([unit(1, '3'), unit(2, '3'), unit(3, '3'), unit(4, '3')]), 1);
    expect(allTied.red.length + allTied.black.length).toBe(4);
    expect(allTied.black).toEqual([]);
  });
});
