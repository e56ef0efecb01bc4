import { Injectable } from '@nestjs/common';
import type { UnitRow } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';

const UNIT_COLUMNS = `u.id, u.code, u.name, u.short_name AS "shortName", u.category, u.parent_id AS "parentId",
  u.sort_order AS "sortOrder", u.is_active AS "isActive",
  (SELECT max(c.depth) FROM unit_closure c WHERE c.descendant_id = u.id)::int AS depth,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.version`;

interface RawUnit extends Omit<UnitRow, 'createdAt' | 'updatedAt'> {
  createdAt: Date;
  updatedAt: Date;
}

function toRow(r: RawUnit): UnitRow {
  return { ...r, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString() };
}

@Injectable()
export class UnitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Every unit in tree order (depth-first by sort order), optionally under one root. */
  async listTree(rootId?: number, manager?: EntityManager): Promise<UnitRow[]> {
    const rows: RawUnit[] = await this.q(manager).query(
      `WITH RECURSIVE walk AS (
         SELECT u.id, ARRAY[u.sort_order, u.id] AS path FROM unit u
          WHERE ($1::int IS NULL AND u.parent_id IS NULL) OR u.id = $1
         UNION ALL
         SELECT c.id, w.path || ARRAY[c.sort_order, c.id] FROM unit c JOIN walk w ON c.parent_id = w.id
       )
       SELECT ${UNIT_COLUMNS} FROM walk JOIN unit u ON u.id = walk.id ORDER BY walk.path`,
      [rootId ?? null],
    );
    return rows.map(toRow);
  }

  async findById(id: number, manager?: EntityManager): Promise<UnitRow | null> {
    const rows: RawUnit[] = await this.q(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async lockById(manager: EntityManager, id: number): Promise<void> {
    await manager.query('SELECT id FROM unit WHERE id = $1 FOR UPDATE', [id]);
  }

  async codeTaken(manager: EntityManager, code: string, exceptId?: number): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM unit WHERE lower(code) = lower($1) AND id <> coalesce($2, 0)', [
      code,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }

  async isDescendant(manager: EntityManager, ancestorId: number, candidateId: number): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM unit_closure WHERE ancestor_id = $1 AND descendant_id = $2', [
      ancestorId,
      candidateId,
    ]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    unit: { code: string; name: string; shortName: string | null; category: string; parentId: number | null; sortOrder: number },
  ): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO unit (code, name, short_name, category, parent_id, sort_order) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [unit.code, unit.name, unit.shortName, unit.category, unit.parentId, unit.sortOrder],
    );
    const id: number = rows[0].id;
    // the closure: itself at depth 0, plus every ancestor of the parent one level deeper
    await manager.query(
      `INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
       SELECT $1::int, $1::int, 0
       UNION ALL
       SELECT c.ancestor_id, $1::int, c.depth + 1 FROM unit_closure c WHERE c.descendant_id = $2::int`,
      [id, unit.parentId],
    );
    return id;
  }

  async update(
    manager: EntityManager,
    id: number,
    version: number,
    patch: { name?: string; shortName?: string | null; category?: string; sortOrder?: number; isActive?: boolean },
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE unit SET name = coalesce($3, name),
              short_name = CASE WHEN $4::boolean THEN $5 ELSE short_name END,
              category = coalesce($6, category), sort_order = coalesce($7, sort_order),
              is_active = coalesce($8, is_active), updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2`,
      [
        id,
        version,
        patch.name ?? null,
        patch.shortName !== undefined,
        patch.shortName ?? null,
        patch.category ?? null,
        patch.sortOrder ?? null,
        patch.isActive ?? null,
      ],
    );
    return affectedRows(result) === 1;
  }

  /** Re-parents a subtree and rewrites its closure rows (the caller has checked for cycles). */
  async move(manager: EntityManager, id: number, newParentId: number | null): Promise<void> {
    await manager.query('UPDATE unit SET parent_id = $2 WHERE id = $1', [id, newParentId]);
    // drop the links from the subtree to its old ancestors
    await manager.query(
      `DELETE FROM unit_closure WHERE descendant_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $1)
         AND ancestor_id NOT IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = $1)`,
      [id],
    );
    if (newParentId !== null) {
      await manager.query(
        `INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
         SELECT up.ancestor_id, down.descendant_id, up.depth + down.depth + 1
           FROM unit_closure up CROSS JOIN unit_closure down
          WHERE up.descendant_id = $2 AND down.ancestor_id = $1`,
        [id, newParentId],
      );
    }
  }
}
