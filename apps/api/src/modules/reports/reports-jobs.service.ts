import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  businessDate,
  businessMonth,
  type OpenMonthResponse,
  parseMonth,
  type RemindResponse,
  reportDeadline,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { isPastDeadline, isReminderDue, reportingMonth } from '../../common/jobs/job-calendar';
import { JobLockService, type PlanJobResult } from '../../common/jobs/job-lock.service';
import { type ScheduledPlan, ScheduledPlansRepository } from '../../common/jobs/scheduled-plans.repository';
import { systemActor } from '../../common/jobs/system-actor';
import { JOBS_CONFIG, type JobsConfig } from '../../config/jobs.config';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { lateNotice, remindNotice } from './report-notices';
import { planNotPublished } from './reports.errors';
import { ReportRemindersRepository } from './report-reminders.repository';
import { PlansService } from '../plans/plans.service';
import { ReportsService } from './reports.service';

export const OPEN_MONTH_JOB = 'reports.open-month';
export const REMIND_JOB = 'reports.remind';
export const MARK_LATE_JOB = 'reports.mark-late';

export interface RemindResult {
  month: string;
  deadline: string;
  units: number;
  notified: number;
  notificationIds: number[];
}

export interface MarkLateResult {
  month: string;
  deadline: string;
  /** Reports flagged late by this run. */
  flaggedReportIds: number[];
  /** Units not in at the deadline (drafts, returned, no report at all). */
  unsubmittedUnitIds: number[];
  notificationIds: number[];
}

/**
 * The monthly report jobs, each per published plan and run exactly once per (job, plan, month) through
 * JobLockService (its work commits with the job_run row). They work on the previous Asia/Shanghai month, the one
 * being reported. `now` is a parameter so that tests (and a replayed tick) choose the instant.
 */
@Injectable()
export class ReportsJobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobLock: JobLockService,
    private readonly plans: ScheduledPlansRepository,
    private readonly plansService: PlansService,
    private readonly reports: ReportsService,
    private readonly reminders: ReportRemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
  ) {}

  /** From the 1st (or the first tick after it): the previous month's drafts, as POST …/months/:month/open does. */
  async runOpenMonth(now = this.clock.now()): Promise<Array<PlanJobResult<OpenMonthResponse>>> {
    const month = reportingMonth(now);
    return this.jobLock.runForPlans(OPEN_MONTH_JOB, month, await this.plansOf(month), {
      isDue: () => true,
      work: (plan, manager) =>
        this.reports.openMonth(systemActor(OPEN_MONTH_JOB, month), plan.id, month, manager),
    });
  }

  /** From PACER_REMIND_DAYS before the deadline to the deadline day: remind the reporters of units not in. */
  async runRemind(now = this.clock.now()): Promise<Array<PlanJobResult<RemindResult>>> {
    const month = reportingMonth(now);
    return this.jobLock.runForPlans(REMIND_JOB, month, await this.plansOf(month), {
      isDue: (plan) => isReminderDue(month, plan.reportDeadlineDay, this.config.remindDays, now),
      work: (plan, manager) =>
        this.remindIn(manager, systemActor(REMIND_JOB, month), plan, month, businessDate(now), 'job'),
      afterCommit: (_plan, result) => this.notifications.push(result.notificationIds),
    });
  }

  /** After the deadline day: flag the never-submitted drafts late and tell the administrators who is missing. */
  async runMarkLate(now = this.clock.now()): Promise<Array<PlanJobResult<MarkLateResult>>> {
    const month = reportingMonth(now);
    return this.jobLock.runForPlans(MARK_LATE_JOB, month, await this.plansOf(month), {
      isDue: (plan) => isPastDeadline(month, plan.reportDeadlineDay, now),
      work: (plan, manager) => this.markLateIn(manager, systemActor(MARK_LATE_JOB, month), plan, month),
      afterCommit: (_plan, result) => this.notifications.push(result.notificationIds),
    });
  }

  /** The approvals screen's 「催报」: remind the reporters of the units not in now (as often as the office asks). */
  async remindNow(actor: Actor, planId: number, month: string): Promise<RemindResponse> {
    const plan = await this.plansService.requirePlanMonth(planId, month);
    const now = this.clock.now();
    if (month > businessMonth(now)) {
      throw ApiException.field(
        'month',
        'futureMonth',
        '该月份尚未到来，不能催报',
        'The month has not begun yet',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    if (plan.status !== 'published') {
      throw planNotPublished(plan.status);
    }
    const result = await this.dataSource.transaction((manager) =>
      this.remindIn(manager, actor, plan, month, businessDate(now), 'manual'),
    );
    await this.notifications.push(result.notificationIds);
    return { planId, month, units: result.units, notified: result.notified };
  }

  private async plansOf(month: string): Promise<ScheduledPlan[]> {
    return this.plans.listPublished(parseMonth(month).year);
  }

  /** One 「月报提醒」 per (reporter, unit not in), written with its audit event in the caller's transaction. */
  private async remindIn(
    manager: EntityManager,
    actor: Actor,
    plan: ScheduledPlan,
    month: string,
    today: string,
    trigger: 'job' | 'manual',
  ): Promise<RemindResult> {
    const deadline = reportDeadline(month, plan.reportDeadlineDay);
    const units = await this.reminders.listUnsubmitted(manager, plan, month);
    const reporters = await this.notifications.reportersOfUnits(
      manager,
      units.map((u) => u.unitId),
    );
    const unitById = new Map(units.map((u) => [u.unitId, u]));
    const notificationIds = await this.notifications.record(
      manager,
      reporters.map((r) => remindNotice(plan, month, deadline, unitById.get(r.unitId)!, r.userId, today)),
    );
    if (units.length > 0) {
      await this.audit.record(manager, actor, {
        action: 'report.remind',
        objectType: 'plan',
        objectId: plan.id,
        detail: {
          month,
          deadline,
          trigger,
          unitIds: units.map((u) => u.unitId),
          notified: notificationIds.length,
        },
      });
    }
    return { month, deadline, units: units.length, notified: notificationIds.length, notificationIds };
  }

  private async markLateIn(
    manager: EntityManager,
    actor: Actor,
    plan: ScheduledPlan,
    month: string,
  ): Promise<MarkLateResult> {
    const deadline = reportDeadline(month, plan.reportDeadlineDay);
    const flagged = await this.reminders.flagLate(manager, plan.id, month);
    // one audit event per report, so the report's own audit trail shows who flagged it and why
    for (const report of flagged) {
      await this.audit.record(manager, actor, {
        action: 'report.mark_late',
        objectType: 'report',
        objectId: report.id,
        before: { isLate: false },
        after: { isLate: true },
        detail: { planId: plan.id, unitId: report.unitId, month, deadline },
      });
    }
    const units = await this.reminders.listUnsubmitted(manager, plan, month);
    const admins = units.length > 0 ? await this.notifications.activeAdminIds(manager) : [];
    const notificationIds = await this.notifications.record(
      manager,
      admins.map((userId) => lateNotice(plan, month, deadline, units, userId)),
    );
    return {
      month,
      deadline,
      flaggedReportIds: flagged.map((r) => r.id),
      unsubmittedUnitIds: units.map((u) => u.unitId),
      notificationIds,
    };
  }
}
