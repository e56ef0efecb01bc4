import type { ScoredMonth } from './scored-month';

interface Entry {
  version: string;
  month: Promise<ScoredMonth>;
}

/**
 * Live scored months kept in memory while their data is current (docs/benchmarks.md: a province's month takes
 * seconds to score, its ranking is read many times between two approvals). An entry is used only when it was
 * computed on the scoring data version the caller has just read, so a hit is never stale; concurrent callers of a
 * missing entry share one computation. Least recently used entries go first; a failed computation is not kept.
 *
 * The months handed out are shared between requests: callers build their views from them and never change them.
 */
export class ScoredMonthCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  /**
   * The month under `key` computed on `version`, else `compute()`'s, which answers the month and the version it was
   * computed on (read inside its own snapshot: possibly newer than `version`).
   */
  async get(
    key: string,
    version: string,
    compute: () => Promise<{ version: string; month: ScoredMonth }>,
  ): Promise<ScoredMonth> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit.month;
    }
    const entry: Entry = {
      version,
      month: compute().then(
        (computed) => {
          entry.version = computed.version;
          return computed.month;
        },
        (error: unknown) => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw error;
        },
      ),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry.month;
  }

  /** The month under `key` when it was computed on `version`, without computing anything. */
  peek(key: string, version: string): Promise<ScoredMonth> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.version === version ? hit.month : undefined;
  }
}
