import { Injectable } from '@nestjs/common';
import type { ScoredCell } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { RankingSnapshotsRepository, type SnapshotHeader } from './ranking-snapshots.repository';
import type { ScoredMonth, ScoredMonthHeader } from './scored-month';
import { SCORING_ENGINE_VERSION } from './scoring-input';

/** A month to freeze: its scored content and who froze it when, and why when it is a re-close. */
export interface SnapshotToWrite {
  planId: number;
  month: string;
  computedAt: Date;
  computedBy: number | null;
  reason: string | null;
  scored: ScoredMonth;
}

/**
 * The frozen months (ranking_snapshot, ranking_snapshot_unit) for the modules that close months and draw on them:
 * the rankings module owns the tables; the month close writes through here, the dashboard and the 通报 read.
 */
@Injectable()
export class RankingSnapshotsService {
  /** The engine version written with each snapshot. */
  readonly engineVersion = SCORING_ENGINE_VERSION;

  constructor(private readonly snapshots: RankingSnapshotsRepository) {}

  findHeader(planId: number, month: string, manager?: EntityManager): Promise<SnapshotHeader | null> {
    return this.snapshots.findHeader(planId, month, manager);
  }

  /** One unit's frozen cells of every frozen month up to `month` (the dashboard's trend, the 通报). */
  listUnitCellsByMonth(
    planId: number,
    unitId: number,
    month: string,
  ): Promise<Array<{ month: string; cells: ScoredCell[] }>> {
    return this.snapshots.listUnitCellsByMonth(planId, unitId, month);
  }

  /** A first close's snapshot, in the caller's transaction; answers its id. */
  insert(manager: EntityManager, snapshot: SnapshotToWrite): Promise<number> {
    return this.snapshots.insert(manager, this.toWrite(snapshot));
  }

  /** A re-close: the snapshot's content replaced (its version bumped), in the caller's transaction. */
  replace(manager: EntityManager, id: number, snapshot: SnapshotToWrite): Promise<void> {
    return this.snapshots.replace(manager, id, this.toWrite(snapshot));
  }

  /** Everything a snapshot holds, for the audit event of its replacement. */
  async content(header: SnapshotHeader, manager: EntityManager) {
    // one connection in a transaction: one statement after the other
    const data = await this.snapshots.readHeaderData(header.id, manager);
    const units = await this.snapshots.readUnits(header.id, { withCells: true }, manager);
    return {
      month: header.month,
      computedAt: new Date(header.computedAt).toISOString(),
      computedBy: header.computedBy,
      reason: header.reason,
      engineVersion: header.engineVersion,
      data,
      units,
    };
  }

  private toWrite({ scored, ...who }: SnapshotToWrite) {
    const { units, ...header } = scored;
    return { ...who, engineVersion: SCORING_ENGINE_VERSION, header: headerOf(header), units };
  }
}

function headerOf(m: Omit<ScoredMonth, 'units'>): ScoredMonthHeader {
  return {
    expected: m.expected,
    yellowBand: m.yellowBand,
    listSize: m.listSize,
    displayDecimals: m.displayDecimals,
    indicators: m.indicators,
    columns: m.columns,
    groups: m.groups,
    warnings: m.warnings,
    boards: m.boards ?? [],
    awards: m.awards ?? [],
  };
}
