import { Injectable } from '@nestjs/common';
import type { ScoringEntryRow } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';
import { assessedUnitSql } from '../../common/sql/plan-tree.sql';

/** A stored entry without the item name (the service adds it from the plan's scoring). */
export type StoredScoringEntry = Omit<ScoringEntryRow, 'itemName'>;

export interface NewScoringEntry {
  planId: number;
  unitId: number;
  itemCode: string;
  month: string;
  counter: string | null;
  count: string | null;
  points: string | null;
  reason: string;
  createdBy: number | null;
}

const COLUMNS = `e.id, e.plan_id AS "planId", e.unit_id AS "unitId", u.name AS "unitName", e.item_code AS "itemCode",
  e.month, e.counter, trim_scale(e.count)::text AS count, trim_scale(e.points)::text AS points, e.reason,
  au.display_name AS "createdBy", e.created_at AS "createdAt"`;

type RawEntry = Omit<StoredScoringEntry, 'createdAt'> & { createdAt: Date };

function toRow(r: RawEntry): StoredScoringEntry {
  return { ...r, createdAt: new Date(r.createdAt).toISOString() };
}

/** SQL of the scoring entries the office records by hand. */
@Injectable()
export class ScoringEntriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async listByPlan(planId: number): Promise<StoredScoringEntry[]> {
    const rows: RawEntry[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM scoring_manual_entry e JOIN unit u ON u.id = e.unit_id
         LEFT JOIN app_user au ON au.id = e.created_by
        WHERE e.plan_id = $1 AND e.deleted_at IS NULL
        ORDER BY e.month, u.sort_order, e.id`,
      [planId],
    );
    return rows.map(toRow);
  }

  async findLive(id: number, manager?: EntityManager): Promise<StoredScoringEntry | null> {
    const rows: RawEntry[] = await this.q(manager).query(
      `SELECT ${COLUMNS} FROM scoring_manual_entry e JOIN unit u ON u.id = e.unit_id
         LEFT JOIN app_user au ON au.id = e.created_by
        WHERE e.id = $1 AND e.deleted_at IS NULL`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The unit when it is an active unit below the plan's root (an entry scores an assessed unit). */
  async findAssessedUnit(
    rootUnitId: number,
    unitId: number,
    manager?: EntityManager,
  ): Promise<{ id: number; category: string } | null> {
    const rows = await this.q(manager).query(
      `SELECT u.id, u.category FROM unit_closure c JOIN unit u ON u.id = c.descendant_id
        WHERE ${assessedUnitSql('$1')} AND c.descendant_id = $2`,
      [rootUnitId, unitId],
    );
    return rows[0] ?? null;
  }

  async insert(manager: EntityManager, entry: NewScoringEntry): Promise<number> {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO scoring_manual_entry (plan_id, unit_id, item_code, month, counter, count, points, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::numeric, $7::numeric, $8, $9) RETURNING id`,
      [
        entry.planId,
        entry.unitId,
        entry.itemCode,
        entry.month,
        entry.counter,
        entry.count,
        entry.points,
        entry.reason,
        entry.createdBy,
      ],
    );
    return rows[0]!.id;
  }

  /** Soft delete; false when the entry is gone already (a concurrent delete). */
  async softDelete(
    manager: EntityManager,
    id: number,
    userId: number | null,
    reason: string,
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE scoring_manual_entry SET deleted_at = now(), deleted_by = $2, deleted_reason = $3
        WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id, userId, reason],
    );
    return returnedRows(result).length > 0;
  }
}
