import { Dec } from '@pacer/shared';
import type { DashboardAtRiskUnit } from '@pacer/shared';

/**
 * At-risk units worst first: most indicators at risk, then the lowest forecast completion; each unit's
 * indicators lowest forecast completion first (so the first tags are the ones to chase).
 */
export function sortAtRisk(units: readonly DashboardAtRiskUnit[]): DashboardAtRiskUnit[] {
  const low = (value: string | null) => (value === null ? new Dec(Infinity) : new Dec(value));
  const withSorted = units.map((u) => ({
    ...u,
    indicators: [...u.indicators].sort((a, b) => low(a.forecastCompletion).comparedTo(low(b.forecastCompletion))),
  }));
  return withSorted.sort(
    (a, b) =>
      b.indicators.length - a.indicators.length ||
      low(a.indicators[0]?.forecastCompletion ?? null).comparedTo(low(b.indicators[0]?.forecastCompletion ?? null)),
  );
}
