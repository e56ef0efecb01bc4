import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { type SummaryDrift, YtdSummaryService } from '../progress/ytd-summary.service';
import { monthString } from './rankings.repository';

/** Differing rows listed in the audit event (the total is always given); the warn line shows fewer. */
export const DRIFT_ROWS_AUDITED = 200;
const DRIFT_ROWS_LOGGED = 5;

export const SUMMARY_DRIFT_ACTION = 'ytd_summary.drift';

interface ClosingPlan {
  id: number;
  year: number;
  name: string;
}

/**
 * The month close's check of the maintained year-to-date summary (docs/data-model.md): the close rebuilds the plan's
 * summary beside the maintained rows and compares them. Any difference is a bug of the delta path, and is never
 * papered over: one warn line, one audit event `ytd_summary.drift` listing the differing rows (unit, indicator,
 * month, maintained and rebuilt figures) and a notice to every active administrator, all in the close's transaction;
 * then the maintained rows take the rebuilt figures and the close scores on them. No difference: a debug line only.
 */
@Injectable()
export class CloseSummaryCheck {
  private readonly logger = new Logger(CloseSummaryCheck.name);

  constructor(
    private readonly ytd: YtdSummaryService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * In the close's transaction, before the freeze: compares, reports and replaces. Answers the notices written, to be
   * handed to the push channels after the commit (`pushNotices`).
   */
  async checkAndRebuild(
    manager: EntityManager,
    actor: Actor,
    plan: ClosingPlan,
    month: string,
  ): Promise<number[]> {
    const started = Date.now();
    const drift = await this.ytd.rebuildComparing(manager, plan.id, DRIFT_ROWS_AUDITED);
    const ms = Date.now() - started;
    if (!drift || drift.total === 0) {
      this.logger.debug({ planId: plan.id, month, ms }, 'ytd_summary matches its rebuild at the month close');
      return [];
    }
    const rows = drift.rows.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      indicatorCode: r.indicatorCode,
      month: monthString(plan.year, r.monthNo),
      maintained: r.maintained,
      rebuilt: r.rebuilt,
    }));
    this.logger.warn(
      { planId: plan.id, month, drifted: drift.total, ms, firstRows: rows.slice(0, DRIFT_ROWS_LOGGED) },
      `ytd_summary drift at the month close: ${drift.total} row(s) of plan ${plan.id} differed from the rebuild ` +
        'and were replaced (audit event ytd_summary.drift)',
    );
    await this.audit.record(manager, actor, {
      action: SUMMARY_DRIFT_ACTION,
      objectType: 'plan',
      objectId: plan.id,
      detail: { planId: plan.id, month, total: drift.total, listed: rows.length, rows },
    });
    return this.notifyAdmins(manager, plan, month, drift);
  }

  /** After the commit: the drift notices to the push channels (best effort, never fails the close). */
  async pushNotices(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.notifications.push(ids);
  }

  private async notifyAdmins(
    manager: EntityManager,
    plan: ClosingPlan,
    month: string,
    drift: SummaryDrift,
  ): Promise<number[]> {
    const admins = await this.notifications.activeAdminIds(manager);
    return this.notifications.record(
      manager,
      admins.map((userId) => ({
        userId,
        kind: 'summary.drift' as const,
        title: '累计汇总数据偏差',
        body:
          `「${plan.name}」${month} 关账时，累计汇总中有 ${drift.total} 个数与按原始数据重算的结果不一致；` +
          '本次关账已采用重算后的数据。差异明细已记入审计日志（年度累计汇总偏差），请联系系统维护人员排查。',
        link: `/months?planId=${plan.id}`,
        planId: plan.id,
        unitId: null,
        month,
      })),
    );
  }
}
