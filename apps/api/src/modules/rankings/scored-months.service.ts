import { Injectable } from '@nestjs/common';
import { addMonths, businessDate, parseMonth } from '@pacer/shared';
import { DataSource } from 'typeorm';

import { Clock } from '../../common/clock/clock.service';
import { DataVersionCache } from '../../common/cache/data-version-cache';
import { VersionedCache } from '../../common/cache/versioned-cache';
import { PlansService } from '../plans/plans.service';
import { MonthScoringService } from './month-scoring.service';
import { RankingSnapshotsRepository, type SnapshotHeader } from './ranking-snapshots.repository';
import { type PreviousRanks, previousRanksOf } from './ranking-views';
import { type RankingPlan, RankingsRepository } from './rankings.repository';
import type { ScoredMonth } from './scored-month';

/** Scored months kept in memory, live and frozen each (a province's month is ~75 MB of scorecards and cells). */
const MONTHS_KEPT = 3;
/** The previous month's ranks when it is not frozen (or in January): one object, so kept bodies can key on it. */
const NO_RANKS: PreviousRanks = new Map();

/**
 * Scored months as the reads use them, kept in memory: a month comes from its frozen snapshot when it is closed,
 * else it is scored live on approved figures (MonthScoringService) and kept while the scoring data version and the
 * business day are unchanged. Each kept value is named by what it was computed from (keptContentId), for entity tags.
 */
@Injectable()
export class ScoredMonthsService {
  private readonly live: DataVersionCache<ScoredMonth>;
  private readonly frozen = new VersionedCache<ScoredMonth>(MONTHS_KEPT);
  private readonly frozenRanks = new VersionedCache<PreviousRanks>(MONTHS_KEPT);
  /** What each kept month and kept previous ranks were computed from, for entity tags (see keptContentId). */
  private readonly keptIds = new WeakMap<object, string>([[NO_RANKS, 'none']]);

  constructor(
    dataSource: DataSource,
    private readonly rankings: RankingsRepository,
    private readonly snapshots: RankingSnapshotsRepository,
    private readonly clock: Clock,
    private readonly scoring: MonthScoringService,
    private readonly plans: PlansService,
  ) {
    this.live = new DataVersionCache<ScoredMonth>(dataSource, MONTHS_KEPT);
  }

  /**
   * What a whole month from loadMonth, or ranks from previous(), were computed from: `live-<business day>-v<scoring
   * data version>` (with the plan and month, the engine's input), `snapshot-<id>-v<version>` (a re-close bumps the
   * version), `none`. The same on every replica for the same content; for entity tags.
   */
  keptContentId(kept: ScoredMonth | PreviousRanks): string {
    const id = this.keptIds.get(kept);
    // only a month of one unit (a scorecard's key read) is not kept
    if (id === undefined) throw new Error('keptContentId: not a kept month or kept ranks');
    return id;
  }

  /** The month from its snapshot when frozen, else live. */
  async loadMonth(
    plan: RankingPlan,
    month: string,
    options: { withCells: boolean; unitId?: number },
  ): Promise<ScoredMonth> {
    const header = await this.snapshots.findHeader(plan.id, month);
    if (!header) return this.computeLiveFor(plan, month);
    // a whole frozen month is kept, under the snapshot's version (a re-close bumps it); one unit alone is a key read
    const key = String(header.id);
    const withCells = `${header.version}:cells`;
    const kept = this.frozen.peek(key, withCells);
    if (kept) return kept;
    if (options.unitId !== undefined) return this.readFrozen(plan, month, header, options);
    const version = options.withCells ? withCells : `${header.version}:units`;
    return this.frozen.get(key, version, async () => {
      const value = await this.readFrozen(plan, month, header, options);
      this.keptIds.set(value, `snapshot-${header.id}-v${header.version}`);
      return { version, value };
    });
  }

  private async readFrozen(
    plan: RankingPlan,
    month: string,
    header: SnapshotHeader,
    options: { withCells: boolean; unitId?: number },
  ): Promise<ScoredMonth> {
    const [data, units] = await Promise.all([
      this.snapshots.readHeaderData(header.id),
      this.snapshots.readUnits(header.id, options),
    ]);
    return {
      ...data,
      planId: plan.id,
      month,
      monthNo: parseMonth(month).month,
      isFrozen: true,
      computedAt: new Date(header.computedAt).toISOString(),
      reason: header.reason,
      units,
    };
  }

  /** The previous month of the same plan year and its frozen ranks (none in January or when it is not frozen). */
  async previous(plan: RankingPlan, month: string): Promise<{ month: string | null; ranks: PreviousRanks }> {
    if (parseMonth(month).month === 1) return { month: null, ranks: NO_RANKS };
    const before = addMonths(month, -1);
    const header = await this.snapshots.findHeader(plan.id, before);
    if (!header) return { month: before, ranks: NO_RANKS };
    // every ranking and dashboard reads them: kept per snapshot version, like the frozen month itself
    const version = String(header.version);
    const ranks = await this.frozenRanks.get(String(header.id), version, async () => {
      const value = previousRanksOf(await this.snapshots.listRanks(plan.id, before));
      this.keptIds.set(value, `snapshot-${header.id}-v${header.version}`);
      return { version, value };
    });
    return { month: before, ranks };
  }

  /**
   * The month scored live, kept in memory while the scoring data version is unchanged (a province's month takes
   * seconds to score): keyed by plan, month and business day (a report deadline passing changes the counters).
   */
  async computeLiveFor(plan: RankingPlan, month: string): Promise<ScoredMonth> {
    const now = this.clock.now();
    const day = businessDate(now);
    return this.live.get(`${plan.id}:${month}:${day}`, async (manager, version) => {
      const current = (await this.plans.findById(plan.id, manager)) ?? plan;
      const meta = { isFrozen: false, computedAt: null, reason: null };
      // kept as JSON would give it back, like a frozen month (flat strings, under half the engine's heap): the
      // engine's result comes from its worker as JSON (ScoringRunner), the rest is fresh from the database
      const value = await this.scoring.score(current, month, now, manager, meta);
      this.keptIds.set(value, `live-${day}-v${version}`);
      return value;
    });
  }
}
