import { describe, expect, it } from 'vitest';

import type { ProjectShareRow } from '@pacer/shared';

import { decisionRequest, shareStatusTag, unconfirmedShares } from './project-shares';

function share(unitId: number, sharePct: string, status: ProjectShareRow['status']): ProjectShareRow {
  return {
    unitId,
    unitName: unitId === 2 ? '青山镇' : '城关镇',
    sharePct,
    status,
    proposedByName: status === 'confirmed' ? null : '青山镇填报员',
    proposedAt: status === 'confirmed' ? null : '2026-07-20T02:00:00.000Z',
    decidedByName: null,
    decidedAt: null,
    declineReason: status === 'declined' ? '未参与洽谈' : null,
  };
}

describe('project shares (分成确认)', () => {
  it('should tag each state', () => {
    expect(shareStatusTag('pending')).toEqual({ type: 'warning', key: 'projects.shareStatus.pending' });
    expect(shareStatusTag('confirmed').key).toBe('projects.shareStatus.confirmed');
    expect(shareStatusTag('declined').type).toBe('danger');
  });

  it("should list the co-credited shares that do not count for their unit yet, never the responsible unit's own", () => {
    const project = { unitId: 2, shares: [share(2, '1', 'confirmed'), share(1, '99', 'pending')] };
    expect(unconfirmedShares(project).map((s) => s.unitId)).toEqual([1]);
    expect(
      unconfirmedShares({ unitId: 2, shares: [share(2, '60', 'confirmed'), share(1, '40', 'confirmed')] }),
    ).toEqual([]);
    expect(
      unconfirmedShares({ unitId: 2, shares: [share(2, '60', 'confirmed'), share(1, '40', 'declined')] }),
    ).toHaveLength(1);
  });

  it('should send the percentage seen, and a trimmed reason only to decline', () => {
    expect(decisionRequest({ sharePct: '99' }, 'confirmed')).toEqual({
      decision: 'confirmed',
      sharePct: '99',
    });
    expect(decisionRequest({ sharePct: '99' }, 'declined', '  城关镇未参与洽谈 ')).toEqual({
      decision: 'declined',
      sharePct: '99',
      reason: '城关镇未参与洽谈',
    });
  });
});
