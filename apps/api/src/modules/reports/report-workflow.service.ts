import { Injectable } from '@nestjs/common';
import {
  EDITABLE_REPORT_STATUSES,
  ErrorCode,
  isLateSubmission,
  type ReportActionRequest,
  type ReportDetail,
  type ReportStatus,
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
import { fourEyesRequired, reportIncomplete, reportNotFound, reportWrongStatus } from './reports.errors';
import { type ReportRecord, ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

type Action = 'submit' | 'approve' | 'return' | 'unlock';

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
    const step = STEPS[action];
    const reason = request.reason?.trim() || null;
    if (step.needsReason && !reason) {
      throw ApiException.field('reason', 'required', '请填写原因', 'A reason is required');
    }
    const scope = scopeParam(actor.principal);
    const userId = actor.principal?.userId ?? null;
    let refusal: { planId: number; lastSubmitterId: number } | null = null;
    let notices: number[] = [];
    const work = this.dataSource.transaction(async (manager) => {
      const record = await this.reports.findRecord(id, scope, manager, true);
      if (!record) throw reportNotFound();
      if (record.version !== request.version) throw ApiException.versionConflict();
      if (!step.from.includes(record.status)) throw reportWrongStatus(action, record.status);
      if (action === 'approve') {
        // four eyes (plan setting, on by default): whoever last submitted the report does not approve it
        const fourEyes = await this.reports.findFourEyes(id, manager);
        if (fourEyes.requiresFourEyes && userId !== null && fourEyes.lastSubmitterId === userId) {
          refusal = { planId: record.planId, lastSubmitterId: userId };
          throw fourEyesRequired();
        }
      }
      const now = this.clock.now();
      let isLate = record.isLate;
      if (action === 'submit') {
        await this.requireAllValues(manager, record);
        // lateness is decided by the first submission; a resubmission after a return keeps it
        if (!record.submittedAt) isLate = await this.lateAt(manager, record, now);
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
      if (step.movesYtd) await this.ytd.refreshForReport(manager, record.planId, id);
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
      notices = await this.recordNotices(manager, action, detail, reason);
      return detail;
    });
    const detail = await work.catch(async (error: unknown) => {
      const refused = refusal as { planId: number; lastSubmitterId: number } | null;
      if (refused) {
        // a refused approval is an authorization failure (AUD-1): recorded on its own, the step rolled back
        await this.audit.recordStandalone(actor, {
          action: 'report.approve',
          objectType: 'report',
          objectId: id,
          result: 'denied',
          detail: {
            planId: refused.planId,
            code: ErrorCode.FourEyesRequired,
            submittedBy: refused.lastSubmitterId,
          },
        });
      }
      throw error;
    });
    // after the commit: hands the step's notices to the push channels (best effort)
    await this.notifications.push(notices);
    return detail;
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
    const missing = indicators.filter((i) => !present.has(i.id));
    if (missing.length === 0) return;
    throw reportIncomplete(missing);
  }

  private async lateAt(manager: EntityManager, record: ReportRecord, now: Date): Promise<boolean> {
    const plan = (await this.plans.findById(record.planId, manager))!;
    return isLateSubmission(record.month, plan.reportDeadlineDay, now);
  }
}
