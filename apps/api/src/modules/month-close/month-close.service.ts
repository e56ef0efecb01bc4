import { HttpStatus, Injectable } from '@nestjs/common';
import { businessMonth, type CloseMonthResponse } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { MonthScoringService } from '../rankings/month-scoring.service';
import { RankingSnapshotsService } from '../rankings/ranking-snapshots.service';
import { PlansService } from '../plans/plans.service';
import { RankingsService } from '../rankings/rankings.service';
import type { RankingPlan } from '../rankings/rankings.types';
import { CloseNotices } from './close-notices';
import { CloseSummaryCheck } from './close-summary-check';
import { planClosedForClose } from './month-close.errors';
import { MonthCloseHooks } from './month-close-hooks.service';

/**
 * The month close (docs/scoring.md): a month is computed on approved figures and frozen, so history and movement
 * never change. A month frozen before is replaced only with a reason (audited, the old snapshot in the event's
 * `before`). The scoring and the snapshot tables are the rankings module's; this module decides when and why.
 */
@Injectable()
export class MonthCloseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingsService,
    private readonly plans: PlansService,
    private readonly scoring: MonthScoringService,
    private readonly snapshots: RankingSnapshotsService,
    private readonly summaryCheck: CloseSummaryCheck,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly closeHooks: MonthCloseHooks,
    private readonly closeNotices: CloseNotices,
  ) {}

  /**
   * Computes the month on approved figures and freezes it. The year-to-date summary is rebuilt first and compared with
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
    let closeNotices: number[] = [];
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
      const frozen = await this.freeze(manager, actor, plan, month, { at: now, reason: why });
      // every unit of the plan hears of the close (or of the re-close and its reason), with the close
      closeNotices = await this.closeNotices.record(
        manager,
        plan,
        month,
        frozen.isReclose && why ? { reason: why } : null,
      );
      return frozen;
    });
    await this.summaryCheck.pushNotices(notices);
    await this.closeNotices.push(closeNotices);
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
    const scored = await this.scoring.score(plan, month, options.at, manager, {
      isFrozen: true,
      computedAt: options.at.toISOString(),
      reason: options.reason,
    });
    const write = {
      planId: plan.id,
      month,
      computedAt: options.at,
      computedBy: actor.principal?.userId ?? null,
      reason: options.reason,
      scored,
    };
    const summary = {
      month,
      computedAt: write.computedAt.toISOString(),
      engineVersion: this.snapshots.engineVersion,
      groups: scored.groups.map((g) => ({
        code: g.code,
        entries: g.entries.map((e) => ({ unitId: e.unitId, rank: e.rank, total: e.total })),
      })),
    };
    if (existing) {
      const before = await this.snapshots.content(existing, manager);
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

  async isFrozen(planId: number, month: string): Promise<boolean> {
    return this.rankings.isFrozen(planId, month);
  }
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
