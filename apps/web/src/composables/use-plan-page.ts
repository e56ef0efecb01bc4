import { onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { LocationQuery } from 'vue-router';

import { isMonth } from '@pacer/shared';

import { fetchPlanMonths } from '@/api/months';
import { usePlanContextStore } from '@/stores/plan-context';
import { oldestOpenWorkMonth } from '@/utils/assessment-month';
import type { PlanContextStore } from '@/stores/plan-context';

/** A positive whole number from the route's query (`?unit=12`, the first of repeated ones), else null. */
export function queryNumber(value: unknown): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  const n = Number(text);
  return typeof text === 'string' && Number.isInteger(n) && n > 0 ? n : null;
}

/** `?planId=1`: the plan a link names becomes the working one, when it is among the user's plans. */
export function takeRoutePlan(context: PlanContextStore, query: LocationQuery): void {
  const planId = queryNumber(query.planId);
  if (planId && context.plans.some((p) => p.id === planId)) context.setPlan(planId);
}

/** `?month=2026-10`: the month a link names becomes the working one, when the plan has begun it. */
export function takeRouteMonth(context: PlanContextStore, query: LocationQuery): boolean {
  const month = query.month;
  if (typeof month !== 'string' || !isMonth(month) || !context.months.includes(month)) return false;
  context.setMonth(month);
  return true;
}

export interface PlanPageOptions {
  /** A link may name the plan and the month (`?planId=1&month=2026-10`): taken on mount, before the first load. */
  fromRoute?: boolean;
  /**
   * A work screen (审核): without `?month=` it opens on the oldest month with open work (GET /plans/:id/months), and
   * the month it shows is always in the URL. Implies `fromRoute`.
   */
  workMonth?: boolean;
}

/** The work month of the plan-context's plan (oldest with open work); null when it cannot be told. */
export async function findWorkMonth(context: PlanContextStore): Promise<string | null> {
  if (!context.plan) return null;
  const rows = (await fetchPlanMonths(context.plan.id).catch(() => null))?.items ?? [];
  return rows.length ? oldestOpenWorkMonth(rows, context.months) : null;
}

/**
 * The prelude of the screens that work on the plan-context store's plan and month (月度关账, 审核, 目标分解,
 * 项目台账, 加减分记录): the plans loaded first, then the page's own data by `fetchPage`, one load at a time (a newer
 * one aborts the older; leaving the page aborts the last), its loading flag and its failure for <LoadError>.
 * The assessment screens, whose month lives in the route, use `useAssessmentMonth` instead.
 *
 * `fetchPage` gets the load's signal: it passes it on to its calls and, after an await, writes nothing once the
 * signal is aborted. The page reloads on its own watchers (the plan, the month, its filters).
 */
export function usePlanPage(
  fetchPage: (signal: AbortSignal) => Promise<void>,
  options: PlanPageOptions = {},
) {
  const context = usePlanContextStore();
  const route = options.fromRoute || options.workMonth ? useRoute() : null;
  const router = options.workMonth ? useRouter() : null;
  const isLoading = ref(false);
  const loadError = ref<unknown>(null);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    isLoading.value = true;
    loadError.value = null;
    try {
      await context.ensureLoaded();
      await fetchPage(signal);
    } catch (error) {
      if (!signal.aborted) loadError.value = error;
    } finally {
      if (!signal.aborted) isLoading.value = false;
    }
  }

  async function loadFromRoute(query: LocationQuery): Promise<void> {
    // a failure to load the plans shows through load()
    await context.ensureLoaded().catch(() => undefined);
    takeRoutePlan(context, query);
    if (!takeRouteMonth(context, query) && options.workMonth) {
      const month = await findWorkMonth(context);
      if (month) context.setMonth(month);
    }
    if (router) {
      keepMonthInUrl();
      watch(() => context.month, keepMonthInUrl);
    }
    await load();
  }

  function keepMonthInUrl(): void {
    if (!route || !router || !context.month || route.query.month === context.month) return;
    void router.replace({ query: { ...route.query, month: context.month } });
  }

  onMounted(() => void (route ? loadFromRoute(route.query) : load()));
  onBeforeUnmount(() => controller?.abort());

  return { isLoading, loadError, load };
}
