import { Injectable } from '@nestjs/common';
import type { ScoredCell } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { ScoredMonthHeader, ScoredUnitView } from './scored-month';

export interface SnapshotHeader {
  id: number;
  planId: number;
  month: string;
  computedAt: Date;
  computedBy: number | null;
  reason: string | null;
  engineVersion: string;
  /** Bumped by a re-close. */
  version: number;
}

export interface SnapshotWrite {
  planId: number;
  month: string;
  computedAt: Date;
  computedBy: number | null;
  reason: string | null;
  engineVersion: string;
  header: ScoredMonthHeader;
  units: ScoredUnitView[];
}

export interface SnapshotRank {
  unitId: number;
  groupCode: string | null;
  rank: number | null;
}

const HEADER_COLUMNS = `s.id, s.plan_id AS "planId", s.month, s.computed_at AS "computedAt", s.computed_by AS "computedBy",
  s.reason, s.engine_version AS "engineVersion", s.version`;

/** SQL of the frozen rankings: a header per (plan, month) and a row per scored unit. */
@Injectable()
export class RankingSnapshotsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async findHeader(planId: number, month: string, manager?: EntityManager): Promise<SnapshotHeader | null> {
    const rows: SnapshotHeader[] = await this.q(manager).query(
      `SELECT ${HEADER_COLUMNS} FROM ranking_snapshot s WHERE s.plan_id = $1 AND s.month = $2`,
      [planId, month],
    );
    return rows[0] ?? null;
  }

  async readHeaderData(snapshotId: number, manager?: EntityManager): Promise<ScoredMonthHeader> {
    const rows: Array<{ data: ScoredMonthHeader }> = await this.q(manager).query(
      'SELECT data FROM ranking_snapshot WHERE id = $1',
      [snapshotId],
    );
    return rows[0]!.data;
  }

  /** The frozen units in tree order; cells only when asked (they are most of a snapshot's size). */
  async readUnits(
    snapshotId: number,
    options: { withCells: boolean; unitId?: number },
    manager?: EntityManager,
  ): Promise<ScoredUnitView[]> {
    const rows: Array<{ scorecard: Omit<ScoredUnitView, 'cells'>; cells: ScoredCell[] | null }> =
      await this.q(manager).query(
        `SELECT scorecard, CASE WHEN $2 THEN cells END AS cells FROM ranking_snapshot_unit
        WHERE snapshot_id = $1 AND ($3::int IS NULL OR unit_id = $3)
        ORDER BY position`,
        [snapshotId, options.withCells, options.unitId ?? null],
      );
    return rows.map((r) => ({ ...r.scorecard, cells: r.cells ?? [] }));
  }

  /** Ranks of a frozen month (for movement); empty when the month is not frozen. */
  async listRanks(planId: number, month: string, manager?: EntityManager): Promise<SnapshotRank[]> {
    return this.q(manager).query(
      `SELECT su.unit_id AS "unitId", su.group_code AS "groupCode", su.rank
         FROM ranking_snapshot s JOIN ranking_snapshot_unit su ON su.snapshot_id = s.id
        WHERE s.plan_id = $1 AND s.month = $2`,
      [planId, month],
    );
  }

  /** One unit's frozen cells of every frozen month up to `month` (the dashboard's trend). */
  async listUnitCellsByMonth(
    planId: number,
    unitId: number,
    month: string,
    manager?: EntityManager,
  ): Promise<Array<{ month: string; cells: ScoredCell[] }>> {
    return this.q(manager).query(
      `SELECT s.month, su.cells FROM ranking_snapshot s JOIN ranking_snapshot_unit su ON su.snapshot_id = s.id
        WHERE s.plan_id = $1 AND su.unit_id = $2 AND s.month <= $3
        ORDER BY s.month`,
      [planId, unitId, month],
    );
  }

  async insert(manager: EntityManager, snapshot: SnapshotWrite): Promise<number> {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO ranking_snapshot (plan_id, month, computed_at, computed_by, reason, engine_version, data,
                                     created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $3, $3) RETURNING id`,
      [
        snapshot.planId,
        snapshot.month,
        snapshot.computedAt,
        snapshot.computedBy,
        snapshot.reason,
        snapshot.engineVersion,
        JSON.stringify(snapshot.header),
      ],
    );
    const id = rows[0]!.id;
    await this.insertUnits(manager, id, snapshot.units);
    return id;
  }

  /** A re-close: the header is rewritten and the unit rows replaced, in the caller's transaction. */
  async replace(manager: EntityManager, id: number, snapshot: SnapshotWrite): Promise<void> {
    await manager.query(
      `UPDATE ranking_snapshot
          SET computed_at = $2, computed_by = $3, reason = $4, engine_version = $5, data = $6::jsonb,
              updated_at = $2, version = version + 1
        WHERE id = $1`,
      [
        id,
        snapshot.computedAt,
        snapshot.computedBy,
        snapshot.reason,
        snapshot.engineVersion,
        JSON.stringify(snapshot.header),
      ],
    );
    await manager.query('DELETE FROM ranking_snapshot_unit WHERE snapshot_id = $1', [id]);
    await this.insertUnits(manager, id, snapshot.units);
  }

  /** One statement for every unit of the snapshot. */
  private async insertUnits(
    manager: EntityManager,
    snapshotId: number,
    units: ScoredUnitView[],
  ): Promise<void> {
    const rows = units.map(({ cells, ...scorecard }, position) => ({
      unit_id: scorecard.unitId,
      position,
      group_code: scorecard.groupCode,
      rank: scorecard.rank,
      list: scorecard.list,
      total: scorecard.total,
      scorecard,
      cells,
    }));
    await manager.query(
      `INSERT INTO ranking_snapshot_unit (snapshot_id, unit_id, position, group_code, rank, list, total, scorecard, cells)
       SELECT $1, x.unit_id, x.position, x.group_code, x.rank, x.list, x.total, x.scorecard, x.cells
         FROM jsonb_to_recordset($2::jsonb)
              AS x(unit_id int, position int, group_code text, rank int, list text, total numeric, scorecard jsonb,
                   cells jsonb)`,
      [snapshotId, JSON.stringify(rows)],
    );
  }
}
