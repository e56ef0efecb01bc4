import type { TableVersions } from './rankings.repository';

/** Loads kept per plan month: a province's targets, ledger lists and tree are ~30 MB of rows. */
const LOADS_KEPT = 3;

/** One part of a month's input as last loaded: the versions of the tables it read, and what else it depended on. */
interface KeptPart {
  versions: string;
  rows: unknown;
}

/**
 * The parts of a month's scoring input as last loaded (MonthScoringService), each reused while every table it reads
 * is at the version it was read at (scoring_data_version.table_versions, read in the same snapshot as the loads) and its
 * parameters are the same: after an approval only the summary and the reports moved, so the targets, the signed
 * projects and the tree are not read again. A part is named by what it reads; `params` holds every other argument.
 */
export class LoadedParts {
  private readonly months = new Map<string, Map<string, KeptPart>>();

  /** The part's rows from the kept load when still current, else `load()`'s (then kept). */
  async get<T>(
    month: string,
    part: string,
    tables: readonly string[],
    { versions, touched }: TableVersions,
    params: unknown,
    load: () => Promise<T>,
  ): Promise<T> {
    // written by the caller's own transaction, not committed: read again, and keep nothing (the version will move)
    if (tables.some((t) => touched.has(t))) return load();
    const stamp = JSON.stringify([params, tables.map((t) => versions.get(t) ?? null)]);
    let parts = this.months.get(month);
    const kept = parts?.get(part);
    // a table without a version has not been written since the versions were kept (null: the same until it is)
    if (kept && kept.versions === stamp) return kept.rows as T;
    const rows = await load();
    if (!parts) {
      parts = new Map();
      this.months.set(month, parts);
      while (this.months.size > LOADS_KEPT) this.months.delete(this.months.keys().next().value!);
    }
    parts.set(part, { versions: stamp, rows });
    return rows;
  }
}
