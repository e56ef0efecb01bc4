import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { PlanMonthRow } from '@pacer/shared';

import {
  briefingBadges,
  defaultSelectedMonth,
  hasNewDraft,
  latestVersion,
  monthActions,
  monthStatus,
  pollUntil,
  reportsProgress,
  versionActions,
} from './months';

function month(value: string, extra: Partial<PlanMonthRow> = {}): PlanMonthRow {
  return {
    month: value,
    isOver: true,
    closedAt: null,
    closedBy: null,
    reason: null,
    snapshotVersion: null,
    reports: { approved: 24, submitted: 0, expected: 24 },
    briefing: null,
    ...extra,
  };
}

const october = month('2026-10', {
  closedAt: '2026-11-10T01:00:00.000Z',
  closedBy: '县投资促进中心 陈卫东',
  snapshotVersion: 1,
  briefing: { draftVersion: null, publishedVersion: 1 },
});
const november = month('2026-11', { reports: { approved: 0, submitted: 10, expected: 24 } });
const december = month('2026-12', { isOver: false, reports: { approved: 0, submitted: 0, expected: 24 } });

describe('monthStatus', () => {
  it('should tell a running month, an ended one and a frozen one apart', () => {
    expect(monthStatus(december)).toBe('open');
    expect(monthStatus(november)).toBe('closable');
    expect(monthStatus(october)).toBe('closed');
  });
});

describe('monthActions (who may do what)', () => {
  it('should let the office close an ended month, and close again or regenerate a frozen one', () => {
    const admin = { canClose: true, planStatus: 'published' as const };
    expect(monthActions(november, admin)).toEqual({ close: true, reclose: false, generate: false });
    expect(monthActions(october, admin)).toEqual({ close: false, reclose: true, generate: true });
    expect(monthActions(december, admin)).toEqual({ close: false, reclose: false, generate: false });
  });

  it('should offer a reader (leader, reporter) nothing but reading', () => {
    for (const row of [october, november, december]) {
      expect(monthActions(row, { canClose: false, planStatus: 'published' })).toEqual({
        close: false,
        reclose: false,
        generate: false,
      });
    }
  });

  it('should close nothing in a plan that is not published, but still regenerate a frozen month’s 通报', () => {
    for (const planStatus of ['draft', 'closed'] as const) {
      expect(monthActions(november, { canClose: true, planStatus }).close).toBe(false);
      expect(monthActions(october, { canClose: true, planStatus })).toEqual({
        close: false,
        reclose: false,
        generate: true,
      });
    }
  });
});

describe('briefingBadges', () => {
  it('should show the published version first, then the draft, and nothing without a version', () => {
    expect(briefingBadges({ draftVersion: 3, publishedVersion: 1 })).toEqual([
      { kind: 'published', version: 1 },
      { kind: 'draft', version: 3 },
    ]);
    expect(briefingBadges({ draftVersion: 1, publishedVersion: null })).toEqual([
      { kind: 'draft', version: 1 },
    ]);
    expect(briefingBadges(null)).toEqual([]);
  });
});

describe('versionActions', () => {
  it('should publish drafts only, for the office, and download every version that still has its files', () => {
    expect(versionActions({ status: 'draft' }, true)).toEqual({ publish: true, download: true });
    expect(versionActions({ status: 'draft' }, false)).toEqual({ publish: false, download: true });
    expect(versionActions({ status: 'published' }, true)).toEqual({ publish: false, download: true });
    expect(versionActions({ status: 'superseded' }, true)).toEqual({ publish: false, download: false });
  });
});

describe('hasNewDraft and latestVersion', () => {
  it('should wait for a draft newer than the versions known before the close', () => {
    const before = [
      { version: 2, status: 'draft' as const },
      { version: 1, status: 'published' as const },
    ];
    expect(latestVersion(before)).toBe(2);
    expect(latestVersion([])).toBe(0);
    // right after a re-close the old draft is still listed: not the one awaited
    expect(hasNewDraft(before, 2)).toBe(false);
    expect(
      hasNewDraft(
        [
          { version: 3, status: 'draft' },
          { version: 2, status: 'superseded' },
        ],
        2,
      ),
    ).toBe(true);
    expect(hasNewDraft([], 0)).toBe(false);
    expect(hasNewDraft([{ version: 1, status: 'draft' }], 0)).toBe(true);
  });
});

describe('defaultSelectedMonth', () => {
  it('should open on the month asked for, else the latest frozen, else the latest ended month', () => {
    const rows = [month('2026-09', { closedAt: '2026-10-10T01:00:00.000Z' }), october, november, december];
    expect(defaultSelectedMonth(rows, '2026-11')).toBe('2026-11');
    expect(defaultSelectedMonth(rows, '2025-11')).toBe('2026-10');
    expect(defaultSelectedMonth(rows)).toBe('2026-10');
    expect(defaultSelectedMonth([november, december])).toBe('2026-11');
    expect(defaultSelectedMonth([december])).toBe('2026-12');
    expect(defaultSelectedMonth([])).toBeNull();
  });
});

describe('reportsProgress', () => {
  it('should count the reports of begun months only', () => {
    expect(reportsProgress(november, '2026-12')).toEqual({ approved: 0, submitted: 10, expected: 24 });
    expect(reportsProgress(december, '2026-12')).toEqual({ approved: 0, submitted: 0, expected: 24 });
    expect(reportsProgress(december, '2026-11')).toBeNull();
  });
});

describe('pollUntil (the wait for the draft 通报)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should check every 2 s and stop as soon as the draft is there', async () => {
    const answers = [false, false, true];
    const check = vi.fn(async () => answers.shift() ?? true);
    const poll = pollUntil(check);
    let result: string | null = null;
    void poll.done.then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(check).toHaveBeenCalledTimes(3);
    expect(result).toBe('found');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(check).toHaveBeenCalledTimes(3);
  });

  it('should give up after 30 s, counting a failed check as not yet', async () => {
    const check = vi.fn(async () => {
      if (check.mock.calls.length === 2) throw new Error('网络异常，无法连接服务器');
      return false;
    });
    const poll = pollUntil(check);
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(poll.done).resolves.toBe('timeout');
    expect(check).toHaveBeenCalledTimes(15);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(check).toHaveBeenCalledTimes(15);
  });

  it('should stop when told to (the screen was left)', async () => {
    const check = vi.fn(async () => false);
    const poll = pollUntil(check, { intervalMs: 2_000, timeoutMs: 30_000 });
    await vi.advanceTimersByTimeAsync(4_000);
    poll.stop();
    await expect(poll.done).resolves.toBe('stopped');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(check).toHaveBeenCalledTimes(2);
  });
});
