import { parseMonth } from '@pacer/shared';

import { monthOutsidePlanYear } from './plans.errors';

/** A month of the plan's year, else 400 naming `month` (outsidePlanYear). PlansService.requirePlanMonth runs it. */
export function assertMonthInPlanYear(plan: { year: number }, month: string): void {
  if (parseMonth(month).year !== plan.year) throw monthOutsidePlanYear(plan.year);
}
