import { Injectable } from '@nestjs/common';
import { businessMonth, monthsOfYear, type PlanMonthsResponse } from '@pacer/shared';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { PlansService } from '../plans/plans.service';
import { MonthsRepository } from './months.repository';

/**
 * The month-close screen's list: which months of the plan year have ended, which are frozen (by whom, when, why),
 * how far their reports are, and their 通报 versions. Read-only; closing is MonthCloseService.closeMonth.
 */
@Injectable()
export class MonthsService {
  constructor(
    private readonly plans: PlansService,
    private readonly months: MonthsRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, planId: number): Promise<PlanMonthsResponse> {
    const scope = scopeParam(actor.principal);
    // the plan visibility of the ranking route (PlansService.requirePlanMonth), without a month to check
    const plan = await this.plans.findVisible(planId, scope);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const items = await this.months.list({
      planId: plan.id,
      rootUnitId: plan.rootUnitId,
      ownFigures: plan.ownFigures,
      months: monthsOfYear(plan.year),
      currentMonth: businessMonth(this.clock.now()),
      scope,
      // as BriefingsService: drafts are for the unscoped readers (admin, leader)
      withDrafts: scope === null,
    });
    return { planId: plan.id, year: plan.year, items };
  }
}
