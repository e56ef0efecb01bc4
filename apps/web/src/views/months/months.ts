import type { BriefingVersion, PlanMonthBriefing, PlanMonthRow, PlanStatus } from '@pacer/shared';

// 月度关账与通报: what a month's row says and offers, and the wait for the draft 通报 after a close.

/** 未结束 (the month is still running), 可关账 (ended, not frozen), 已关账 (its ranking is frozen). */
export type MonthStatus = 'open' | 'closable' | 'closed';

export function monthStatus(row: Pick<PlanMonthRow, 'isOver' | 'closedAt'>): MonthStatus {
  if (row.closedAt !== null) return 'closed';
  return row.isOver ? 'closable' : 'open';
}

export interface MonthActions {
  /** 关账: an ended month not frozen yet. */
  close: boolean;
  /** 重新关账 (with a reason): a frozen month. */
  reclose: boolean;
  /** 生成新版本 of the 通报: from a frozen month's snapshot. */
  generate: boolean;
}

const NONE: MonthActions = { close: false, reclose: false, generate: false };

/**
 * What the user may do with a month: only holders of months.close act, and only a published plan is closed (a draft
 * plan is not open yet, a closed plan's year is over); a frozen month's 通报 can be generated whatever the plan's state.
 */
export function monthActions(
  row: Pick<PlanMonthRow, 'isOver' | 'closedAt'>,
  options: { canClose: boolean; planStatus: PlanStatus | null | undefined },
): MonthActions {
  if (!options.canClose) return NONE;
  const status = monthStatus(row);
  const isOpenPlan = options.planStatus === 'published';
  return {
    close: isOpenPlan && status === 'closable',
    reclose: isOpenPlan && status === 'closed',
    generate: status === 'closed',
  };
}

export type BriefingBadge = { kind: 'published' | 'draft'; version: number };

/** The month's 通报 as badges: the published version first, then the draft; none when there is no version. */
export function briefingBadges(briefing: PlanMonthBriefing | null): BriefingBadge[] {
  const badges: BriefingBadge[] = [];
  if (briefing?.publishedVersion) badges.push({ kind: 'published', version: briefing.publishedVersion });
  if (briefing?.draftVersion) badges.push({ kind: 'draft', version: briefing.draftVersion });
  return badges;
}

export interface VersionActions {
  /** 发布: a draft, for holders of months.close. */
  publish: boolean;
  /** 下载 Word / Excel: a superseded version has no files any more. */
  download: boolean;
}

export function versionActions(version: Pick<BriefingVersion, 'status'>, canClose: boolean): VersionActions {
  return {
    publish: canClose && version.status === 'draft',
    download: version.status !== 'superseded',
  };
}

/** The highest version number of the list, 0 when it is empty. */
export function latestVersion(items: readonly Pick<BriefingVersion, 'version'>[]): number {
  return items.reduce((max, v) => Math.max(max, v.version), 0);
}

/** Whether a draft newer than version `after` is listed: the one the close has the background write. */
export function hasNewDraft(
  items: readonly Pick<BriefingVersion, 'version' | 'status'>[],
  after: number,
): boolean {
  return items.some((v) => v.status === 'draft' && v.version > after);
}

/**
 * The month the 通报 panel opens on: the one asked for when it is in the list, else the latest frozen month, else
 * the latest ended one, else the first.
 */
export function defaultSelectedMonth(
  rows: readonly Pick<PlanMonthRow, 'month' | 'isOver' | 'closedAt'>[],
  wanted?: string | null,
): string | null {
  if (wanted && rows.some((r) => r.month === wanted)) return wanted;
  const closed = rows.filter((r) => r.closedAt !== null);
  if (closed.length) return closed[closed.length - 1]!.month;
  const ended = rows.filter((r) => r.isOver);
  if (ended.length) return ended[ended.length - 1]!.month;
  return rows[0]?.month ?? null;
}

/** How many units have a report of the month in review, approved, expected; null for a month not begun. */
export function reportsProgress(
  row: Pick<PlanMonthRow, 'month' | 'reports'>,
  currentMonth: string,
): PlanMonthRow['reports'] | null {
  return row.month > currentMonth ? null : row.reports;
}

export type PollResult = 'found' | 'timeout' | 'stopped';

export interface PollHandle {
  /** Settles once: the check answered true, the time ran out, or stop() was called. */
  readonly done: Promise<PollResult>;
  stop(): void;
}

export const DRAFT_POLL_INTERVAL_MS = 2_000;
export const DRAFT_POLL_TIMEOUT_MS = 30_000;

/**
 * Calls `check` every `intervalMs` until it answers true, at most `timeoutMs / intervalMs` times. A failed check
 * counts as "not yet" (a network blip must not end the wait); the caller stops it when the screen goes away.
 */
export function pollUntil(
  check: () => Promise<boolean>,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): PollHandle {
  const intervalMs = options.intervalMs ?? DRAFT_POLL_INTERVAL_MS;
  const attempts = Math.max(1, Math.floor((options.timeoutMs ?? DRAFT_POLL_TIMEOUT_MS) / intervalMs));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle!: (result: PollResult) => void;
  let isSettled = false;
  const done = new Promise<PollResult>((resolve) => (settle = resolve));
  const finish = (result: PollResult) => {
    if (isSettled) return;
    isSettled = true;
    clearTimeout(timer);
    settle(result);
  };
  const tick = async (attempt: number) => {
    const found = await check().catch(() => false);
    if (isSettled) return;
    if (found) finish('found');
    else if (attempt >= attempts) finish('timeout');
    else timer = setTimeout(() => void tick(attempt + 1), intervalMs);
  };
  timer = setTimeout(() => void tick(1), intervalMs);
  return { done, stop: () => finish('stopped') };
}
