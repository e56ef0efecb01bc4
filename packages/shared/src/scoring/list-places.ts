/**
 * The 红黑榜 rule for a group (or a board's pool) of n ranked units (docs/scoring.md §5 and §8): a list configured
 * for `size` places takes min(size, ⌊n ÷ 2⌋) places — a group of 1 has no lists, 2 or 3 units 1 place each, 4 or 5
 * units 2 each, 6 or more the configured size (3 by default in the demo). Units tied on the edge place all make the
 * list, and a unit on the red list is never on the black one. `edgePlaces` and `redBlackLists` apply this rule;
 * the 通报 states it with `listPlacesWords`.
 */
export function listPlaces(size: number | null, groupSize: number): number | null {
  if (size === null) return null;
  return Math.min(Math.max(Math.floor(size), 0), Math.floor(Math.max(groupSize, 0) / 2));
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 25 → 二十五 (places and ranks in the 通报's words, up to 99). */
export function chineseNumber(n: number): string {
  if (n <= 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${DIGITS[n % 10] === '零' ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  return String(n);
}
