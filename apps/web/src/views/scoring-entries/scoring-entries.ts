import type { FormItemRule, FormRules } from 'element-plus';

import type {
  CreateScoringEntryRequest,
  RankingGroup,
  ScoringConfig,
  ScoringEntryRow,
  ScoringItemConfig,
} from '@pacer/shared';
import { dec } from '@pacer/shared';

import { begunMonths, type ClosablePlan, isDueClosed } from '@/utils/assessment-month';

// 加减分记录: which scoring items take manual entries, the entry form and its rules, the list at a month.
// The API checks the same (scoring-entries.service.ts); the form says it first, on the field.

export type ManualMethod = 'bonus' | 'deduction' | 'band-shortfall';

const MANUAL_METHODS: readonly string[] = ['bonus', 'deduction', 'band-shortfall'];

/** A counter of an item, with the label its rule or band gives it (e.g. `reportLate` → 迟报月报). */
export interface ManualCounter {
  counter: string;
  label: string | null;
}

/** A scoring item an entry may name: its counters, and whether it takes points directly. */
export interface ManualItem {
  code: string;
  name: string;
  method: ManualMethod;
  /** Ranking groups the item applies to; every unit when absent. */
  groups?: string[];
  counters: ManualCounter[];
  acceptsPoints: boolean;
}

function countersOf(item: ScoringItemConfig): ManualCounter[] {
  const list = item.method === 'band-shortfall' ? item.bands : item.rules;
  if (!Array.isArray(list)) return [];
  const result: ManualCounter[] = [];
  for (const entry of list as Array<{ counter?: unknown; label?: unknown }>) {
    if (typeof entry?.counter !== 'string' || result.some((c) => c.counter === entry.counter)) continue;
    result.push({ counter: entry.counter, label: typeof entry.label === 'string' ? entry.label : null });
  }
  return result;
}

/**
 * The plan's items that take manual entries, in the plan's order: bonus and deduction items (a count of one of
 * their counters, or points), band-shortfall items (counts only, so only those with a counter).
 */
export function manualItems(scoring: ScoringConfig | null | undefined): ManualItem[] {
  const result: ManualItem[] = [];
  for (const item of scoring?.items ?? []) {
    if (!MANUAL_METHODS.includes(item.method)) continue;
    const method = item.method as ManualMethod;
    const counters = countersOf(item);
    const acceptsPoints = method !== 'band-shortfall';
    if (!acceptsPoints && counters.length === 0) continue;
    result.push({
      code: item.code,
      name: item.name,
      method,
      ...(item.groups ? { groups: [...item.groups] } : {}),
      counters,
      acceptsPoints,
    });
  }
  return result;
}

/** The ranking group of a unit category: the first group listing it (as the engine decides). */
export function groupOfCategory(category: string, groups: readonly RankingGroup[]): RankingGroup | null {
  return groups.find((g) => g.categories.includes(category)) ?? null;
}

/** Whether the item scores units of this category (an item limited to groups skips units outside them). */
export function itemAppliesTo(item: ManualItem, category: string, groups: readonly RankingGroup[]): boolean {
  if (!item.groups) return true;
  const group = groupOfCategory(category, groups);
  return group !== null && item.groups.includes(group.code);
}

export type AmountKind = 'count' | 'points';

export interface EntryForm {
  unitId: number | null;
  itemCode: string;
  month: string;
  kind: AmountKind;
  counter: string;
  count: string;
  points: string;
  reason: string;
}

export function createEntryForm(month: string, unitId: number | null = null): EntryForm {
  return { unitId, itemCode: '', month, kind: 'count', counter: '', count: '', points: '', reason: '' };
}

/** What the form can record for the item: a count when it has counters, points unless band-shortfall. */
export function amountKinds(item: ManualItem | null): AmountKind[] {
  if (!item) return ['count', 'points'];
  const kinds: AmountKind[] = [];
  if (item.counters.length) kinds.push('count');
  if (item.acceptsPoints) kinds.push('points');
  return kinds;
}

/** The form after another item was picked: a kind and counter the item offers (its only counter preselected). */
export function fitFormToItem(form: EntryForm, item: ManualItem | null): EntryForm {
  const kinds = amountKinds(item);
  const kind = kinds.includes(form.kind) ? form.kind : (kinds[0] ?? 'count');
  const counters = item?.counters ?? [];
  let counter = counters.some((c) => c.counter === form.counter) ? form.counter : '';
  if (!counter && counters.length === 1) counter = counters[0]!.counter;
  return { ...form, kind, counter };
}

// numeric(12,4) in the table, as the API's DTO: up to 8 integer digits and 4 decimals
const AMOUNT_PATTERN = /^\d{1,8}(\.\d{1,4})?$/;
export const REASON_MAX = 500;

