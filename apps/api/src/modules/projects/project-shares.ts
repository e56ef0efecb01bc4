import { Dec, type ProjectRow } from '@pacer/shared';

import type { Principal } from '../../common/auth/principal';
import type { NewNotification } from '../notifications/notifications.service';
import type { ShareWrite } from './projects.repository';

/** Whether the principal reports for the unit (an unscoped principal, e.g. an admin, for every unit). */
export function reportsFor(principal: Principal, unitId: number): boolean {
  return principal.scopeUnitIds === null || principal.scopeUnitIds.includes(unitId);
}

/**
 * The state of each share row a create or an edit writes (分成确认, docs/scoring.md §4):
 * - a row whose unit and percentage are unchanged keeps its state (editing other fields confirms or re-proposes
 *   nothing);
 * - a new or changed row is `confirmed` at once when the writer reports for its unit (the responsible unit's own
 *   row always; an admin's every row), else `pending` until that unit's reporter or an admin confirms it.
 * `rows` come from creditRows (responsible first); `before` is what is stored (empty for a new project).
 */
export function shareStates(
  principal: Principal,
  responsibleUnitId: number,
  rows: ReadonlyArray<{ unitId: number; sharePct: string }>,
  before: readonly ShareWrite[],
  now: Date,
): ShareWrite[] {
  return rows.map((row) => {
    const stored = before.find((b) => b.unitId === row.unitId);
    const isResponsible = row.unitId === responsibleUnitId;
    if (
      stored &&
      new Dec(stored.sharePct).eq(row.sharePct) &&
      (stored.status === 'confirmed' || !isResponsible)
    ) {
      return { ...stored, sharePct: row.sharePct };
    }
    if (isResponsible) return responsibleShare(row.unitId, row.sharePct);
    if (reportsFor(principal, row.unitId)) {
      return {
        unitId: row.unitId,
        sharePct: row.sharePct,
        status: 'confirmed',
        proposedBy: null,
        proposedAt: null,
        decidedBy: principal.userId,
        decidedAt: now,
        declineReason: null,
      };
    }
    return {
      unitId: row.unitId,
      sharePct: row.sharePct,
      status: 'pending',
      proposedBy: principal.userId,
      proposedAt: now,
      decidedBy: null,
      decidedAt: null,
      declineReason: null,
    };
  });
}

/** The responsible unit's own share: confirmed by being the responsible unit (no proposal, no decision). */
export function responsibleShare(unitId: number, sharePct = '100'): ShareWrite {
  return {
    unitId,
    sharePct,
    status: 'confirmed',
    proposedBy: null,
    proposedAt: null,
    decidedBy: null,
    decidedAt: null,
    declineReason: null,
  };
}

/** The rows of `after` that this write newly proposed (pending and not pending before with the same percentage). */
export function newlyProposed(after: readonly ShareWrite[], before: readonly ShareWrite[]): ShareWrite[] {
  return after.filter(
    (s) =>
      s.status === 'pending' &&
      !before.some(
        (b) => b.unitId === s.unitId && b.status === 'pending' && new Dec(b.sharePct).eq(s.sharePct),
      ),
  );
}

/**
 * The rows of `after` that this write newly credited to a unit other than the responsible one: confirmed, and not
 * confirmed before with the same percentage.
 */
export function newlyCredited(
  after: readonly ShareWrite[],
  before: readonly ShareWrite[],
  responsibleUnitId: number,
): ShareWrite[] {
  return after.filter(
    (s) =>
      s.status === 'confirmed' &&
      s.unitId !== responsibleUnitId &&
      !before.some(
        (b) => b.unitId === s.unitId && b.status === 'confirmed' && new Dec(b.sharePct).eq(s.sharePct),
      ),
  );
}

type NoticeProject = Pick<ProjectRow, 'id' | 'code' | 'name' | 'unitName'>;

/** 「项目分成计入」 to a reporter of the unit a share is now credited to (counted in its figures). */
export function shareCreditedNotice(
  project: NoticeProject,
  share: { unitId: number; unitName: string; sharePct: string },
  userId: number,
): NewNotification {
  return {
    userId,
    kind: 'project.share.credited',
    title: '项目分成计入',
    body:
      `${project.unitName}登记的项目“${project.name}”（${project.code}）的 ${share.sharePct}% 分成` +
      `已计入${share.unitName}，计入本单位数据。`,
    link: `/projects?projectId=${project.id}`,
    planId: null,
    unitId: share.unitId,
    month: null,
  };
}

/** 「分成待确认」 to a reporter of the credited unit. */
export function shareProposedNotice(
  project: NoticeProject,
  share: { unitId: number; unitName: string; sharePct: string },
  userId: number,
): NewNotification {
  return {
    userId,
    kind: 'project.share.proposed',
    title: '分成待确认',
    body:
      `${project.unitName}登记的项目“${project.name}”（${project.code}）拟将 ${share.sharePct}% 分成计入${share.unitName}。` +
      `确认后才计入本单位数据，请在“待确认分成”中确认或拒绝。`,
    link: '/projects?view=pending-shares',
    planId: null,
    unitId: share.unitId,
    month: null,
  };
}

/** 「分成已确认」 / 「分成被拒绝」 to a reporter of the responsible unit. */
export function shareDecidedNotice(
  project: NoticeProject & { unitId: number },
  share: { unitName: string; sharePct: string },
  decision: { status: 'confirmed' | 'declined'; reason: string | null },
  userId: number,
): NewNotification {
  const what = `项目“${project.name}”（${project.code}）的 ${share.sharePct}% 分成`;
  return decision.status === 'confirmed'
    ? {
        userId,
        kind: 'project.share.confirmed',
        title: '分成已确认',
        body: `${share.unitName}已确认${what}，该份额已计入${share.unitName}。`,
        link: `/projects?projectId=${project.id}`,
        planId: null,
        unitId: project.unitId,
        month: null,
      }
    : {
        userId,
        kind: 'project.share.declined',
        title: '分成被拒绝',
        body:
          `${share.unitName}拒绝了${what}，原因：${decision.reason ?? ''}。` +
          `该份额仍计入${project.unitName}，如有异议请与对方核实后修改分成。`,
        link: `/projects?projectId=${project.id}`,
        planId: null,
        unitId: project.unitId,
        month: null,
      };
}
