import { Injectable } from '@nestjs/common';
import {
  type BatchApproveRequest,
  type BatchApproveResponse,
  EDITABLE_REPORT_STATUSES,
  type PaperReportRequest,
  Permission,
  ErrorCode,
  isLateSubmission,
  type ReportActionRequest,
  type ReportDetail,
  type ReportStatus,
  isValueRequired,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PlansService } from '../plans/plans.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { decidedNotice, submittedNotice } from './report-notices';
import {
  batchRefused,
  fourEyesRequired,
  paperEntryForbidden,
  progressTextRequired,
  reportIncomplete,
  reportNotFound,
  reportWrongStatus,
} from './reports.errors';
import { type ReportRecord, ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

type Action = 'submit' | 'approve' | 'return' | 'unlock';

/** A four-eyes refusal met inside a transaction, audited by the caller after the rollback. */
interface Refusal {
  at: { planId: number; lastSubmitterId: number; reportId: number | null } | null;
}

const STEPS: Readonly<
  Record<Action, { from: ReportStatus[]; to: ReportStatus; needsReason: boolean; movesYtd: boolean }>
> = {
  submit: { from: [...EDITABLE_REPORT_STATUSES], to: 'submitted', needsReason: false, movesYtd: false },
  approve: { from: ['submitted'], to: 'approved', needsReason: false, movesYtd: true },
  return: { from: ['submitted'], to: 'returned', needsReason: true, movesYtd: false },
  unlock: { from: ['approved'], to: 'draft', needsReason: true, movesYtd: true },
};

/**
 * The report workflow (AC-5): draft/returned → submitted → approved | returned; approved → draft by an audited unlock.
 * Each step is one transaction: the status change (guarded by version and status), a status history row, the
 * year-to-date summary when approved figures move, and the audit event.
 */
@Injectable()
export class ReportWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly plans: PlansService,
    private readonly reportsService: ReportsService,
    private readonly ytd: YtdSummaryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  submit(actor: Actor, id: number, request: ReportActionRequest): Promise<ReportDetail> {
    return this.step(actor, id, 'submit', request);
  }

  approve(actor: Actor, id: number, request: ReportActionRequest): Promise<ReportDetail> {
    return this.step(actor, id, 'approve', request);
  }

  returnReport(actor: Actor, id: number, request: ReportActionRequest): Promise<ReportDetail> {
    return this.step(actor, id, 'return', request);
  }

  unlock(actor: Actor, id: number, request: ReportActionRequest): Promise<ReportDetail> {
    return this.step(actor, id, 'unlock', request);
  }

  private async step(
    actor: Actor,
    id: number,
    action: Action,
    request: ReportActionRequest,
  ): Promise<ReportDetail> {
    const refusal: Refusal = { at: null };
    let notices: number[] = [];
    const work = this.dataSource.transaction(async (manager) => {
      const done = await this.stepIn(manager, actor, id, action, request, refusal);
      notices = done.notices;
      return done.detail;
    });
    const detail = await work.catch(async (error: unknown) => {
      await this.auditRefusal(actor, refusal);
      throw error;
    });
    // after the commit: hands the step's notices to the push channels (best effort)
    await this.notifications.push(notices);
    return detail;
  }

  /**
   * Batch approval (审核 page): approves each of these submitted reports of the plan in one transaction, each as its
   * own step (version, status and four-eyes checked, history, summary, audit and notice per report). All or nothing:
   * the first report that cannot be approved rolls the batch back and the answer names it (`items.N`).
   */
  async approveBatch(
    actor: Actor,
    planId: number,
    request: BatchApproveRequest,
  ): Promise<BatchApproveResponse> {
    const ids = request.items.map((i) => i.id);
    const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (dup >= 0) {
      throw ApiException.field(`items.${dup}.id`, 'duplicate', '月报重复', 'The report appears twice');
    }
    if (!(await this.plans.findById(planId))) throw ApiException.notFound('计划', 'Plan');
    const refusal: Refusal = { at: null };
    let notices: number[] = [];
    const work = this.dataSource.transaction(async (manager) => {
      const items: ReportDetail[] = [];
      for (const [index, item] of request.items.entries()) {
        const record = await this.reports.findRecord(item.id, scopeParam(actor.principal), manager);
        try {
          if (!record || record.planId !== planId) throw reportNotFound();
          const done = await this.stepIn(
            manager,
            actor,
            item.id,
            'approve',
            { version: item.version },
            refusal,
          );
          notices = notices.concat(done.notices);
          items.push(done.detail);
        } catch (error) {
          throw batchRefused(
            index,
            error,
            record ? { unitName: await this.unitName(manager, record) } : null,
          );
        }
      }
      return items;
    });
    const items = await work.catch(async (error: unknown) => {
      await this.auditRefusal(actor, refusal);
      throw error;
    });
    await this.notifications.push(notices);
    return { items };
  }

  /**
   * The paper report (纸质报表): the office enters a unit's month and approves it in one call and one transaction —
   * the draft created when none (`report.create`), the content saved through the form's checks (`report.update`),
   * submitted (`report.submit`) and approved (`report.approve`), each audited and notified as when done one by one.
   * Four-eyes forbids one person to submit and approve: a plan that requires
   * it refuses the call (409 FOUR_EYES_REQUIRED, audited as denied) and writes nothing.
   */
  async enterPaper(
    actor: Actor,
    planId: number,
    unitId: number,
    month: string,
    request: PaperReportRequest,
  ): Promise<ReportDetail> {
    // the route asks for review; entering and submitting are the caller's too
    const held = actor.principal?.permissions;
    if (held && !(held.has(Permission.ReportsWrite) && held.has(Permission.ReportsSubmit))) {
      throw paperEntryForbidden();
    }
    const refusal: Refusal = { at: null };
    let notices: number[] = [];
    const work = this.dataSource.transaction(async (manager) => {
      const plan = await this.plans.requirePlanMonth(planId, month, { manager });
      if (plan.requireFourEyes && actor.principal !== null) {
        refusal.at = { planId, lastSubmitterId: actor.principal.userId, reportId: null };
        throw fourEyesRequired();
      }
      const record = await this.reportsService.draftForUnitIn(
        manager,
        actor,
        planId,
        unitId,
        month,
        request.version,
      );
      const version = request.version ?? record.version;
      await this.reportsService.saveIn(manager, actor, record, { ...request, version });
      const submitted = await this.stepIn(
        manager,
        actor,
        record.id,
        'submit',
        { version: version + 1 },
        refusal,
      );
      const approved = await this.stepIn(
        manager,
        actor,
        record.id,
        'approve',
        { version: submitted.detail.version },
        refusal,
      );
      notices = submitted.notices.concat(approved.notices);
      return approved.detail;
    });
    const detail = await work.catch(async (error: unknown) => {
      await this.auditRefusal(actor, refusal);
      throw error;
    });
    await this.notifications.push(notices);
    return detail;
  }

  /** One workflow step in the caller's transaction; a four-eyes refusal is noted in `refusal` for the caller to audit. */
  private async stepIn(
    manager: EntityManager,
    actor: Actor,
    id: number,
    action: Action,
    request: ReportActionRequest,
    refusal: Refusal,
  ): Promise<{ detail: ReportDetail; notices: number[] }> {
    const step = STEPS[action];
    const reason = request.reason?.trim() || null;
    if (step.needsReason && !reason) {
      throw ApiException.field('reason', 'required', '请填写原因', 'A reason is required');
    }
    const scope = scopeParam(actor.principal);
    const userId = actor.principal?.userId ?? null;
    const record = await this.reports.findRecord(id, scope, manager, true);
    if (!record) throw reportNotFound();
    if (record.version !== request.version) throw ApiException.versionConflict();
    if (!step.from.includes(record.status)) throw reportWrongStatus(action, record.status);
    if (action === 'approve') {
      // four eyes (plan setting, on by default): whoever last submitted the report does not approve it
      const fourEyes = await this.reports.findFourEyes(id, manager);
      if (fourEyes.requiresFourEyes && userId !== null && fourEyes.lastSubmitterId === userId) {
        refusal.at = { planId: record.planId, lastSubmitterId: userId, reportId: id };
        throw fourEyesRequired();
      }
    }
    const now = this.clock.now();
    let isLate = record.isLate;
    if (action === 'submit') {
      await this.requireAllValues(manager, record);
      const plan = (await this.plans.findById(record.planId, manager))!;
      if (plan.requireProgressText && !(await this.reports.findSummary(id, manager))?.progressText?.trim()) {
        throw progressTextRequired();
      }
      // lateness is decided by the first submission; a resubmission after a return keeps it
      if (!record.submittedAt) isLate = isLateSubmission(record.month, plan.reportDeadlineDay, now);
    }
    const moved = await this.reports.transition(manager, id, request.version, step.from, step.to, {
      action,
      userId,
      at: now,
      reason,
      isLate,
    });
    if (!moved) throw ApiException.versionConflict();
    await this.reports.insertHistory(
      manager,
      [id],
      { from: record.status, to: step.to, action, reason },
      userId,
      now,
    );
    if (step.movesYtd) {
      // year-to-date entries: the approved increments follow the approved 累计 (docs/scoring.md §10)
      await this.reports.rederiveYtdEntries(manager, record.planId, record.unitId);
      await this.ytd.refreshForReport(manager, record.planId, id);
    }
    await this.audit.record(manager, actor, {
      action: `report.${action}`,
      objectType: 'report',
      objectId: id,
      before: { status: record.status, version: record.version, isLate: record.isLate },
      after: { status: step.to, version: record.version + 1, isLate },
      detail: {
        planId: record.planId,
        unitId: record.unitId,
        month: record.month,
        ...(reason ? { reason } : {}),
      },
    });
    const after = (await this.reports.findRecord(id, null, manager))!;
    const detail = await this.reportsService.detail(actor, after, manager);
    // the notice commits with the step, or vanishes with it
    const notices = await this.recordNotices(manager, action, detail, reason);
    return { detail, notices };
  }

  /** A refused approval is an authorization failure (AUD-1): recorded on its own, the step rolled back. */
  private async auditRefusal(actor: Actor, refusal: Refusal): Promise<void> {
    const refused = refusal.at;
    if (!refused) return;
    await this.audit.recordStandalone(actor, {
      action: 'report.approve',
      objectType: refused.reportId === null ? 'plan' : 'report',
      objectId: refused.reportId ?? refused.planId,
      result: 'denied',
      detail: {
        planId: refused.planId,
        code: ErrorCode.FourEyesRequired,
        submittedBy: refused.lastSubmitterId,
      },
    });
  }

  private async unitName(manager: EntityManager, record: ReportRecord): Promise<string> {
    return (await this.reports.findSummary(record.id, manager))?.unitName ?? '';
  }

  /**
   * The step's notices: a submission to the reviewers of the unit (admins), a return, an approval or an unlock to the
   * unit's reporters. Each successful step is its own event (a retried request fails on the version and writes none).
   */
  private async recordNotices(
    manager: EntityManager,
    action: Action,
    report: ReportDetail,
    reason: string | null,
  ): Promise<number[]> {
    if (action === 'submit') {
      const reviewers = await this.notifications.reviewersOfUnit(manager, report.unitId);
      return this.notifications.record(
        manager,
        reviewers.map((userId) => submittedNotice(report, userId, report.isLate)),
      );
    }
    const reporters = await this.notifications.reportersOfUnits(manager, [report.unitId]);
    return this.notifications.record(
      manager,
      reporters.map((r) => decidedNotice(report, action, reason, r.userId)),
    );
  }

  /** Every reported indicator of the plan needs this month's value (0 is a value); else 422 listing the missing. */
  private async requireAllValues(manager: EntityManager, record: ReportRecord) {
    // sequential: both run on the transaction's single connection
    const indicators = await this.reports.listReportedIndicators(record.planId, manager);
    const values = await this.reports.listValues(record.id, manager);
    const present = new Set(values.map((v) => v.indicatorId));
    // an optional indicator, or a quarterly one outside 3/6/9/12, may be left out: "not reported", never 0 (§11)
    const monthNo = Number(record.month.slice(5, 7));
    const missing = indicators.filter(
      (i) => !present.has(i.id) && isValueRequired(i.reportFrequency, monthNo),
    );
    if (missing.length === 0) return;
    throw reportIncomplete(missing);
  }
}
