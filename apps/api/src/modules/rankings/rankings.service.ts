import { HttpStatus, Injectable } from '@nestjs/common';
import {
  addMonths,
  businessDate,
  businessMonth,
  type CloseMonthResponse,
  parseMonth,
  type RankingResponse,
  reportDeadline,
  type ScorecardResponse,
  type ScoringInputResponse,
  ScoringConfigError,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { entityTag, KeptBodies, type KeptJson } from '../../common/http/kept-json';
import { AuditService } from '../audit/audit.service';
import { PlansService } from '../plans/plans.service';
import { RankingSnapshotsRepository, type SnapshotHeader } from './ranking-snapshots.repository';
import { CloseSummaryCheck } from './close-summary-check';
import { type PreviousRanks, previousRanksOf, toRankingResponse, toScorecardResponse } from './ranking-views';
import { MonthCloseHooks } from './month-close-hooks';
import { planClosedForClose, scoringConfigInvalid } from './rankings.errors';
import { monthString, type RankingPlan, RankingsRepository } from './rankings.repository';
import type { ScoredMonth, ScoredMonthHeader } from './scored-month';
import { ScoringRunner } from './scoring-runner';
import { DataVersionCache } from '../../common/cache/data-version-cache';
import { VersionedCache } from '../../common/cache/versioned-cache';
import {
  builtInCounters,
  LATE_START_MONTHS,
  type LoadedScoringData,
  referencedSources,
  SCORING_ENGINE_VERSION,
  toEngineInput,
  toScoredMonth,
} from './scoring-input';

/** Scored months kept in memory, live and frozen each (a province's month is ~75 MB of scorecards and cells). */
const MONTHS_KEPT = 3;
/** The previous month's ranks when it is not frozen (or in January): one object, so kept bodies can key on it. */
const NO_RANKS: PreviousRanks = new Map();
/** The ranking answer's shape, in its entity tag: bump it when toRankingResponse answers differently. */
const RANKING_BODY = 'ranking/1';

/**
 * Scores and ranks (docs/scoring.md): a month is read from its frozen snapshot when it is closed, else computed live
 * on approved figures; closing a month computes it and freezes the snapshot, so history and movement never change.
 */
@Injectable()
export class RankingsService {
  private readonly live: DataVersionCache<ScoredMonth>;
  private readonly frozen = new VersionedCache<ScoredMonth>(MONTHS_KEPT);
  private readonly frozenRanks = new VersionedCache<PreviousRanks>(MONTHS_KEPT);
  /** What each kept month and kept previous ranks were computed from, for entity tags (see keptContentId). */
  private readonly keptIds = new WeakMap<object, string>([[NO_RANKS, 'none']]);
  /** Serialized rankings per kept month, previous ranks and group. */
  private readonly rankingBodies = new KeptBodies();

  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingsRepository,
    private readonly snapshots: RankingSnapshotsRepository,
    private readonly summaryCheck: CloseSummaryCheck,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly closeHooks: MonthCloseHooks,
    private readonly scoring: ScoringRunner,
    private readonly plans: PlansService,
  ) {
    this.live = new DataVersionCache<ScoredMonth>(dataSource, MONTHS_KEPT);
  }

  async getRanking(actor: Actor, planId: number, month: string, group?: string): Promise<RankingResponse> {
    const { scored, previous } = await this.rankingSources(actor, planId, month, group);
    return toRankingResponse(scored, previous, group);
  }

  /**
   * The ranking as the route sends it: JSON.stringify(getRanking(…)) kept per kept month, previous ranks and group
   * (built once while they stay kept), under an entity tag naming what it was computed from. Nothing in it depends
   * on the caller beyond seeing the plan, which is checked first.
   */
  async getRankingBody(actor: Actor, planId: number, month: string, group?: string): Promise<KeptJson> {
    const { plan, scored, previous } = await this.rankingSources(actor, planId, month, group);
    return {
      etag: entityTag([
        RANKING_BODY,
        SCORING_ENGINE_VERSION,
        `plan-${plan.id}`,
        month,
        this.keptContentId(scored),
        `previous-${this.keptContentId(previous.ranks)}`,
        group === undefined ? 'all-groups' : `group-${group}`,
      ]),
      body: this.rankingBodies.get([scored, previous.ranks], group ?? '', () =>
        toRankingResponse(scored, previous, group),
      ),
    };
  }

  private async rankingSources(actor: Actor, planId: number, month: string, group: string | undefined) {
    const plan = await this.requireVisiblePlan(actor, planId, month);
    if (group !== undefined && !plan.rankingGroups.some((g) => g.code === group)) {
      throw ApiException.field(
        'group',
        'unknownGroup',
        `本计划没有编码为 ${group} 的考核分组`,
        `no ranking group ${group} in this plan`,
      );
    }
    const scored = await this.loadMonth(plan, month, { withCells: false });
    return { plan, scored, previous: await this.previous(plan, month) };
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

  async getScorecard(
    actor: Actor,
    planId: number,
    unitId: number,
    month: string,
  ): Promise<ScorecardResponse> {
    const plan = await this.requireVisiblePlan(actor, planId, month);
    const scored = await this.loadMonth(plan, month, { withCells: true, unitId });
    const unit = scored.units.find((u) => u.unitId === unitId);
    // a unit of another tree (or inactive, or added after the month was frozen) has no scorecard here
    if (!unit) throw ApiException.notFound('单位', 'Unit');
    const previous = await this.previous(plan, month);
    return toScorecardResponse(scored, unit, previous.ranks);
  }

  /**
   * Computes the month on approved figures and freezes it. A month frozen before is replaced only with a reason
   * (audited, the old snapshot in the event's `before`). The year-to-date summary is rebuilt first and compared with
   * the maintained one (CloseSummaryCheck: a difference is logged, audited and told to the admins), inside the same
   * transaction and under its plan lock, so no approval or ledger change can slip in between. After the commit the
   * close hooks run (the draft 通报); their failure never fails the close.
   */
  async closeMonth(
    actor: Actor,
    planId: number,
    month: string,
    reason?: string,
  ): Promise<CloseMonthResponse> {
    const why = reason?.trim() || null;
    let notices: number[] = [];
    const closed = await this.dataSource.transaction(async (manager) => {
      const plan = await this.plans.requirePlanMonth(planId, month, {
        scope: scopeParam(actor.principal),
        manager,
      });
      if (plan.status !== 'published') throw planNotOpen(plan.status);
      const now = this.clock.now();
      if (month >= businessMonth(now)) {
        throw ApiException.field(
          'month',
          'monthNotEnded',
          `${month} 尚未结束，不能关账`,
          `${month} has not ended yet`,
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      notices = await this.summaryCheck.checkAndRebuild(manager, actor, plan, month);
      return this.freeze(manager, actor, plan, month, { at: now, reason: why });
    });
    await this.summaryCheck.pushNotices(notices);
    await this.closeHooks.closed({ actor, planId: closed.planId, month });
    return closed;
  }

  /**
   * Scores the month and writes its snapshot, in the caller's transaction, whose year-to-date summary must be current
   * (closeMonth rebuilds it; the demo seed has just built it). `at` is the time of the computation.
   */
  async freeze(
    manager: EntityManager,
    actor: Actor,
    plan: RankingPlan,
    month: string,
    options: { at: Date; reason: string | null },
  ): Promise<CloseMonthResponse> {
    const existing = await this.snapshots.findHeader(plan.id, month, manager);
    if (existing && !options.reason) {
      throw ApiException.field(
        'reason',
        'required',
        `${month} 已关账，重新关账须填写原因`,
        `${month} is closed already; closing it again needs a reason`,
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    const scored = await this.score(plan, month, options.at, manager, {
      isFrozen: true,
      computedAt: options.at.toISOString(),
      reason: options.reason,
    });
    const { units, ...header } = scored;
    const write = {
      planId: plan.id,
      month,
      computedAt: options.at,
      computedBy: actor.principal?.userId ?? null,
      reason: options.reason,
      engineVersion: SCORING_ENGINE_VERSION,
      header: headerOf(header),
      units,
    };
    const summary = {
      month,
      computedAt: write.computedAt.toISOString(),
      engineVersion: SCORING_ENGINE_VERSION,
      groups: scored.groups.map((g) => ({
        code: g.code,
        entries: g.entries.map((e) => ({ unitId: e.unitId, rank: e.rank, total: e.total })),
      })),
    };
    if (existing) {
      const before = await this.snapshotContent(existing, manager);
      await this.snapshots.replace(manager, existing.id, write);
      await this.audit.record(manager, actor, {
        action: 'ranking.reclose',
        objectType: 'ranking_snapshot',
        objectId: existing.id,
        before,
        after: summary,
        detail: { planId: plan.id, month, reason: options.reason },
      });
    } else {
      const id = await this.snapshots.insert(manager, write);
      await this.audit.record(manager, actor, {
        action: 'ranking.close',
        objectType: 'ranking_snapshot',
        objectId: id,
        after: summary,
        detail: { planId: plan.id, month, ...(options.reason ? { reason: options.reason } : {}) },
      });
    }
    return {
      planId: plan.id,
      month,
      computedAt: write.computedAt.toISOString(),
      isReclose: existing !== null,
    };
  }

  /**
   * freeze() for a plan given by id, in the caller's transaction (the demo seed freezes the months it built as if
   * each had been closed on its day).
   */
  async freezePlanMonth(
    manager: EntityManager,
    actor: Actor,
    planId: number,
    month: string,
    options: { at: Date; reason: string | null },
  ): Promise<CloseMonthResponse> {
    const plan = await this.plans.requirePlanMonth(planId, month, { manager });
    return this.freeze(manager, actor, plan, month, options);
  }

  /** The month computed now on approved figures, whether or not it is frozen (what a close would freeze). */
  async computeLive(planId: number, month: string): Promise<ScoredMonth> {
    const plan = await this.plans.requirePlanMonth(planId, month);
    return this.computeLiveFor(plan, month);
  }

  async isFrozen(planId: number, month: string): Promise<boolean> {
    return (await this.snapshots.findHeader(planId, month)) !== null;
  }

  /** A plan the caller may see, and a month of its year (400 naming `month` otherwise). */
  async requireVisiblePlan(actor: Actor, planId: number, month: string): Promise<RankingPlan> {
    return this.plans.requirePlanMonth(planId, month, { scope: scopeParam(actor.principal) });
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
  private async computeLiveFor(plan: RankingPlan, month: string): Promise<ScoredMonth> {
    const now = this.clock.now();
    const day = businessDate(now);
    return this.live.get(`${plan.id}:${month}:${day}`, async (manager, version) => {
      const current = (await this.rankings.findVisiblePlan(plan.id, null, manager)) ?? plan;
      const meta = { isFrozen: false, computedAt: null, reason: null };
      // kept as JSON would give it back, like a frozen month (flat strings, under half the engine's heap): the
      // engine's result comes from its worker as JSON (ScoringRunner), the rest is fresh from the database
      const value = await this.score(current, month, now, manager, meta);
      this.keptIds.set(value, `live-${day}-v${version}`);
      return value;
    });
  }

  private async score(
    plan: RankingPlan,
    month: string,
    at: Date,
    manager: EntityManager,
    meta: { isFrozen: boolean; computedAt: string | null; reason: string | null },
  ): Promise<ScoredMonth> {
    const data = await this.load(plan, parseMonth(month).month, at, manager);
    try {
      // the engine runs in a worker thread: other requests are served meanwhile
      return toScoredMonth(data, await this.scoring.score(toEngineInput(data)), { month, ...meta });
    } catch (error) {
      if (!(error instanceof ScoringConfigError)) throw error;
      throw scoringConfigInvalid(error.issues);
    }
  }

  private async load(
    plan: RankingPlan,
    monthNo: number,
    at: Date,
    manager: EntityManager,
  ): Promise<LoadedScoringData> {
    const sources = referencedSources(plan.scoring);
    const today = businessDate(at);
    const overdueMonths = Array.from({ length: monthNo }, (_, i) => monthString(plan.year, i + 1)).filter(
      (m) => today > reportDeadline(m, plan.reportDeadlineDay),
    );
    const month = monthString(plan.year, monthNo);
    // one connection in a transaction: the statements run one after the other
    const units = await this.rankings.listTreeUnits(plan.rootUnitId, manager);
    const indicators = await this.rankings.listIndicators(plan.id, manager);
    const targets = await this.rankings.listTargets(plan.id, manager);
    const actuals = await this.rankings.listActuals(plan.id, monthNo, manager);
    const counters = await this.rankings.listCounters(
      plan,
      builtInCounters(sources.counters),
      { monthNo, overdueMonths, lateStartMonths: LATE_START_MONTHS },
      manager,
    );
    const projects = sources.lists.has('signed')
      ? await this.rankings.listSignedProjects(plan, monthNo, manager)
      : [];
    const manual = await this.rankings.listManualEntries(plan.id, month, manager);
    const history = await this.rankings.listHistory(plan, manager);
    return { plan, monthNo, units, indicators, targets, actuals, counters, projects, manual, history };
  }

  /**
   * The engine's input of the month as the live ranking scores it now (what a close would freeze), read in one
   * snapshot, for the what-if: scored with `scorePlan` it gives exactly the live ranking.
   */
  async getScoringInput(actor: Actor, planId: number, month: string): Promise<ScoringInputResponse> {
    const plan = await this.requireVisiblePlan(actor, planId, month);
    const at = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // one connection in a transaction: one statement after the other
      const data = await this.load(plan, parseMonth(month).month, at, manager);
      const formulas = await this.rankings.listFormulas(plan.id, manager);
      return {
        planId: plan.id,
        month,
        engineVersion: SCORING_ENGINE_VERSION,
        input: toEngineInput(data),
        formulas,
      };
    });
  }

  /** Everything a snapshot holds, for the audit event of its replacement. */
  private async snapshotContent(header: SnapshotHeader, manager: EntityManager) {
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
  };
}

function planNotOpen(status: string): ApiException {
  return status === 'closed'
    ? planClosedForClose()
    : ApiException.field(
        'status',
        'planNotPublished',
        '计划尚未发布，不能关账',
        'The plan is not published yet',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
}
