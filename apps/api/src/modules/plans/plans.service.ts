import { HttpStatus, Injectable } from '@nestjs/common';
import {
  PlanStatus,
  validateIndustryChains,
  validatePlanCurve,
  DEFAULT_REQUIRED_DOCUMENTS,
  validateRankingGroups,
  validateScoringConfig,
  type CreatePlanRequest,
  type ErrorDetail,
  type IndicatorRow,
  type PlanRow,
  type PlansResponse,
  type UpdatePlanRequest,
  DEFAULT_VERIFICATION_REASONS,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { scopeParam, type Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { IndicatorsRepository } from './indicators.repository';
import { PlanSummaryRefresher } from './plan-summary-refresher.service';
import { type PlanLockRow, PlansRepository, type PlanSettings } from './plans.repository';
import { assertMonthInPlanYear, planClosed, rejectIssues } from './plans.errors';

const DEFAULTS: Omit<PlanSettings, 'name'> = {
  curve: null,
  reportDeadlineDay: 5,
  monthCloseDay: 10,
  yellowBand: '10',
  rankingGroups: [],
  displayDecimals: 2,
  countCredit: 'responsible',
  industryChains: [],
  scoring: { items: [] },
  // 四眼原则: on unless the plan turns it off
  requireFourEyes: true,
  // 超时未开工 after 6 months, 工作进展 optional, a month above 3× the unit's average asks for confirmation
  lateStartMonths: 6,
  requireProgressText: false,
  spikeFactor: '3',
  // read screens open on the latest closed month, the official one
  readScreensMonth: 'latestClosed',
  // the root only sums its units; no 本级 lines
  ownFigures: 'none',
  // 认定: the reasons a county's 考核办法 usually lists
  verificationReasons: [...DEFAULT_VERIFICATION_REASONS],
  requiredDocuments: DEFAULT_REQUIRED_DOCUMENTS,
  // the 通报's 产业链 section (issue 17) only when the office turns it on
  briefingChains: false,
};

// the only status changes a plan knows
const NEXT_STATUS: Record<PlanStatus, PlanStatus | null> = {
  draft: 'published',
  published: 'closed',
  closed: null,
};

type PlanInput = Partial<CreatePlanRequest & UpdatePlanRequest>;

@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
    private readonly indicators: IndicatorsRepository,
    private readonly audit: AuditService,
    private readonly ytd: PlanSummaryRefresher,
  ) {}

  async list(actor: Actor, year?: number): Promise<PlansResponse> {
    return { items: await this.plans.listVisible(scopeParam(actor.principal), year) };
  }

  async get(actor: Actor, id: number): Promise<PlanRow> {
    const plan = await this.plans.findVisible(id, scopeParam(actor.principal));
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    return plan;
  }

  // reads for other modules (targets, excel): they reach plans and indicators through this service, never the repository

  /** The plan when the scope (null = every unit) may see it, else null. */
  findVisible(id: number, scope: number[] | null, manager?: EntityManager): Promise<PlanRow | null> {
    return this.plans.findVisible(id, scope, manager);
  }

  /** Locks the plan row for a write of its targets or catalogue (writers of one plan queue up); null when not visible. */
  lockForWrite(
    manager: EntityManager,
    id: number,
    scope: number[] | null = null,
  ): Promise<PlanLockRow | null> {
    return this.plans.lockForWrite(manager, id, scope);
  }

  /** The plan's indicator catalogue, in order. */
  listIndicators(planId: number, manager?: EntityManager): Promise<IndicatorRow[]> {
    return this.indicators.listByPlan(planId, manager);
  }

  /**
   * The plan when the scope may see it (a null scope: any caller, a job) and `month` lies in its year: 404, or 400
   * `month: outsidePlanYear`, otherwise. The one plan loader of every route and job that works on a month of a plan.
   */
  async requirePlanMonth(
    planId: number,
    month: string,
    options: { scope?: number[] | null; manager?: EntityManager } = {},
  ): Promise<PlanRow> {
    const plan = await this.plans.findVisible(planId, options.scope ?? null, options.manager);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    assertMonthInPlanYear(plan, month);
    return plan;
  }

  /** The plan as it is now (null when there is none), read in the caller's transaction when one is given. */
  findById(planId: number, manager?: EntityManager): Promise<PlanRow | null> {
    return this.plans.findById(planId, manager);
  }

  async create(actor: Actor, request: CreatePlanRequest): Promise<PlanRow> {
    rejectIssues(shapeIssues(request), HttpStatus.BAD_REQUEST);
    const settings: PlanSettings = { ...DEFAULTS, ...definedOnly(request), name: request.name };
    const touched = new Set(Object.keys(settings));
    rejectIssues(crossFieldIssues(settings, touched, [], []), HttpStatus.UNPROCESSABLE_ENTITY);
    return this.dataSource.transaction(async (manager) => {
      const root = await this.plans.findActiveUnit(manager, request.rootUnitId);
      if (!root?.isActive) {
        throw ApiException.field(
          'rootUnitId',
          'unknown',
          '单位不存在或已停用',
          'Unknown or inactive unit',
          422,
        );
      }
      // one plan per year per root unit; the unique key catches a concurrent twin
      if (await this.plans.existsForYear(manager, request.year, request.rootUnitId)) throw duplicateYear();
      const id = await this.plans
        .insert(manager, { ...settings, year: request.year, rootUnitId: request.rootUnitId })
        .catch((e) => {
          throw (e as { code?: string }).code === '23505' ? duplicateYear() : e;
        });
      const row = (await this.plans.findById(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'plan.create',
        objectType: 'plan',
        objectId: id,
        after: row,
      });
      return row;
    });
  }

  async update(actor: Actor, id: number, request: UpdatePlanRequest): Promise<PlanRow> {
    rejectIssues(shapeIssues(request), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.plans.lockForWrite(manager, id, scopeParam(actor.principal));
      if (!locked) throw ApiException.notFound('计划', 'Plan');
      const before = (await this.plans.findById(id, manager))!;
      if (before.status === PlanStatus.Closed) throw planClosed();
      if (before.version !== request.version) throw ApiException.versionConflict();
      const status = request.status ?? before.status;
      if (status !== before.status && NEXT_STATUS[before.status] !== status) {
        throw ApiException.field(
          'status',
          'transition',
          `计划状态只能按 草稿 → 已发布 → 已关闭 依次变更（当前：${before.status}）`,
          `A plan goes draft → published → closed, one step at a time (now ${before.status})`,
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      const given = definedOnly(request);
      const settings: PlanSettings = { ...pickSettings(before), ...given };
      // only what the request touches is re-checked: renaming a plan never trips over an older setting
      const indicatorCodes = (await this.indicators.listByPlan(id, manager)).map((i) => i.code);
      const chainsInUse =
        'industryChains' in given ? await this.plans.chainsUsedByIndicators(manager, id) : [];
      rejectIssues(
        crossFieldIssues(settings, new Set(Object.keys(given)), indicatorCodes, chainsInUse),
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
      const updated = await this.plans.update(manager, id, request.version, { ...settings, status });
      if (!updated) throw ApiException.versionConflict();
      const after = (await this.plans.findById(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'plan.update',
        objectType: 'plan',
        objectId: id,
        before,
        after,
      });
      // shared projects count by share or for the responsible unit only: the ledger counts move
      if (after.countCredit !== before.countCredit) await this.ytd.refreshPlan(manager, id);
      return after;
    });
  }
}

/** The JSON-valued settings present in the request, each checked by its shared validator. */
function shapeIssues(request: PlanInput): ErrorDetail[] {
  return [
    ...(request.curve !== undefined ? validatePlanCurve(request.curve) : []),
    ...(request.rankingGroups !== undefined ? validateRankingGroups(request.rankingGroups) : []),
    ...(request.industryChains !== undefined ? validateIndustryChains(request.industryChains) : []),
    ...(request.scoring !== undefined ? scoringShapeIssues(request.scoring) : []),
  ];
}

// what the engine's validator reports about the plan's other settings and catalogue: answered as 422, not 400
const SCORING_REFERENCE_CODES = new Set(['unknownIndicator', 'unknownGroup', 'noRankingGroups']);

/**
 * The scoring configuration as the engine validates it (docs/scoring.md §6: every method's fields, named like
 * `scoring.items.2.weight`), minus the references to indicators and groups, which crossFieldIssues checks.
 */
function scoringShapeIssues(scoring: unknown): ErrorDetail[] {
  return validateScoringConfig(scoring, [], { path: 'scoring' }).filter(
    (i) => !SCORING_REFERENCE_CODES.has(i.code),
  );
}

/**
 * References of the scoring to the plan: item groups are ranking groups of the plan (and rank/relative items need
 * some); indicators exist — checked only once the plan has indicators, so scoring can be drafted first.
 */
function scoringReferenceIssues(
  scoring: PlanSettings['scoring'],
  indicatorCodes: string[],
  groupCodes: string[],
): ErrorDetail[] {
  return validateScoringConfig(scoring, indicatorCodes, { groupCodes, path: 'scoring' }).filter(
    (i) =>
      SCORING_REFERENCE_CODES.has(i.code) && (i.code !== 'unknownIndicator' || indicatorCodes.length > 0),
  );
}

/**
 * Rules across settings and against the plan's indicators, on the settings as they will be stored; only the rules
 * of the settings the request touches (all of them on create), so renaming a plan never trips over an older setting.
 */
function crossFieldIssues(
  settings: PlanSettings,
  touched: ReadonlySet<string>,
  indicatorCodes: string[],
  chainsInUse: Array<{ code: string; chain: string }>,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const daysTouched = touched.has('monthCloseDay') || touched.has('reportDeadlineDay');
  if (daysTouched && settings.monthCloseDay < settings.reportDeadlineDay) {
    issues.push({
      field: 'monthCloseDay',
      code: 'beforeDeadline',
      message: 'monthCloseDay：月度关账日不能早于报送截止日',
      messageEn: 'monthCloseDay: the month cannot close before the report deadline',
    });
  }
  if (touched.has('scoring') || touched.has('rankingGroups')) {
    const groupCodes = settings.rankingGroups.map((g) => g.code);
    issues.push(...scoringReferenceIssues(settings.scoring, indicatorCodes, groupCodes));
  }
  for (const { code, chain } of chainsInUse) {
    if (!settings.industryChains.includes(chain)) {
      issues.push({
        field: 'industryChains',
        code: 'chainInUse',
        message: `industryChains：产业链“${chain}”被指标 ${code} 的统计规则使用，不能删除`,
        messageEn: `industryChains: ${chain} is used by the rule of indicator ${code}`,
      });
    }
  }
  return issues;
}

function pickSettings(plan: PlanRow): PlanSettings {
  const { name, curve, reportDeadlineDay, monthCloseDay, yellowBand, rankingGroups, displayDecimals } = plan;
  const { countCredit, industryChains, scoring, requireFourEyes } = plan;
  const { lateStartMonths, requireProgressText, spikeFactor, readScreensMonth } = plan;
  const { ownFigures, verificationReasons, requiredDocuments, briefingChains } = plan;
  return {
    name,
    curve,
    reportDeadlineDay,
    monthCloseDay,
    yellowBand,
    rankingGroups,
    displayDecimals,
    countCredit,
    industryChains,
    scoring,
    requireFourEyes,
    lateStartMonths,
    requireProgressText,
    spikeFactor,
    readScreensMonth,
    ownFigures,
    verificationReasons,
    requiredDocuments,
    briefingChains,
  };
}

/** The settings keys the request carries (undefined = keep; curve null = back to linear). */
function definedOnly(request: PlanInput): Partial<PlanSettings> {
  const keys: Array<keyof PlanSettings> = [
    'name',
    'curve',
    'reportDeadlineDay',
    'monthCloseDay',
    'yellowBand',
    'rankingGroups',
    'displayDecimals',
    'countCredit',
    'industryChains',
    'scoring',
    'requireFourEyes',
    'lateStartMonths',
    'requireProgressText',
    'spikeFactor',
    'readScreensMonth',
    'ownFigures',
    'verificationReasons',
    'requiredDocuments',
    'briefingChains',
  ];
  return Object.fromEntries(
    keys.filter((k) => request[k] !== undefined).map((k) => [k, request[k]]),
  ) as Partial<PlanSettings>;
}

function duplicateYear(): ApiException {
  return ApiException.field(
    'year',
    'taken',
    '该单位本年度的计划已存在',
    'This unit already has a plan for the year',
    HttpStatus.CONFLICT,
  );
}
