import { computed, watch } from 'vue';
import type { Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';

import { takeRoutePlan } from '@/composables/use-plan-page';
import { usePlanContextStore } from '@/stores/plan-context';
import { begunMonths, latestClosedMonth, pickMonth } from '@/utils/assessment-month';

/**
 * The plan (from the shared plan-context store) and the month an assessment screen shows. The month lives in the
 * route (`?month=2026-09`) so a link from the dashboard to a unit keeps it; without one the screen shows the
 * latest closed month, the official one. The store's own month is the working month of the entry screens (the
 * month being reported), so these screens read it but never move it.
 */
export function useAssessmentMonth(now?: Readonly<Ref<Date>>) {
  const route = useRoute();
  const router = useRouter();
  const context = usePlanContextStore();

  // `now` lets a screen that stays open for days (the 大屏) move on to the next month when it closes.
  const months = computed<string[]>(() => (context.plan ? begunMonths(context.plan.year, now?.value) : []));
  const defaultMonth = computed<string | null>(() =>
    context.plan ? latestClosedMonth(context.plan, now?.value) : null,
  );
  const month = computed<string | null>(() => pickMonth(route.query.month, months.value) ?? defaultMonth.value);
  /** True when the month was picked (or linked), false when it is the default one. */
  const isPicked = computed(() => pickMonth(route.query.month, months.value) !== null);

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
    const query = { ...route.query };
    if (value === defaultMonth.value) delete query.month;
    else query.month = value;
    void router.replace({ query });
  }

  return { context, months, month, defaultMonth, isPicked, setMonth };
}
