import { Injectable } from '@nestjs/common';
import {
  RESIGN_REASON,
  type VerificationRow,
  type VerificationsResponse,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { ProjectsService } from '../projects/projects.service';
import type { VerificationAppealDto, VerificationDecisionDto, VerificationsQueryDto } from './dto/verifications.dto';
import { verificationDecidedNotice } from './verification-notices';
import {
  appealByUnitOnly,
  appealNotAllowed,
  reasonOnlyForRejection,
  rejectionNeedsReason,
  verificationNotFound,
  verificationNotPending,
} from './verifications.errors';
import { type StoredVerification, VerificationsRepository } from './verifications.repository';

const DEFAULT_PAGE_SIZE = 50;

/** The rows a decision is audited with: the verification's own fields, not the project's. */
function auditView(v: StoredVerification) {
  const { id, projectId, kind, fundMonth, eventDate, amountWan, status, reason, note, isAppealed, appealNote, version } =
    v;
  return { id, projectId, kind, fundMonth, eventDate, amountWan, status, reason, note, isAppealed, appealNote, version };
}

/**
 * 认定 (issue 15, docs/verification.md): the office's queue of counting events, its decisions (已认定 / 不予认定 with a
 * reason from the plan's list), and the unit's one appeal. A decision moves the figures of indicators that count only
 * verified events, so it refreshes the year-to-date summary of the project's credited units in its own transaction,
 * with its audit event and the notices to the unit's reporters.
 */
@Injectable()
export class VerificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifications: VerificationsRepository,
    private readonly projects: ProjectsService,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, query: VerificationsQueryDto): Promise<VerificationsResponse> {
    const scope = scopeParam(actor.principal);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.verifications.list(query, scope, page, pageSize);
    const reasons = await this.verifications.reasonsForCaller(scope);
    const items: VerificationRow[] = [];
    // one after the other: the duplicate look-up is an index probe per signed event of the page
    for (const row of rows) items.push(await this.toRow(row, reasons));
    return { items, total, page, pageSize, reasons };
  }

  async decide(actor: Actor, id: number, dto: VerificationDecisionDto): Promise<VerificationRow> {
    const principal = actor.principal!;
    const reason = dto.reason?.trim() || null;
    const note = dto.note?.trim() || null;
    if (dto.decision === 'verified' && reason) throw reasonOnlyForRejection();
    let notificationIds: number[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const before = await this.verifications.lockForWrite(manager, id, scopeParam(principal));
      if (!before) throw verificationNotFound();
      if (before.version !== dto.version) throw ApiException.versionConflict();
      if (before.status !== 'pending') throw verificationNotPending(before.status);
      const reasons = await this.verifications.reasonsFor(manager, before.unitId, Number(before.eventDate.slice(0, 4)));
      if (dto.decision === 'rejected' && (!reason || !reasons.includes(reason))) throw rejectionNeedsReason(reasons);
      const written = await this.verifications.decide(manager, {
        id,
        version: dto.version,
        status: dto.decision,
        reason: dto.decision === 'rejected' ? reason : null,
        note,
        userId: principal.userId,
      });
      if (!written) throw ApiException.versionConflict();
      // indicators that count only 已认定 events move: the summary (and so the ranking) follows in this transaction
      await this.summary.refreshForUnits(manager, await this.verifications.creditedUnits(manager, before.projectId));
      const after = (await this.verifications.findById(manager, id))!;
      await this.audit.record(manager, actor, {
        action: dto.decision === 'verified' ? 'verification.verify' : 'verification.reject',
        objectType: 'verification',
        objectId: id,
        before: auditView(before),
        after: auditView(after),
        detail: { projectId: before.projectId, kind: before.kind, isAppealDecision: before.isAppealed },
      });
      const recipients = (await this.notifications.reportersOfUnits(manager, [before.unitId])).filter(
        (r) => r.userId !== principal.userId,
      );
      notificationIds = await this.notifications.record(
        manager,
        recipients.map((r) =>
          verificationDecidedNotice(
            before,
            { status: dto.decision, reason: after.reason, note, isFinal: before.isAppealed },
            r.userId,
          ),
        ),
      );
      return this.toRow(after, reasons, manager);
    });
    await this.notifications.push(notificationIds);
    return result;
  }

  /** The unit's one appeal of a 不予认定 (a reporter of the project's responsible unit), back to the queue as 申诉. */
  async appeal(actor: Actor, id: number, dto: VerificationAppealDto): Promise<VerificationRow> {
    const principal = actor.principal!;
    const scope = scopeParam(principal);
    if (scope === null) throw appealByUnitOnly();
    return this.dataSource.transaction(async (manager) => {
      const before = await this.verifications.lockForWrite(manager, id, scope);
      if (!before) throw verificationNotFound();
      if (!scope.includes(before.unitId)) throw appealByUnitOnly();
      if (before.version !== dto.version) throw ApiException.versionConflict();
      if (before.status !== 'rejected' || before.isAppealed) throw appealNotAllowed(before.isAppealed);
      const written = await this.verifications.appeal(manager, {
        id,
        version: dto.version,
        note: dto.note.trim(),
        userId: principal.userId,
      });
      if (!written) throw ApiException.versionConflict();
      // rejected → pending: neither counts where only 已认定 events count, so no figure moves
      const after = (await this.verifications.findById(manager, id))!;
      await this.audit.record(manager, actor, {
        action: 'verification.appeal',
        objectType: 'verification',
        objectId: id,
        before: auditView(before),
        after: auditView(after),
        detail: { projectId: before.projectId, kind: before.kind },
      });
      const reasons = await this.verifications.reasonsFor(manager, before.unitId, Number(before.eventDate.slice(0, 4)));
      return this.toRow(after, reasons, manager);
    });
  }

  private async toRow(v: StoredVerification, reasons: readonly string[], manager?: EntityManager): Promise<VerificationRow> {
    const duplicates =
      v.kind === 'signed'
        ? await this.projects.duplicates(
            {
              name: v.projectName,
              investorName: v.investorName,
              investorCreditCode: v.investorCreditCode,
              agreedInvestmentWan: v.agreedInvestmentWan,
              unitId: v.unitId,
              signedDate: v.signedDate,
            },
            v.projectId,
            manager,
          )
        : [];
    // 跨年重签 is 不予认定 by default: the office starts from that decision unless it says otherwise
    const isResigning = duplicates.some(
      (d) => d.rules.includes('resigned_cross_year') || d.rules.includes('resigned_after_drop'),
    );
    const suggest = v.status === 'pending' && isResigning && reasons.includes(RESIGN_REASON);
    return {
      id: v.id,
      projectId: v.projectId,
      projectCode: v.projectCode,
      projectName: v.projectName,
      investorName: v.investorName,
      unitId: v.unitId,
      unitName: v.unitName,
      kind: v.kind,
      fundMonth: v.fundMonth,
      eventDate: v.eventDate,
      amountWan: v.amountWan,
      project: {
        stage: v.stage as VerificationRow['project']['stage'],
        agreedInvestmentWan: v.agreedInvestmentWan,
        signedDate: v.signedDate,
        startedDate: v.startedDate,
        producingDate: v.producingDate,
        registeredDate: v.registeredDate,
        droppedDate: v.droppedDate,
      },
      status: v.status,
      reason: v.reason,
      note: v.note,
      decidedBy: v.decidedBy,
      decidedAt: v.decidedAt ? new Date(v.decidedAt).toISOString() : null,
      isAppealed: v.isAppealed,
      appealNote: v.appealNote,
      appealedAt: v.appealedAt ? new Date(v.appealedAt).toISOString() : null,
      canAppeal: v.status === 'rejected' && !v.isAppealed,
      reopenedAt: v.reopenedAt ? new Date(v.reopenedAt).toISOString() : null,
      previousStatus: v.previousStatus,
      suggestedDecision: suggest ? 'rejected' : null,
      suggestedReason: suggest ? RESIGN_REASON : null,
      duplicates,
      version: v.version,
      updatedAt: new Date(v.updatedAt).toISOString(),
    };
  }
}
