import { HttpStatus, Injectable } from '@nestjs/common';
import {
  businessMonth,
  isEditableReportStatus,
  type CreateReportRequest,
  type ErrorDetail,
  type OpenMonthResponse,
  Permission,
  type PutReportRequest,
  type PutUnitReportRequest,
  Dec,
  type ReportDetail,
  type ReportFlag,
  reportDeadline,
  type ReportsListResponse,
  type ReportValue,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { inTransaction } from '../../common/database/transaction';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { PlansService } from '../plans/plans.service';
import { plausibilityFlags } from './report-plausibility';
import { resolveYtdEntries } from './report-ytd-entry';
import {
  correctionReasonRequired,
  needsConfirmation,
  notReportingUnit,
  planClosed,
  reportNotEditable,
  reportNotFound,
} from './reports.errors';
import {
  type ReportPlan,
  type ReportRecord,
  ReportsRepository,
  type ReportTexts,
} from './reports.repository';

/** Reports: the month's list, one report's detail, creating drafts and saving a draft's content. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly plans: PlansService,
  ) {}

  async list(actor: Actor, planId: number, month: string): Promise<ReportsListResponse> {
    const scope = scopeParam(actor.principal);
    // another county's plan is not there for a reporter (AC-2), as on every other plan route
    const plan = await this.plans.requirePlanMonth(planId, month, { scope });
    const [items, missingUnitIds] = await Promise.all([
      this.reports.listByMonth(plan, month, scope),
      this.reports.listMissingUnitIds(plan, month, scope),
    ]);
    return { planId, month, deadline: reportDeadline(month, plan.reportDeadlineDay), items, missingUnitIds };
  }

  async get(actor: Actor, id: number): Promise<ReportDetail> {
    const record = await this.reports.findRecord(id, scopeParam(actor.principal));
    if (!record) throw reportNotFound();
    return this.detail(actor, record);
  }

  /** A report with its lines, values, texts and history, as the caller may see it. */
  async detail(actor: Actor, record: ReportRecord, manager?: EntityManager): Promise<ReportDetail> {
    // one after another: inside a transaction they share one connection (pg refuses overlapping queries)
    const summary = await this.reports.findSummary(record.id, manager);
    const values = await this.reports.listValues(record.id, manager);
    const lines = await this.reports.listLines(record, manager);
    const history = await this.reports.listHistory(record.id, manager);
    const fourEyes = await this.reports.findFourEyes(record.id, manager);
    const monthClosedAt = await this.reports.findMonthClosedAt(record.planId, record.month, manager);
    const canWrite = actor.principal?.permissions.has(Permission.ReportsWrite) ?? false;
    return {
      ...summary!,
      values,
      lines,
      history,
      canEdit: canWrite && isEditableReportStatus(summary!.status),
      isOwnSubmission: actor.principal !== null && fourEyes.lastSubmitterId === actor.principal.userId,
      requiresFourEyes: fourEyes.requiresFourEyes,
      monthClosedAt,
    };
  }

  /**
   * The month opens: a draft for every reporting unit that has none (INSERT … ON CONFLICT DO NOTHING, so a second
   * call, or the scheduled job after an admin, creates nothing). `actor.principal` is null when the job calls; the
   * job passes its transaction's `manager` so that the drafts commit together with its job_run row.
   */
  async openMonth(
    actor: Actor,
    planId: number,
    month: string,
    outer?: EntityManager,
  ): Promise<OpenMonthResponse> {
    return inTransaction(this.dataSource, outer, async (manager) => {
      const plan = await this.plans.requirePlanMonth(planId, month, { manager });
      this.requireReportableMonth(plan, month);
      const unitIds = await this.reports.listReportingUnitIds(plan, null, manager);
      // the month's opening is audited once below, not per draft
      const created = await this.createDrafts(manager, actor, { planId: plan.id, month, unitIds }, null);
      await this.audit.record(manager, actor, {
        action: 'report.open_month',
        objectType: 'plan',
        objectId: plan.id,
        detail: { month, created: created.length, reportIds: created.map((c) => c.id) },
      });
      return { planId: plan.id, month, created: created.length, reportingUnits: unitIds.length };
    });
  }

  /** Get or create the draft of one unit in the caller's scope (a reporter whose month was not opened yet). */
  async getOrCreate(actor: Actor, planId: number, request: CreateReportRequest): Promise<ReportDetail> {
    const scope = scopeParam(actor.principal);
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.plans.requirePlanMonth(planId, request.month, { manager });
      if (!(await this.reports.unitInScope(request.unitId, scope, manager)))
        throw ApiException.notFound('单位', 'Unit');
      const reporting = await this.reports.listReportingUnitIds(plan, [request.unitId], manager);
      if (reporting.length === 0) throw notReportingUnit();
      this.requireReportableMonth(plan, request.month);
      const created = await this.createDrafts(
        manager,
        actor,
        { planId: plan.id, month: request.month, unitIds: [request.unitId] },
        {},
      );
      const id =
        created[0]?.id ?? (await this.reports.findIdByKey(manager, plan.id, request.unitId, request.month))!;
      const record = (await this.reports.findRecord(id, scope, manager))!;
      return this.detail(actor, record, manager);
    });
  }

  /** Saves a draft's (or returned report's) values and texts; values replace the report's values. */
  async save(actor: Actor, id: number, request: PutReportRequest): Promise<ReportDetail> {
    const scope = scopeParam(actor.principal);
    return this.dataSource.transaction(async (manager) => {
      const record = await this.reports.findRecord(id, scope, manager, true);
      if (!record) throw reportNotFound();
      await this.saveIn(manager, actor, record, request);
      return this.detail(actor, { ...record, version: record.version + 1 }, manager);
    });
  }

  /**
   * `PUT /plans/:id/units/:unitId/reports/:month`: saves the unit's report of the month, creating its draft (audited
   * as `report.create`, as get-or-create does) when it has none; an existing report needs its `version`.
   */
  async saveForUnit(
    actor: Actor,
    planId: number,
    unitId: number,
    month: string,
    request: PutUnitReportRequest,
  ): Promise<ReportDetail> {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.draftForUnitIn(manager, actor, planId, unitId, month, request.version);
      // a new draft is saved at its first version; an existing report at the version the caller read
      const version = request.version ?? record.version;
      await this.saveIn(manager, actor, record, { ...request, version });
      return this.detail(actor, { ...record, version: version + 1 }, manager);
    });
  }

  /**
   * The unit's report of the month, locked, in the caller's transaction: created as a draft when there is none
   * (then `version` must be absent), else at `version` (required). 404 for a unit outside the caller's scope.
   */
  async draftForUnitIn(
    manager: EntityManager,
    actor: Actor,
    planId: number,
    unitId: number,
    month: string,
    version: number | undefined,
  ): Promise<ReportRecord> {
    const scope = scopeParam(actor.principal);
    const plan = await this.plans.requirePlanMonth(planId, month, { manager, scope });
    if (!(await this.reports.unitInScope(unitId, scope, manager)))
      throw ApiException.notFound('单位', 'Unit');
    const existing = await this.reports.findIdByKey(manager, plan.id, unitId, month);
    if (existing === null) {
      if ((await this.reports.listReportingUnitIds(plan, [unitId], manager)).length === 0) {
        throw notReportingUnit();
      }
      this.requireReportableMonth(plan, month);
      // someone else's draft may have appeared since the caller read "none": a version then is stale
      if (version !== undefined) throw ApiException.versionConflict();
      await this.createDrafts(manager, actor, { planId: plan.id, month, unitIds: [unitId] }, {});
    } else if (version === undefined) {
      throw ApiException.field(
        'version',
        'isDefined',
        '该单位本月月报已存在，请带上版本号保存',
        "The unit's report of the month exists: send its version",
      );
    }
    const id = existing ?? (await this.reports.findIdByKey(manager, plan.id, unitId, month))!;
    return (await this.reports.findRecord(id, scope, manager, true))!;
  }

  /**
   * The one save of a report's form (PUT by id, PUT by unit and month, the paper entry): values checked (this plan's
   * reported indicators, counts whole), version and status checked, plausibility warnings confirmed or refused, then
   * the content written with the confirmed warnings as the report's flags.
   */
  async saveIn(
    manager: EntityManager,
    actor: Actor,
    record: ReportRecord,
    request: PutReportRequest,
  ): Promise<void> {
    // a year-to-date indicator's 累计 becomes the month's increment (docs/scoring.md §10)
    const entry = resolveYtdEntries(
      request.values,
      await this.reports.listLines(record, manager),
      Number(record.month.slice(5, 7)),
    );
    if (entry.invalid.length > 0) throw ApiException.validation(entry.invalid);
    const values = entry.values;
    await this.checkValues(manager, record.planId, values);
    if (record.version !== request.version) throw ApiException.versionConflict();
    if (!isEditableReportStatus(record.status)) throw reportNotEditable(record.status);
    if (entry.corrections.length > 0) throw correctionReasonRequired(entry.corrections);
    const plan = (await this.plans.findById(record.planId, manager))!;
    const bases = await this.reports.listPlausibilityBases(record, manager);
    const flags = plausibilityFlags(values, bases, plan.spikeFactor ?? '0');
    if (flags.length > 0 && request.confirmWarnings !== true) {
      const indicators = await this.reports.listReportedIndicators(record.planId, manager);
      throw needsConfirmation(flags, values, indicators);
    }
    await this.writeContent(
      manager,
      actor,
      record.id,
      request.version,
      {
        texts: {
          progressText: request.progressText,
          problemsText: request.problemsText,
          nextPlanText: request.nextPlanText,
        },
        values,
      },
      { stale: () => ApiException.versionConflict(), flags },
    );
  }

  /**
   * The one way a draft report comes to be (the month's opening, a reporter's get-or-create, an import): a draft for
   * each unit that has no report of the month yet (INSERT … ON CONFLICT DO NOTHING), a `create` history row each and,
   * unless `audit` is null (the caller audits the whole batch itself), a `report.create` audit row each carrying
   * `audit.detail`. Writes in the caller's transaction; answers the new (id, unitId) pairs.
   */
  async createDrafts(
    manager: EntityManager,
    actor: Actor,
    key: { planId: number; month: string; unitIds: number[] },
    audit: { detail?: Record<string, unknown> } | null,
  ): Promise<Array<{ id: number; unitId: number }>> {
    const now = this.clock.now();
    const userId = actor.principal?.userId ?? null;
    const created = await this.reports.insertDrafts(manager, key.planId, key.month, key.unitIds, userId, now);
    if (created.length === 0) return created;
    await this.reports.insertHistory(
      manager,
      created.map((c) => c.id),
      { from: null, to: 'draft', action: 'create' },
      userId,
      now,
    );
    if (audit) {
      for (const c of created) {
        await this.audit.record(manager, actor, {
          action: 'report.create',
          objectType: 'report',
          objectId: c.id,
          after: { planId: key.planId, unitId: c.unitId, month: key.month, status: 'draft' },
          ...(audit.detail ? { detail: audit.detail } : {}),
        });
      }
    }
    return created;
  }

  /**
   * The one way a report's content changes (the form's save, an import): texts (absent = keep) and values (they
   * replace the report's values) at `version` (null: the version read now, under the caller's lock), audited as
   * `report.update` with the content before and after. The caller has checked the status; `stale` is thrown when
   * the version moved meanwhile. Drafts do not move year-to-date figures (only approvals do): no summary refresh.
   */
  async writeContent(
    manager: EntityManager,
    actor: Actor,
    id: number,
    version: number | null,
    content: { texts: Partial<ReportTexts>; values: ReportValue[] },
    options: { stale: () => Error; detail?: Record<string, unknown>; flags?: ReportFlag[] },
  ): Promise<void> {
    const before = await this.snapshot(manager, id);
    const userId = actor.principal?.userId ?? null;
    const at = this.clock.now();
    if (
      !(await this.reports.updateContent(
        manager,
        id,
        version ?? before.version,
        content.texts,
        userId,
        at,
        options.flags,
      ))
    ) {
      throw options.stale();
    }
    await this.reports.replaceValues(manager, id, content.values);
    await this.audit.record(manager, actor, {
      action: 'report.update',
      objectType: 'report',
      objectId: id,
      before,
      after: await this.snapshot(manager, id),
      ...(options.detail ? { detail: options.detail } : {}),
    });
  }

  /** What the audit log keeps of a report's content. */
  async snapshot(manager: EntityManager, id: number) {
    const summary = (await this.reports.findSummary(id, manager))!;
    return {
      status: summary.status,
      version: summary.version,
      values: await this.reports.listValues(id, manager),
      progressText: summary.progressText,
      problemsText: summary.problemsText,
      nextPlanText: summary.nextPlanText,
    };
  }

  /**
   * Only this plan's `reported` indicators, each once: else 400 naming `values.N.indicatorId`; a count's value is a
   * whole number: else 400 naming `values.N.value` (1.5 条 is a typing error).
   */
  private async checkValues(manager: EntityManager, planId: number, values: ReportValue[]): Promise<void> {
    const indicators = await this.reports.listReportedIndicators(planId, manager);
    const allowed = new Set(indicators.map((i) => i.id));
    const counts = new Set(indicators.filter((i) => i.kind === 'count').map((i) => i.id));
    const seen = new Set<number>();
    const problems: ErrorDetail[] = [];
    values.forEach((v, i) => {
      const field = `values.${i}.indicatorId`;
      if (counts.has(v.indicatorId) && !new Dec(v.value).isInteger()) {
        problems.push({
          field: `values.${i}.value`,
          code: 'wholeNumber',
          message: `values.${i}.value：个数类指标只能填写整数`,
          messageEn: `values.${i}.value: a count is a whole number`,
        });
      }
      if (!allowed.has(v.indicatorId)) {
        problems.push({
          field,
          code: 'notReportedIndicator',
          message: `${field}：不是本计划需填报的指标`,
          messageEn: `${field} is not a reported indicator of this plan`,
        });
      } else if (seen.has(v.indicatorId)) {
        problems.push({
          field,
          code: 'duplicate',
          message: `${field}：指标重复`,
          messageEn: `${field} appears twice`,
        });
      }
      seen.add(v.indicatorId);
    });
    if (problems.length > 0) throw ApiException.validation(problems);
  }

  /** A report exists only for a month (of the plan's year: requirePlanMonth) up to the current Asia/Shanghai month, of a plan not closed. */
  private requireReportableMonth(plan: ReportPlan, month: string): void {
    if (month > businessMonth(this.clock.now())) {
      throw ApiException.field(
        'month',
        'futureMonth',
        '该月份尚未到来，不能填报',
        'The month has not begun yet',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    if (plan.status === 'closed') {
      throw planClosed();
    }
  }
}
