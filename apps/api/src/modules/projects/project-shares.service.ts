import { Injectable } from '@nestjs/common';
import {
  Dec,
  type PendingSharesResponse,
  type ProjectDetail,
  type ProjectRow,
  type ShareDecisionRequest,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { reportsFor, shareCreditedNotice, shareDecidedNotice, shareProposedNotice } from './project-shares';
import { shareChanged, shareNotPending } from './projects.errors';
import { ProjectsRepository, type ShareWrite } from './projects.repository';

const PENDING_SHARE_NOT_FOUND = () => ApiException.notFound('待确认分成', 'Pending share');

/**
 * 分成确认: the credited unit's reporter (or an admin) lists the shares proposed to its units and confirms or declines
 * each. A confirmation moves the share's figures from the responsible unit to the credited one, in the same
 * transaction as the summary refresh and the audit event; both sides are told through the inbox.
 */
@Injectable()
export class ProjectSharesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsRepository,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async listPending(actor: Actor): Promise<PendingSharesResponse> {
    return { items: await this.projects.listPendingShares(scopeParam(actor.principal)) };
  }

  /**
   * Confirms or declines the pending share of `unitId` on the project. A unit the caller does not report for answers
   * 404 (as if there were no such share); a share no longer pending 409; a percentage changed since the caller saw it
   * 409 (VERSION_CONFLICT).
   */
  async decide(
    actor: Actor,
    projectId: number,
    unitId: number,
    request: ShareDecisionRequest,
    detail: (row: ProjectRow, manager: EntityManager) => Promise<ProjectDetail>,
  ): Promise<ProjectDetail> {
    const principal = actor.principal!;
    const reason = request.reason?.trim() || null;
    if (request.decision === 'declined' && !reason) {
      throw ApiException.field('reason', 'required', '拒绝分成须填写原因', 'A reason is required to decline');
    }
    if (!reportsFor(principal, unitId)) throw PENDING_SHARE_NOT_FOUND();
    let notificationIds: number[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const before = await this.projects.lockForShareDecision(manager, projectId);
      const share = before?.shares.find((s) => s.unitId === unitId && s.unitId !== before.unitId);
      if (!before || !share) throw PENDING_SHARE_NOT_FOUND();
      if (share.status !== 'pending') throw shareNotPending(share.status);
      if (!new Dec(share.sharePct).eq(request.sharePct)) throw shareChanged(share.sharePct);
      const now = this.clock.now();
      const decided = await this.projects.decideShare(manager, projectId, unitId, share.sharePct, {
        status: request.decision,
        userId: principal.userId,
        at: now,
        reason: request.decision === 'declined' ? reason : null,
      });
      if (!decided) throw ApiException.versionConflict();
      // a pending or declined share counts for the responsible unit: only a confirmation moves figures
      if (request.decision === 'confirmed')
        await this.summary.refreshForUnits(manager, [before.unitId, unitId]);
      const after = (await this.projects.findRow(projectId, null, manager))!;
      await this.audit.record(manager, actor, {
        action: request.decision === 'confirmed' ? 'project.share.confirm' : 'project.share.decline',
        objectType: 'project',
        objectId: projectId,
        before: { share },
        after: { share: after.shares.find((s) => s.unitId === unitId) ?? null },
        detail: { unitId, sharePct: share.sharePct, ...(reason ? { reason } : {}) },
      });
      const recipients = (await this.notifications.reportersOfUnits(manager, [before.unitId])).filter(
        (r) => r.userId !== principal.userId,
      );
      notificationIds = await this.notifications.record(
        manager,
        recipients.map((r) =>
          shareDecidedNotice(before, share, { status: request.decision, reason }, r.userId),
        ),
      );
      // a confirmed share now counts for the credited unit: its (other) reporters are told
      if (request.decision === 'confirmed')
        notificationIds.push(...(await this.noticeCredited(manager, before, [share], principal.userId)));
      return detail(after, manager);
    });
    await this.notifications.push(notificationIds);
    return result;
  }

  /** Inbox rows for the reporters of each newly proposed share's unit (the writer excluded); answers their ids. */
  async noticeProposed(
    manager: EntityManager,
    project: ProjectRow,
    proposed: readonly ShareWrite[],
    writerId: number,
  ): Promise<number[]> {
    if (proposed.length === 0) return [];
    const names = await this.projects.unitNames(
      manager,
      proposed.map((s) => s.unitId),
    );
    const reporters = await this.notifications.reportersOfUnits(
      manager,
      proposed.map((s) => s.unitId),
    );
    return this.notifications.record(
      manager,
      reporters
        .filter((r) => r.userId !== writerId)
        .map((r) => {
          const share = proposed.find((s) => s.unitId === r.unitId)!;
          return shareProposedNotice(
            project,
            { unitId: share.unitId, unitName: names.get(share.unitId) ?? '', sharePct: share.sharePct },
            r.userId,
          );
        }),
    );
  }

  /**
   * Inbox rows for the reporters of each unit a share was newly credited to (the writer excluded: they did it);
   * answers their ids.
   */
  async noticeCredited(
    manager: EntityManager,
    project: ProjectRow,
    credited: ReadonlyArray<{ unitId: number; sharePct: string }>,
    writerId: number,
  ): Promise<number[]> {
    if (credited.length === 0) return [];
    const names = await this.projects.unitNames(
      manager,
      credited.map((s) => s.unitId),
    );
    const reporters = await this.notifications.reportersOfUnits(
      manager,
      credited.map((s) => s.unitId),
    );
    return this.notifications.record(
      manager,
      reporters
        .filter((r) => r.userId !== writerId)
        .map((r) => {
          const share = credited.find((s) => s.unitId === r.unitId)!;
          return shareCreditedNotice(
            project,
            { unitId: share.unitId, unitName: names.get(share.unitId) ?? '', sharePct: share.sharePct },
            r.userId,
          );
        }),
    );
  }

  /** After the commit: hands the new notices to the push channels (best effort). */
  push(ids: number[]): Promise<void> {
    return this.notifications.push(ids);
  }
}
