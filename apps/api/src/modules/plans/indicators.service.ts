import { HttpStatus, Injectable } from '@nestjs/common';
import {
  checkFormulaCurrencies,
  checkFormulaReferences,
  checkLedgerRuleReferences,
  MAX_RATIO_TARGET,
  PlanStatus,
  validateIndicatorDefinition,
  type CreateIndicatorRequest,
  type ErrorDetail,
  type FormulaDef,
  type IndicatorRow,
  type IndicatorsResponse,
  type LedgerRule,
  type UpdateIndicatorRequest,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { canonicalJson } from '../../common/audit/canonical-json';
import { scopeParam, type Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { IndicatorsRepository, type IndicatorFields } from './indicators.repository';
import { PlansRepository, type PlanLockRow } from './plans.repository';
import { planClosed, rejectIssues } from './plans.errors';
import { PlanSummaryRefresher } from './plan-summary-refresher.service';

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
    private readonly indicators: IndicatorsRepository,
    private readonly audit: AuditService,
    private readonly ytd: PlanSummaryRefresher,
  ) {}

  async list(actor: Actor, planId: number): Promise<IndicatorsResponse> {
    if (!(await this.plans.findVisible(planId, scopeParam(actor.principal))))
      throw ApiException.notFound('计划', 'Plan');
    return { planId, items: await this.indicators.listByPlan(planId) };
  }

  async create(actor: Actor, planId: number, request: CreateIndicatorRequest): Promise<IndicatorRow> {
    rejectIssues(validateIndicatorDefinition(request), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.lockOpenPlan(manager, actor, planId);
      if (await this.indicators.codeTaken(manager, planId, request.code)) throw duplicateCode();
      const fields: IndicatorFields = {
        name: request.name,
        measure: request.measure,
        kind: request.kind,
        ledgerRule: request.ledgerRule ?? null,
        workRule: request.workRule ?? null,
        formula: request.formula ?? null,
        weight: request.weight ?? '0',
        cap: request.cap ?? null,
        isScored: request.isScored ?? true,
        isHeadline: request.isHeadline ?? false,
        sortOrder: request.sortOrder ?? 0,
        description: request.description || null,
        entryMode: request.entryMode ?? 'month',
        reportFrequency: request.reportFrequency ?? 'monthly',
      };
      await this.checkReferences(manager, plan, request.code, fields);
      const id = await this.indicators
        .insert(manager, planId, { ...fields, code: request.code, source: request.source })
        .catch((e) => {
          throw (e as { code?: string }).code === '23505' ? duplicateCode() : e;
        });
      const row = (await this.indicators.findById(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'indicator.create',
        objectType: 'indicator',
        objectId: id,
        after: row,
      });
      await this.ytd.refreshPlan(manager, planId);
      return row;
    });
  }

  async update(actor: Actor, id: number, request: UpdateIndicatorRequest): Promise<IndicatorRow> {
    const planId = await this.indicators.planIdOf(id);
    if (planId === null) throw ApiException.notFound('指标', 'Indicator');
    return this.dataSource.transaction(async (manager) => {
      // the plan first (the order every catalogue write takes), then the indicator as it is now
      const plan = await this.lockOpenPlan(manager, actor, planId);
      const before = await this.indicators.findById(id, manager);
      if (!before) throw ApiException.notFound('指标', 'Indicator');
      if (before.version !== request.version) throw ApiException.versionConflict();
      const fields: IndicatorFields = {
        name: request.name ?? before.name,
        measure: request.measure ?? before.measure,
        kind: request.kind ?? before.kind,
        ledgerRule: request.ledgerRule !== undefined ? request.ledgerRule : before.ledgerRule,
        workRule: request.workRule !== undefined ? request.workRule : (before.workRule ?? null),
        formula: request.formula !== undefined ? request.formula : before.formula,
        weight: request.weight ?? before.weight,
        cap: request.cap !== undefined ? request.cap : before.cap,
        isScored: request.isScored ?? before.isScored,
        isHeadline: request.isHeadline ?? before.isHeadline,
        sortOrder: request.sortOrder ?? before.sortOrder,
        description: request.description !== undefined ? request.description || null : before.description,
        entryMode: request.entryMode ?? before.entryMode,
        reportFrequency: request.reportFrequency ?? before.reportFrequency,
      };
      rejectIssues(validateIndicatorDefinition({ ...fields, source: before.source }), HttpStatus.BAD_REQUEST);
      await this.checkReferences(manager, plan, before.code, fields);
      if (fields.kind === 'ratio' && before.kind !== 'ratio') {
        const above = await this.indicators.countTargetsAbove(manager, id, MAX_RATIO_TARGET);
        if (above > 0) {
          throw ApiException.field(
            'kind',
            'targetsNotFractions',
            `该指标有 ${above} 个目标值大于 ${MAX_RATIO_TARGET}，不能改为比率指标`,
            `${above} targets of this indicator are above ${MAX_RATIO_TARGET}; it cannot become a ratio`,
            HttpStatus.UNPROCESSABLE_ENTITY,
          );
        }
      }
      if (!(await this.indicators.update(manager, id, request.version, fields)))
        throw ApiException.versionConflict();
      const after = (await this.indicators.findById(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'indicator.update',
        objectType: 'indicator',
        objectId: id,
        before,
        after,
      });
      if (
        !sameJson(before.ledgerRule, after.ledgerRule) ||
        !sameJson(before.workRule ?? null, after.workRule ?? null) ||
        !sameJson(before.formula, after.formula)
      ) {
        await this.ytd.refreshPlan(manager, planId);
      }
      return after;
    });
  }

  private async lockOpenPlan(manager: EntityManager, actor: Actor, planId: number): Promise<PlanLockRow> {
    const plan = await this.plans.lockForWrite(manager, planId, scopeParam(actor.principal));
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    if (plan.status === PlanStatus.Closed) throw planClosed();
    return plan;
  }

  /** A rule's industry chains are the plan's; a formula names indicators of the plan, not itself, without cycles. */
  private async checkReferences(
    manager: EntityManager,
    plan: PlanLockRow,
    code: string,
    fields: IndicatorFields,
  ): Promise<void> {
    const issues: ErrorDetail[] = [];
    if (fields.ledgerRule) issues.push(...checkLedgerRuleReferences(fields.ledgerRule as LedgerRule, plan));
    if (fields.formula) {
      const catalogue = await this.indicators.listByPlan(plan.id, manager);
      issues.push(...checkFormulaReferences(code, fields.formula as FormulaDef, catalogue));
      // 万元 and 万美元 are never added or divided silently (issue 16 rule 12)
      if (issues.length === 0)
        issues.push(
          ...checkFormulaCurrencies(
            { code, measure: fields.measure },
            fields.formula as FormulaDef,
            catalogue,
          ),
        );
    }
    rejectIssues(issues, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function duplicateCode(): ApiException {
  return ApiException.field(
    'code',
    'taken',
    '本计划已有相同编码的指标',
    'The plan already has an indicator with this code',
    HttpStatus.CONFLICT,
  );
}
