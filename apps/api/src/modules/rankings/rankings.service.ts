import { Injectable } from '@nestjs/common';
import {
  type RankingResponse,
  type RankMovement,
  type ScorecardResponse,
  type ScoringInputResponse,
  type ScoringPlanConfig,
  showsOwnLine,
} from '@pacer/shared';
import { DataSource } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { Clock } from '../../common/clock/clock.service';
import { entityTag, KeptBodies, type KeptJson } from '../../common/http/kept-json';
import { PlansService } from '../plans/plans.service';
import { MonthScoringService } from './month-scoring.service';
import { RankingSnapshotsRepository } from './ranking-snapshots.repository';
import { ownCellsOf } from './own-cells';
import {
  movementOf,
  type PreviousRanks,
  toRankingResponse,
  toScorecardCells,
  toScorecardResponse,
} from './ranking-views';
import { type RankingPlan, RankingsRepository } from './rankings.repository';
import type { ScoredMonth, ScoredUnitView } from './scored-month';
import { ScoredMonthsService } from './scored-months.service';
import { SCORING_ENGINE_VERSION } from './scoring-input';

/** The ranking answer's shape, in its entity tag: bump it when toRankingResponse answers differently. */
const RANKING_BODY = 'ranking/1';

/**
 * Scores and ranks (docs/scoring.md): a month is read from its frozen snapshot when it is closed, else computed live
 * on approved figures (ScoredMonthsService keeps both; MonthScoringService scores). Closing a month and freezing its
 * snapshot is the month-close module's (MonthCloseService), so history and movement never change.
 */
@Injectable()
export class RankingsService {
  /** The engine version, part of every entity tag of a scored answer. */
  readonly engineVersion = SCORING_ENGINE_VERSION;
  /** Serialized rankings per kept month, previous ranks and group. */
  private readonly rankingBodies = new KeptBodies();

  constructor(
    private readonly rankings: RankingsRepository,
    private readonly snapshots: RankingSnapshotsRepository,
    private readonly months: ScoredMonthsService,
    private readonly scoring: MonthScoringService,
    private readonly plans: PlansService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

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

  /** The ranking of a scored month (loadMonth) against the previous month's ranks (previous), all groups. */
  rankingOf(scored: ScoredMonth, previous: { month: string | null; ranks: PreviousRanks }): RankingResponse {
    return toRankingResponse(scored, previous, undefined);
  }

  /** A unit's movement against the previous frozen month's ranks. */
  movementOf(unit: ScoredUnitView, previous: PreviousRanks): RankMovement {
    return movementOf(unit, previous);
  }

  /** What a kept month or kept previous ranks were computed from, for entity tags (ScoredMonthsService). */
  keptContentId(kept: ScoredMonth | PreviousRanks): string {
    return this.months.keptContentId(kept);
  }

  async getScorecard(
    actor: Actor,
    planId: number,
    unitId: number,
    month: string,
  ): Promise<ScorecardResponse> {
    const plan = await this.requireVisiblePlan(actor, planId, month);
    const ownFigures = plan.ownFigures ?? 'none';
    // a parent's （本级） cells need its units' cells: the whole month then (kept), else the unit alone
    const scored = await this.loadMonth(plan, month, {
      withCells: true,
      ...(ownFigures === 'none' ? { unitId } : {}),
    });
    const unit = scored.units.find((u) => u.unitId === unitId);
    // a unit of another tree (or inactive, or added after the month was frozen) has no scorecard here
    if (!unit) throw ApiException.notFound('单位', 'Unit');
    const previous = await this.previous(plan, month);
    const response = toScorecardResponse(scored, unit, previous.ranks);
    const below = scored.units.filter((u) => u.parentId === unit.unitId);
    if (!showsOwnLine(ownFigures, { depth: unit.depth, hasChildren: below.length > 0 })) return response;
    const own = ownCellsOf(unit, below, scored.indicators, {
      ownFigures,
      scoring: plan.scoring as ScoringPlanConfig | undefined,
      displayDecimals: scored.displayDecimals,
      yellowBand: scored.yellowBand,
    });
    return { ...response, ownCells: toScorecardCells(scored, { ...unit, cells: own }) };
  }

  /** The month computed now on approved figures, whether or not it is frozen (what a close would freeze). */
  async computeLive(planId: number, month: string): Promise<ScoredMonth> {
    const plan = await this.plans.requirePlanMonth(planId, month);
    return this.months.computeLiveFor(plan, month);
  }

  async isFrozen(planId: number, month: string): Promise<boolean> {
    return (await this.snapshots.findHeader(planId, month)) !== null;
  }

  /** A plan the caller may see, and a month of its year (400 naming `month` otherwise). */
  requireVisiblePlan(actor: Actor, planId: number, month: string): Promise<RankingPlan> {
    return this.plans.requirePlanMonth(planId, month, { scope: scopeParam(actor.principal) });
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
      const input = await this.scoring.input(plan, month, at, manager);
      const formulas = await this.rankings.listFormulas(plan.id, manager);
      return { planId: plan.id, month, engineVersion: SCORING_ENGINE_VERSION, input, formulas };
    });
  }

  /** The month from its snapshot when frozen, else live (ScoredMonthsService). */
  loadMonth(
    plan: RankingPlan,
    month: string,
    options: { withCells: boolean; unitId?: number },
  ): Promise<ScoredMonth> {
    return this.months.loadMonth(plan, month, options);
  }

  /** The previous month of the same plan year and its frozen ranks (none in January or when it is not frozen). */
  previous(plan: RankingPlan, month: string): Promise<{ month: string | null; ranks: PreviousRanks }> {
    return this.months.previous(plan, month);
  }
}
