import { describe, expect, it } from 'vitest';

import { verificationRow as row } from './verification-row.fixture';
import { batchPlan, canSubmitDecision, eventWhen, evidenceFor, initialDecision, queueStatus } from './verifications';

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

describe('evidenceFor (佐证材料 at 认定)', () => {
  const a = (id: number, eventId: number | null, fundMonth: string | null, removedAt: string | null = null) => ({
    id,
    eventId,
    fundMonth,
    removedAt,
  });
  const source = {
    items: [a(1, 70, null), a(2, null, '2026-04'), a(3, null, '2026-05'), a(4, null, null), a(5, null, '2026-04', '2026-05-02T00:00:00Z')],
    checklist: [
      { step: 'signed' as const, kinds: ['contract' as const], eventId: 70, fundMonth: null, isMet: true },
      { step: 'fund' as const, kinds: ['fundVoucher' as const], eventId: null, fundMonth: '2026-04', isMet: true },
      { step: 'fund' as const, kinds: ['fundVoucher' as const], eventId: null, fundMonth: '2026-06', isMet: false },
    ],
  };

  it("should give a fund entry its own month's vouchers, the project's files after, and its month's check", () => {
    const april = evidenceFor({ kind: 'fund', fundMonth: '2026-04' }, source);
    expect(april.forEvent.map((f) => f.id)).toEqual([2]);
    expect(april.forProject.map((f) => f.id)).toEqual([4]);
    expect(april.check).toMatchObject({ fundMonth: '2026-04', isMet: true });
    expect(evidenceFor({ kind: 'fund', fundMonth: '2026-06' }, source)).toMatchObject({ forEvent: [], check: { isMet: false } });
  });

  it("should give a stage event the files of its event only, and no check when the plan requires none", () => {
    expect(evidenceFor({ kind: 'signed', fundMonth: null }, source).forEvent.map((f) => f.id)).toEqual([1]);
    const producing = evidenceFor({ kind: 'producing', fundMonth: null }, source);
    expect(producing.forEvent).toEqual([]);
    expect(producing.check).toBeNull();
  });
});
