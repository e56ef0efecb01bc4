import type { PendingShareRow, ProjectRow, ShareDecisionRequest, ShareStatus } from '@pacer/shared';

/** The tag of a share's state: 待确认 (warning), 已确认 (plain), 已拒绝 (danger). */
export function shareStatusTag(status: ShareStatus): { type: 'warning' | 'success' | 'danger'; key: string } {
  if (status === 'pending') return { type: 'warning', key: 'projects.shareStatus.pending' };
  if (status === 'declined') return { type: 'danger', key: 'projects.shareStatus.declined' };
  return { type: 'success', key: 'projects.shareStatus.confirmed' };
}

/** Co-credited shares (not the responsible unit's own) that do not count for their unit yet. */
export function unconfirmedShares(project: Pick<ProjectRow, 'unitId' | 'shares'>): ProjectRow['shares'] {
  return project.shares.filter((s) => s.unitId !== project.unitId && s.status !== 'confirmed');
}

/**
 * The request of a decision on a pending share: the percentage the user saw travels with it (409 if the
 * responsible unit changed it since); a refusal carries its reason.
 */
export function decisionRequest(
  row: Pick<PendingShareRow, 'sharePct'>,
  decision: ShareDecisionRequest['decision'],
  reason?: string,
): ShareDecisionRequest {
  return decision === 'declined'
    ? { decision, sharePct: row.sharePct, reason: (reason ?? '').trim() }
    : { decision, sharePct: row.sharePct };
}
