import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';

import type { PlanRow } from '@pacer/shared';
import { businessMonth, formatMonth, isMonth, monthsOfYear, parseMonth } from '@pacer/shared';

import { fetchPlans } from '@/api/plans';

/** localStorage: the plan and month a user works on survive reloads and are shared by the screens. */
export const PLAN_CONTEXT_STORAGE_KEY = 'pacer.plan-context';

interface StoredContext {
  planId: number | null;
  month: string | null;
}

function readStored(): StoredContext {
  try {
    const text = globalThis.localStorage?.getItem(PLAN_CONTEXT_STORAGE_KEY);
    if (!text) return { planId: null, month: null };
    const parsed = JSON.parse(text) as Partial<StoredContext>;
    return {
      planId: typeof parsed.planId === 'number' ? parsed.planId : null,
      month: isMonth(parsed.month) ? parsed.month : null,
    };
  } catch {
    return { planId: null, month: null };
  }
}

function writeStored(context: StoredContext): void {
  try {
    globalThis.localStorage?.setItem(PLAN_CONTEXT_STORAGE_KEY, JSON.stringify(context));
  } catch {
    // A convenience only: without storage the choice lasts for this page.
  }
}

/**
 * The plan a user lands on: the published plan of the current year, else the newest published one, else the
 * newest plan of any status (plans come newest year first).
 */
export function defaultPlan(plans: readonly PlanRow[], now: Date = new Date()): PlanRow | null {
  const year = parseMonth(businessMonth(now)).year;
  const published = plans.filter((p) => p.status === 'published');
  return (
    published.find((p) => p.year === year) ??
    published[0] ??
    plans.find((p) => p.year === year) ??
    plans[0] ??
    null
  );
}

/** The months of the plan's year that have begun (Asia/Shanghai): reports exist up to the current month. */
export function availableMonths(year: number, now: Date = new Date()): string[] {
  const current = businessMonth(now);
  const months = monthsOfYear(year).filter((m) => m <= current);
  // A plan of a future year has no month yet; offer its January so screens still have a month to show.
  return months.length ? months : [formatMonth(year, 1)];
}

/** The month a screen shows by default for a plan: the current month inside its year, else its last begun month. */
export function defaultMonth(year: number, now: Date = new Date()): string {
  const months = availableMonths(year, now);
  return months[months.length - 1]!;
}

/** The plan and month the business screens share (月度填报, 审核, 目标分解, 项目台账 and the dashboard). */
export const usePlanContextStore = defineStore('plan-context', () => {
  const stored = readStored();
  const plans = ref<PlanRow[]>([]);
  const planId = ref<number | null>(stored.planId);
  const month = ref<string | null>(stored.month);
  const isLoaded = ref(false);
  const isLoading = ref(false);
  const loadError = ref<unknown>(null);

  const plan = computed<PlanRow | null>(() => plans.value.find((p) => p.id === planId.value) ?? null);
  const months = computed<string[]>(() => (plan.value ? availableMonths(plan.value.year) : []));

  watch([planId, month], () => writeStored({ planId: planId.value, month: month.value }));

  /** Keeps the month inside the plan's begun months. */
  function normaliseMonth(): void {
    if (!plan.value) return;
    if (!month.value || !months.value.includes(month.value)) month.value = defaultMonth(plan.value.year);
  }

  let loading: Promise<void> | null = null;

  /** Loads the plans once (or again with `force`) and settles on a plan and month. */
  function ensureLoaded(force = false): Promise<void> {
    if (isLoaded.value && !force) return Promise.resolve();
    if (loading) return loading;
    isLoading.value = true;
    loadError.value = null;
    loading = (async () => {
      try {
        const response = await fetchPlans();
        plans.value = response.items;
        if (!plan.value) planId.value = defaultPlan(response.items)?.id ?? null;
        normaliseMonth();
        isLoaded.value = true;
      } catch (error) {
        loadError.value = error;
        throw error;
      } finally {
        isLoading.value = false;
        loading = null;
      }
    })();
    return loading;
  }

  function setPlan(id: number): void {
    if (id === planId.value) return;
    planId.value = id;
    normaliseMonth();
  }

  function setMonth(value: string): void {
    if (isMonth(value)) month.value = value;
  }

  /** A plan row changed on the server (settings saved): keep the list current. */
  function replacePlan(row: PlanRow): void {
    plans.value = plans.value.map((p) => (p.id === row.id ? row : p));
  }

  return {
    plans,
    planId,
    plan,
    month,
    months,
    isLoaded,
    isLoading,
    loadError,
    ensureLoaded,
    setPlan,
    setMonth,
    replacePlan,
  };
});

export type PlanContextStore = ReturnType<typeof usePlanContextStore>;
