import { HttpStatus, Injectable } from '@nestjs/common';
import {
  PlanStatus,
  validateTargetValue,
  type ErrorDetail,
  type IndicatorKind,
  type PutTargetItem,
  type PutTargetsResponse,
  type TargetsResponse,
} from '@pacer/shared';
import { DataSource } from 'typeorm';

import { scopeParam, type Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { IndicatorsRepository } from '../plans/indicators.repository';
import { PlansRepository } from '../plans/plans.repository';
import { planClosed, rejectIssues } from '../plans/validation-issues';
import { capDetails } from './dto/put-targets.dto';
import { TargetsRepository, type TargetValueRow } from './targets.repository';

const pairKey = (unitId: number, indicatorId: number) => `${unitId}:${indicatorId}`;

@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
    private readonly indicators: IndicatorsRepository,
    private readonly targets: TargetsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, planId: number): Promise<TargetsResponse> {
    const scope = scopeParam(actor.principal);
    const plan = await this.plans.findVisible(planId, scope);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const [items, decomposition] = await Promise.all([
      this.targets.listByPlan(planId, scope),
      this.targets.decomposition(planId, plan.rootUnitId, scope),
    ]);
    return { planId, items, decomposition };
  }

  /** Upserts every row in one transaction, or nothing when any row is wrong. */
  async put(actor: Actor, planId: number, items: PutTargetItem[]): Promise<PutTargetsResponse> {
    rejectIssues(capDetails(duplicatePairIssues(items)), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (manager) => {
      // writers of one plan's targets queue up on the plan row (and it cannot be closed meanwhile)
      const plan = await this.plans.lockForWrite(manager, planId, scopeParam(actor.principal));
      if (!plan) throw ApiException.notFound('计划', 'Plan');
      if (plan.status === PlanStatus.Closed) throw planClosed();

      const kinds = new Map((await this.indicators.listByPlan(planId, manager)).map((i) => [i.id, i.kind]));
      const units = new Map(
        (
          await this.targets.describeUnits(manager, plan.rootUnitId, [...new Set(items.map((i) => i.unitId))])
        ).map((u) => [u.unitId, u]),
      );
      rejectIssues(capDetails(rowIssues(items, kinds, units)), HttpStatus.UNPROCESSABLE_ENTITY);

      const columns = {
        unitIds: items.map((i) => i.unitId),
        indicatorIds: items.map((i) => i.indicatorId),
        values: items.map((i) => i.value),
      };
      const existing = await this.targets.lockExisting(
        manager,
        planId,
        columns.unitIds,
        columns.indicatorIds,
      );
      const written = await this.targets.upsertMany(manager, planId, columns);
      const beforeByPair = new Map(existing.map((r) => [pairKey(r.unitId, r.indicatorId), r]));
      const before: TargetValueRow[] = [];
      let created = 0;
      for (const row of written) {
        const old = beforeByPair.get(pairKey(row.unitId, row.indicatorId));
        if (old) before.push(old);
        else created += 1;
      }
      const result: PutTargetsResponse = {
        planId,
        created,
        updated: written.length - created,
        unchanged: items.length - written.length,
      };
      await this.audit.record(manager, actor, {
        action: 'targets.put',
        objectType: 'plan',
        objectId: planId,
        before,
        after: written,
        detail: {
          rows: items.length,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        },
      });
      // no YTD refresh: ytd_summary holds actuals only, which a target does not move
      return result;
    });
  }
}

function duplicatePairIssues(items: PutTargetItem[]): ErrorDetail[] {
  const firstRow = new Map<string, number>();
  const issues: ErrorDetail[] = [];
  items.forEach((item, i) => {
    const key = pairKey(item.unitId, item.indicatorId);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, i);
      return;
    }
    issues.push({
      field: `${i}.indicatorId`,
      code: 'duplicatePair',
      message: `${i}.indicatorId：与第 ${first} 行的单位和指标重复`,
      messageEn: `${i}.indicatorId: the same unit and indicator as row ${first}`,
    });
  });
  return issues;
}

/** Per row: the unit is in the plan's tree and active, the indicator is the plan's, a ratio target is a fraction. */
function rowIssues(
  items: PutTargetItem[],
  kinds: Map<number, IndicatorKind>,
  units: Map<number, { isKnown: boolean; isInTree: boolean; isActive: boolean }>,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  items.forEach((item, i) => {
    const unit = units.get(item.unitId);
    if (!unit?.isKnown) {
      issues.push(detail(`${i}.unitId`, 'unknownUnit', '单位不存在', 'unknown unit'));
    } else if (!unit.isInTree) {
      issues.push(
        detail(
          `${i}.unitId`,
          'outsideTree',
          '单位不在本计划的考核范围内',
          'the unit is outside the plan’s unit tree',
        ),
      );
    } else if (!unit.isActive) {
      issues.push(detail(`${i}.unitId`, 'inactiveUnit', '单位已停用', 'the unit is inactive'));
    }
    const kind = kinds.get(item.indicatorId);
    if (!kind) {
      issues.push(
        detail(`${i}.indicatorId`, 'unknownIndicator', '不是本计划的指标', 'not an indicator of this plan'),
      );
    } else {
      issues.push(...validateTargetValue(kind, item.value, `${i}.value`));
    }
  });
  return issues;
}

function detail(field: string, code: string, zh: string, en: string): ErrorDetail {
  return { field, code, message: `${field}：${zh}`, messageEn: `${field}: ${en}` };
}
