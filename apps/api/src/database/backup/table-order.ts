import { BackupError } from './backup-format';

export interface TableRefs {
  name: string;
  /** Tables this one's foreign keys point at (itself excluded: a self-reference is handled by the row order). */
  references: string[];
}

/**
 * The tables in foreign-key order, parents first (Kahn's algorithm; ties by name so that two backups of one schema
 * list the tables alike). A cycle between tables cannot be loaded without deferring the keys: refuse it.
 */
export function orderByForeignKeys(tables: TableRefs[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const waitingOn = new Map<string, Set<string>>();
  for (const t of tables) {
    waitingOn.set(t.name, new Set(t.references.filter((r) => r !== t.name && names.has(r))));
  }
  const order: string[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn]
      .filter(([, deps]) => deps.size === 0)
      .map(([name]) => name)
      .sort();
    if (ready.length === 0) {
      throw new BackupError(
        `the foreign keys of tables ${[...waitingOn.keys()].sort().join(', ')} form a cycle`,
      );
    }
    for (const name of ready) {
      order.push(name);
      waitingOn.delete(name);
      for (const deps of waitingOn.values()) deps.delete(name);
    }
  }
  return order;
}
