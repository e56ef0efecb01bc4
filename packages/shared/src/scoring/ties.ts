import { Dec, type DecimalInput } from '../money/decimal.js';
import type { RedBlack } from './types.js';

export interface RankCandidate {
  id: number;
  sortOrder: number;
  score: DecimalInput;
}

export interface Ranked<T> {
  entry: T;
  /** Competition rank: equal scores share it and the next one skips (1, 1, 3). */
  rank: number;
}

/**
 * Orders by score descending, then by sort order and id (so ties list in the units' order), and gives
 * competition ranks: equal scores share a rank, the next rank skips the shared places (1, 1, 3).
 */
export function assignRanks<T extends RankCandidate>(entries: readonly T[]): Array<Ranked<T>> {
  const scored = entries.map((entry) => ({ entry, score: new Dec(entry.score) }));
  scored.sort(
    (a, b) => b.score.comparedTo(a.score) || a.entry.sortOrder - b.entry.sortOrder || a.entry.id - b.entry.id,
  );
  const ranked: Array<Ranked<T>> = [];
  scored.forEach((s, i) => {
    const previous = scored[i - 1];
    const rank = previous && previous.score.eq(s.score) ? ranked[i - 1]!.rank : i + 1;
    ranked.push({ entry: s.entry, rank });
  });
  return ranked;
}

/**
 * 红榜 / 黑榜 of a ranked group. Each list holds at most min(listSize, ⌊n/2⌋) places, so one unit is never on
 * both; units tied on the edge place all make it. Red best first; black worst first.
 */
export function redBlackLists<T extends RankCandidate>(
  ranked: ReadonlyArray<Ranked<T>>,
  listSize: number,
): { red: T[]; black: T[] } {
  const size = Math.min(Math.max(Math.floor(listSize), 0), Math.floor(ranked.length / 2));
  if (size === 0) return { red: [], black: [] };
  const red = ranked.filter((r) => r.rank <= size).map((r) => r.entry);
  const isRed = new Set(red);
  const black: T[] = [];
  for (let i = ranked.length - 1; i >= 0; i -= 1) {
    const r = ranked[i]!;
    // rank from the bottom, also shared by ties: 1 + the number of strictly lower scores
    const fromBottom = 1 + ranked.filter((o) => new Dec(o.entry.score).lt(r.entry.score)).length;
    if (fromBottom > size) break;
    if (!isRed.has(r.entry)) black.push(r.entry);
  }
  return { red, black };
}

export function listOf<T>(entry: T, lists: { red: readonly T[]; black: readonly T[] }): RedBlack | null {
  if (lists.red.includes(entry)) return 'red';
  if (lists.black.includes(entry)) return 'black';
  return null;
}
