import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { PlanRow } from '@pacer/shared';

import {
  availableMonths,
  defaultMonth,
  defaultPlan,
  PLAN_CONTEXT_STORAGE_KEY,
  usePlanContextStore,
} from './plan-context';

function plan(id: number, year: number, status: PlanRow['status']): PlanRow {
  return {
    id,
    year,
    rootUnitId: 1,
    rootUnitName: '示范县',
    name: `示范县${year}年度`,
    status,
    curve: null,
    reportDeadlineDay: 5,
    monthCloseDay: 10,
    yellowBand: '10',
    rankingGroups: [],
    displayDecimals: 2,
    countCredit: 'responsible',
    industryChains: [],
    scoring: { items: [] },
    requireFourEyes: true,
    lateStartMonths: 6,
    requireProgressText: false,
    spikeFactor: '3',
    readScreensMonth: 'latestClosed',
    ownFigures: 'none',
    verificationReasons: ['佐证不足'],
    requiredDocuments: { signed: ['contract'], started: ['permit', 'startPhoto'], fund: ['fundVoucher'] },
    briefingChains: false,
    publishedAt: null,
    createdAt: '',
    updatedAt: '',
    version: 1,
  };
}

// 2026-11-25 10:00 in Asia/Shanghai.
const NOW = new Date('2026-11-25T02:00:00Z');

describe('plan context defaults', () => {
  it('should pick the published plan of the current year, else the newest published, else the newest', () => {
    expect(
      defaultPlan([plan(3, 2027, 'draft'), plan(2, 2026, 'published'), plan(1, 2025, 'closed')], NOW)?.id,
    ).toBe(2);
    expect(defaultPlan([plan(3, 2027, 'draft'), plan(1, 2025, 'published')], NOW)?.id).toBe(1);
    expect(defaultPlan([plan(3, 2026, 'draft')], NOW)?.id).toBe(3);
    expect(defaultPlan([], NOW)).toBeNull();
  });

  it('should offer the months that have begun, and default to the current one', () => {
    expect(availableMonths(2026, NOW)).toHaveLength(11);
    expect(defaultMonth(2026, NOW)).toBe('2026-11');
    expect(defaultMonth(2025, NOW)).toBe('2025-12');
    expect(availableMonths(2027, NOW)).toEqual(['2027-01']);
  });
});

describe('usePlanContextStore', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ items: [plan(2, 2026, 'published'), plan(1, 2025, 'closed')] }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
  });

  afterEach(() => vi.unstubAllGlobals());

  it('should settle on a plan and month, keep the month in the plan year and remember both', async () => {
    const store = usePlanContextStore();
    await store.ensureLoaded();
    expect(store.plan?.id).toBe(2);
    expect(store.month).toMatch(/^2026-/);
    store.setPlan(1);
    expect(store.month).toBe('2025-12');
    store.setMonth('2025-03');
    await Promise.resolve();
    expect(JSON.parse(localStorage.getItem(PLAN_CONTEXT_STORAGE_KEY)!)).toEqual({
      planId: 1,
      month: '2025-03',
    });
  });

  it('should start from the stored choice when it is still valid', async () => {
    localStorage.setItem(PLAN_CONTEXT_STORAGE_KEY, JSON.stringify({ planId: 1, month: '2025-06' }));
    setActivePinia(createPinia());
    const store = usePlanContextStore();
    await store.ensureLoaded();
    expect([store.planId, store.month]).toEqual([1, '2025-06']);
  });
});
