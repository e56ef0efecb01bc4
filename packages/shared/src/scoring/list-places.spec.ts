import { chineseNumber, listPlaces } from './list-places.js';
import { assignRanks, redBlackLists } from './ties.js';

describe('listPlaces: the 红黑榜 rule for a group of n (issue 14 point 1)', () => {
  it('should give min(size, ⌊n/2⌋) places: none for one unit, 1 for 2–3, 2 for 4–5, the size from 2 × size', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((n) => listPlaces(3, n))).toEqual([0, 1, 1, 2, 2, 3, 3, 3]);
    expect(listPlaces(null, 10)).toBeNull();
    expect(listPlaces(5, 0)).toBe(0);
  });

  it('should be the places redBlackLists fills when no score is tied, for every size 1–40', () => {
    for (let n = 1; n <= 40; n += 1) {
      for (const size of [1, 2, 3, 5]) {
        const ranked = assignRanks(
          Array.from({ length: n }, (_, i) => ({ id: i + 1, sortOrder: i, score: String(100 - i) })),
        );
        const { red, black } = redBlackLists(ranked, size);
        expect([red.length, black.length]).toEqual([listPlaces(size, n), listPlaces(size, n)]);
        expect(red.filter((u) => black.includes(u))).toEqual([]);
      }
    }
  });

  it('should write places and ranks in Chinese numerals', () => {
    expect([1, 2, 3, 10, 11, 20, 25, 40].map(chineseNumber)).toEqual(['一', '二', '三', '十', '十一', '二十', '二十五', '四十']);
  });
});
