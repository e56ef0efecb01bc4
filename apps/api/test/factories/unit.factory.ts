import type { DataSource } from 'typeorm';

export interface UnitSpec {
  code: string;
  name: string;
  category: string;
  parent?: string;
  sortOrder?: number;
}

/** Inserts units (parents before children) with their closure rows; returns code → id. */
export async function insertUnits(dataSource: DataSource, specs: UnitSpec[]): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [i, spec] of specs.entries()) {
    const parentId = spec.parent ? ids[spec.parent] : null;
    if (spec.parent && !parentId) throw new Error(`parent ${spec.parent} of ${spec.code} not inserted yet`);
    const rows = await dataSource.query(
      `INSERT INTO unit (code, name, category, parent_id, sort_order) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [spec.code, spec.name, spec.category, parentId, spec.sortOrder ?? i],
    );
    const id = rows[0].id as number;
    await dataSource.query(
      `INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
       SELECT $1::int, $1::int, 0 UNION ALL SELECT c.ancestor_id, $1::int, c.depth + 1 FROM unit_closure c WHERE c.descendant_id = $2::int`,
      [id, parentId],
    );
    ids[spec.code] = id;
  }
  return ids;
}

/** A small county: 示范县 with two towns, a department and a park. */
export const SMALL_COUNTY: UnitSpec[] = [
  { code: 'XIAN', name: '示范县', category: 'county' },
  { code: 'T01', name: '城关镇', category: 'town', parent: 'XIAN' },
  { code: 'T02', name: '青山镇', category: 'town', parent: 'XIAN' },
  { code: 'D01', name: '县发展和改革局', category: 'department', parent: 'XIAN' },
  { code: 'P01', name: '县经济开发区', category: 'park', parent: 'XIAN' },
  { code: 'P01A', name: '开发区东区管委会', category: 'park', parent: 'P01' },
];
