import { Dec, type DecimalInput } from '../money/decimal.js';
import type { RankMode } from './types.js';

/**
 * A unit to rank: its score, then its tie-break keys in the chain's order (higher first; null = no value, after
 * every value). Units equal on the score and on every key are tied (并列).
 */
export interface ChainCandidate {
  id: number;
  sortOrder: number;
  score: DecimalInput;
  keys?: ReadonlyArray<DecimalInput | null>;
}

export interface ChainRanked<T> {
  entry: T;
  /** From the top: competition (1, 1, 3) or dense (1, 1, 2). */
  rank: number;
  /** The same rank counted from the bottom, in the same mode (the worst is 1). */
  rankFromBottom: number;
  /** Another unit shares the rank. */
  isTied: boolean;
}

type Keyed<T> = { entry: T; values: Array<Dec | null> };

/** Higher first; a missing value after any value. */
function compareValue(a: Dec | null, b: Dec | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b.comparedTo(a);
}

function compareKeys<T>(a: Keyed<T>, b: Keyed<T>): number {
  for (let i = 0; i < a.values.length; i += 1) {
    const c = compareValue(a.values[i] ?? null, b.values[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

/** Ranks of a sorted list: equal neighbours share one; the next skips (competition) or not (dense). */
function ranksOf<T>(sorted: ReadonlyArray<Keyed<T>>, mode: RankMode): number[] {
  const ranks: number[] = [];
  sorted.forEach((s, i) => {
    const previous = sorted[i - 1];
    if (previous && compareKeys(previous, s) === 0) ranks.push(ranks[i - 1]!);
    else ranks.push(mode === 'dense' ? (ranks[i - 1] ?? 0) + 1 : i + 1);
  });
  return ranks;
}

/**
 * Orders by score descending, then by each tie-break key (higher first), then by sort order and id (so units that
 * stay tied list in the units' order), and ranks them. Without keys and in competition mode it is assignRanks.
 */
export function rankByChain<T extends ChainCandidate>(
  entries: readonly T[],
  mode: RankMode = 'competition',
): Array<ChainRanked<T>> {
  const keyed: Array<Keyed<T>> = entries.map((entry) => ({
    entry,
    values: [new Dec(entry.score), ...(entry.keys ?? []).map((k) => (k === null ? null : new Dec(k)))],
  }));
  keyed.sort((a, b) => compareKeys(a, b) || a.entry.sortOrder - b.entry.sortOrder || a.entry.id - b.entry.id);
  const ranks = ranksOf(keyed, mode);
  const fromBottom = ranksOf([...keyed].reverse(), mode).reverse();
  return keyed.map((k, i) => ({
    entry: k.entry,
    rank: ranks[i]!,
    rankFromBottom: fromBottom[i]!,
    isTied: ranks[i - 1] === ranks[i] || ranks[i + 1] === ranks[i],
  }));
}

/**
 * The top `redSize` and bottom `blackSize` places of a ranked pool, each at most ⌊n/2⌋ places, units tied on the edge
 * all in; a unit on the red list is never on the black one. Red best first, black worst first. With equal sizes,
 * competition ranks and no keys this is redBlackLists.
 */
export function edgePlaces<T>(
  ranked: ReadonlyArray<ChainRanked<T>>,
  redSize: number | null,
  blackSize: number | null,
): { red: T[] | null; black: T[] | null } {
  const half = Math.floor(ranked.length / 2);
  const cap = (size: number | null) => (size === null ? null : Math.min(Math.max(Math.floor(size), 0), half));
  const r = cap(redSize);
  const b = cap(blackSize);
  const red = r === null ? null : r === 0 ? [] : ranked.filter((x) => x.rank <= r).map((x) => x.entry);
  const isRed = new Set(red ?? []);
  const black =
    b === null
      ? null
      : b === 0
        ? []
        : [...ranked]
            .reverse()
            .filter((x) => x.rankFromBottom <= b && !isRed.has(x.entry))
            .map((x) => x.entry);
  return { red, black };
}