export type EntryField = 'unitId' | 'itemCode' | 'month' | 'counter' | 'count' | 'points' | 'reason';

/**
 * The i18n key (under scoringEntries.rules) of an amount's problem, or null. A count may be 0: "reported none" (报无)
 * is recorded, unlike no entry at all; points stay above 0.
 */
function amountProblem(value: string, requiredKey: string, allowZero = false): string | null {
  const text = value.trim();
  if (!text) return requiredKey;
  if (!AMOUNT_PATTERN.test(text)) return 'amountFormat';
  if (allowZero ? dec(text).lt(0) : dec(text).lte(0)) return 'positive';
  return null;
}

/**
 * What is wrong with the form, field by field (i18n keys under scoringEntries.rules): a unit, an item, a month
 * and a reason are required; then either a counter and a count, or points, each above 0.
 */
export function entryProblems(
  form: EntryForm,
  item: ManualItem | null,
  unitCategory: string | null,
  groups: readonly RankingGroup[],
): Partial<Record<EntryField, string>> {
  const problems: Partial<Record<EntryField, string>> = {};
  if (form.unitId === null) problems.unitId = 'unitRequired';
  if (!form.itemCode || !item) problems.itemCode = 'itemRequired';
  else if (unitCategory !== null && !itemAppliesTo(item, unitCategory, groups))
    problems.unitId = 'notApplicable';
  if (!form.month) problems.month = 'monthRequired';
  if (form.kind === 'count') {
    // without an item there is no counter to pick yet: the item's own message says what to do first
    if (!form.counter && item) problems.counter = 'counterRequired';
    const count = amountProblem(form.count, 'countRequired', true);
    if (count) problems.count = count;
  } else {
    const points = amountProblem(form.points, 'pointsRequired');
    if (points) problems.points = points;
  }
  if (!form.reason.trim()) problems.reason = 'reasonRequired';
  return problems;
}

/** Element Plus rules reading `entryProblems`, one validator per field. */
export function createEntryRules(
  t: (key: string) => string,
  problemsOf: () => Partial<Record<EntryField, string>>,
): FormRules {
  const rule = (field: EntryField): FormItemRule => ({
    trigger: ['blur', 'change'],
    validator: (_rule, _value, callback) => {
      const key = problemsOf()[field];
      if (key) callback(new Error(t(`scoringEntries.rules.${key}`)));
      else callback();
    },
  });
  const fields: EntryField[] = ['unitId', 'itemCode', 'month', 'counter', 'count', 'points', 'reason'];
  return Object.fromEntries(fields.map((field) => [field, [rule(field)]]));
}

/** The request of a valid form: the count of a counter, or points, never both. */
export function entryRequest(form: EntryForm): CreateScoringEntryRequest {
  const request: CreateScoringEntryRequest = {
    unitId: form.unitId!,
    itemCode: form.itemCode,
    month: form.month,
    reason: form.reason.trim(),
  };
  if (form.kind === 'count') {
    request.counter = form.counter;
    request.count = form.count.trim();
  } else {
    request.points = form.points.trim();
  }
  return request;
}

/** The entries that count in the month (an entry counts from its month on), the latest month first. */
export function entriesAtMonth(
  rows: readonly ScoringEntryRow[],
  month: string,
  unitId: number | null = null,
): ScoringEntryRow[] {
  return rows
    .filter((r) => r.month <= month && (unitId === null || r.unitId === unitId))
    .sort((a, b) => (a.month === b.month ? 0 : a.month > b.month ? -1 : 1));
}

/** The closed months an entry from `month` reaches into: their frozen rankings need a re-close. */
export function closedMonthsFrom(month: string, plan: ClosablePlan, now: Date = new Date()): string[] {
  return begunMonths(plan.year, now).filter((m) => m >= month && isDueClosed(m, plan, now));
}

export interface AmountText {
  key: 'count' | 'none' | 'add' | 'off';
  named: Record<string, string>;
}

/** How an entry reads: 迟报月报 × 2, +2 分 (bonus), −0.2 分 (deduction). */
export function amountText(row: ScoringEntryRow, item: ManualItem | null): AmountText[] {
  const parts: AmountText[] = [];
  if (row.counter !== null && row.count !== null) {
    const label = item?.counters.find((c) => c.counter === row.counter)?.label ?? row.counter;
    // an explicit zero reads as 报无, not as a count
    parts.push({ key: dec(row.count).isZero() ? 'none' : 'count', named: { label, count: row.count } });
  }
  if (row.points !== null) {
    parts.push({ key: item?.method === 'bonus' ? 'add' : 'off', named: { points: row.points } });
  }
  return parts;
}
