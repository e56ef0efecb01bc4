import { describe, expect, it } from 'vitest';

import { verificationRow as row } from './verification-row.fixture';
import { batchPlan, canSubmitDecision, eventWhen, initialDecision, queueStatus } from './verifications';

const REASONS = ['佐证不足', '重复统计', '突击上报', '跨年重签', '不符合认定标准'];

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

  it('should batch only pending events, leaving re-signings and appeals out to be decided one by one', () => {
    const plan = batchPlan([
      row({ id: 1 }),
      row({ id: 2, suggestedDecision: 'rejected', suggestedReason: '跨年重签' }),
      row({ id: 3, status: 'verified' }),
      row({ id: 4, isAppealed: true }),
    ]);
    expect(plan.toVerify.map((r) => r.id)).toEqual([1]);
    expect(plan.skipped.map((r) => r.id)).toEqual([2, 4]);
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
