interface Entry<T> {
  version: string;
  value: Promise<T>;
}

/**
 * Values kept in memory while the data they were computed from is unchanged (docs/benchmarks.md: a province's month
 * takes seconds to score and is read many times between two approvals). An entry is used only when it was computed
 * on the version the caller has just read (the scoring data version, a snapshot's version), so a hit is never stale;
 * concurrent callers of a missing entry share one computation. Least recently used entries go first; a failed
 * computation is not kept.
 *
 * The values handed out are shared between requests: callers build their views from them and never change them.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly capacity: number) {}

  /**
   * The value under `key` computed on `version`, else `compute()`'s, which answers the value and the version it
   * was computed on (read inside its own snapshot: possibly newer than `version`).
   */
  async get(key: string, version: string, compute: () => Promise<{ version: string; value: T }>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit.value;
    }
    const entry: Entry<T> = {
      version,
      value: compute().then(
        (computed) => {
          entry.version = computed.version;
          return computed.value;
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
    return entry.value;
  }

  /** The value under `key` when it was computed on `version`, without computing anything. */
  peek(key: string, version: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.version === version ? hit.value : undefined;
  }
}
