import { computed, ref, watch } from 'vue';
import type { Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';

import { takeRoutePlan } from '@/composables/use-plan-page';
import { usePlanContextStore } from '@/stores/plan-context';
import { fetchPlanMonths } from '@/api/months';
import {
  begunMonths,
  latestClosedMonth,
  latestFrozenMonth,
  liveMonth,
  pickMonth,
} from '@/utils/assessment-month';

/**
 * The plan (from the shared plan-context store) and the month an assessment screen shows. The month lives in the
 * route (`?month=2026-09`) so a link from the dashboard to a unit keeps it; without one the screen shows the
 * latest closed month, the official one — the month actually closed (GET /plans/:id/months), else the calendar's
 * guess from the plan's close day — or, when the plan says `readScreensMonth: 'live'`, the live month (the first
 * one not closed yet), and puts it in the route once known, so the month is always in the URL. The store's own month is the working month of the entry screens (the
 * month being reported), so these screens read it but never move it.
 */
export function useAssessmentMonth(now?: Readonly<Ref<Date>>) {
  const route = useRoute();
  const router = useRouter();
  const context = usePlanContextStore();

  // `now` lets a screen that stays open for days (the 大屏) move on to the next month when it closes.
  const months = computed<string[]>(() => (context.plan ? begunMonths(context.plan.year, now?.value) : []));
  const calendarMonth = computed<string | null>(() =>
    context.plan ? latestClosedMonth(context.plan, now?.value) : null,
  );
  // the month the plan actually closed last, per plan (and per calendar month, so the 大屏 asks again as time passes)
  const frozen = ref<{ key: string; month: string | null; live: string | null } | null>(null);
  const frozenKey = computed(() => (context.plan ? `${context.plan.id}:${calendarMonth.value}` : null));
  watch(
    frozenKey,
    async (key) => {
      if (!key || !context.plan) return;
      const rows = (await fetchPlanMonths(context.plan.id).catch(() => null))?.items ?? null;
      if (frozenKey.value === key) {
        frozen.value = {
          key,
          month: latestFrozenMonth(rows ?? [], months.value),
          live: liveMonth(rows, months.value, calendarMonth.value),
        };
      }
    },
    { immediate: true },
  );
  // a plan may open its read screens on the live month instead (readScreensMonth: 'live')
  const defaultMonth = computed<string | null>(() => {
    const known = frozen.value && frozen.value.key === frozenKey.value ? frozen.value : null;
    if (context.plan?.readScreensMonth === 'live' && known?.live) return known.live;
    return known?.month ? known.month : calendarMonth.value;
  });
  // the month this screen wrote into the URL as its default: it keeps following the default (the 大屏 moves on
  // when a month closes); a month the user picked or a link named stays put
  const isAutoMonth = ref(false);
  const routeMonth = computed(() => pickMonth(route.query.month, months.value));
  const month = computed<string | null>(() =>
    routeMonth.value && !isAutoMonth.value ? routeMonth.value : defaultMonth.value,
  );
  /** True when the month was picked (or linked), false when it is the default one. */
  const isPicked = computed(() => routeMonth.value !== null && !isAutoMonth.value);

  // a link naming another (known) plan: its month is of that plan, so nothing is written until the plan is taken
  const planPending = computed(() => {
    const linked = Number(route.query.planId);
    return linked !== context.planId && context.plans.some((p) => p.id === linked);
  });
  // once the default is known, the URL names the month the screen shows
  watch(
    () => [frozen.value?.key === frozenKey.value && !planPending.value, month.value] as const,
    ([settled, shown]) => {
      if (settled && shown && route.query.month !== shown) {
        isAutoMonth.value = true;
        void router.replace({ query: { ...route.query, month: shown } });
      }
    },
  );

  // A link may name the plan too (`?planId=1&month=2026-10`, a notice of another year's plan, or one opened from a
  // 企业微信/钉钉 message): it becomes the working plan once the plans are known, also when the screen is already open.
  watch(
    () => route.query.planId,
    async () => {
      if (route.query.planId === undefined) return;
      await context.ensureLoaded().catch(() => undefined);
      takeRoutePlan(context, route.query);
    },
    { immediate: true },
  );

  function setMonth(value: string): void {
    if (value === month.value) return;
    isAutoMonth.value = false;
    void router.replace({ query: { ...route.query, month: value } });
  }

  return { context, months, month, defaultMonth, isPicked, setMonth };
}
