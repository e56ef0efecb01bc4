import { describe, expect, it } from 'vitest';

import type { VerificationRow } from '@pacer/shared';

import { batchPlan, canSubmitDecision, eventWhen, initialDecision, queueStatus } from './verifications';

const REASONS = ['佐证不足', '重复统计', '突击上报', '跨年重签', '不符合认定标准'];

function row(overrides: Partial<VerificationRow>): VerificationRow {
  return {
    id: 1,
    projectId: 7,
    projectCode: 'XM2026-000007',
    projectName: '青山镇年产5万吨竹木精深加工项目',
    investorName: '福建竹源新材料科技有限公司',
    unitId: 3,
    unitName: '青山镇',
    kind: 'signed',
    fundMonth: null,
    eventDate: '2026-06-10',
    amountWan: '52000',
    project: {
      stage: 'signed',
      agreedInvestmentWan: '52000',
      signedDate: '2026-06-10',
      startedDate: null,
      producingDate: null,
      registeredDate: null,
      droppedDate: null,
    },
    status: 'pending',
    reason: null,
    note: null,
    decidedBy: null,
    decidedAt: null,
    isAppealed: false,
    appealNote: null,
    appealedAt: null,
    canAppeal: false,
    reopenedAt: null,
    previousStatus: null,
    suggestedDecision: null,
    suggestedReason: null,
    duplicates: [],
    version: 1,
    updatedAt: '2026-07-01T02:00:00.000Z',
    ...overrides,
  };
}

describe('verification queue helpers', () => {
  it('should show a pending appeal as 申诉 and the rest by status', () => {
    expect(queueStatus(row({ isAppealed: true }))).toBe('appealed');
    expect(queueStatus(row({ status: 'rejected', isAppealed: true }))).toBe('rejected');
    expect(queueStatus(row({}))).toBe('pending');
  });

  it('should name a fund entry by its month and a stage by its date', () => {
    expect(eventWhen(row({ kind: 'fund', fundMonth: '2026-05', eventDate: '2026-05-01' }))).toBe('2026-05');
    expect(eventWhen(row({}))).toBe('2026-06-10');
  });

  it('should batch only pending events, leaving re-signings out to be decided one by one', () => {
    const plan = batchPlan([
      row({ id: 1 }),
      row({ id: 2, suggestedDecision: 'rejected', suggestedReason: '跨年重签' }),
      row({ id: 3, status: 'verified' }),
      row({ id: 4, isAppealed: true }),
    ]);
    expect(plan.toVerify.map((r) => r.id)).toEqual([1, 4]);
    expect(plan.skipped.map((r) => r.id)).toEqual([2]);
  });

  it('should start a re-signing as 不予认定：跨年重签 and anything else as 认定', () => {
    expect(initialDecision(row({ suggestedDecision: 'rejected', suggestedReason: '跨年重签' }))).toEqual({
      decision: 'rejected',
      reason: '跨年重签',
      note: '',
    });
    expect(initialDecision(row({}))).toEqual({ decision: 'verified', reason: '', note: '' });
  });

  it('should not submit a rejection without a reason from the plan', () => {
    expect(canSubmitDecision({ decision: 'rejected', reason: '', note: '' }, REASONS)).toBe(false);
    expect(canSubmitDecision({ decision: 'rejected', reason: '领导不满意', note: '' }, REASONS)).toBe(false);
    expect(canSubmitDecision({ decision: 'rejected', reason: '佐证不足', note: '' }, REASONS)).toBe(true);
    expect(canSubmitDecision({ decision: 'verified', reason: '', note: '' }, REASONS)).toBe(true);
  });
});
