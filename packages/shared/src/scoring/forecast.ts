import { Dec, type DecimalInput } from '../money/decimal.js';
import { expectedFraction } from '../periods/time-progress.js';
import { ZERO } from './format.js';
import type { YearEndForecast } from './types.js';

/** Forecast amounts are estimates: rounded half-up to this many places (万元 keep 4). */
export const FORECAST_SCALE = 4;

export interface YearEndForecastInput {
  /** Year-to-date actual at `month`. */
  actual: DecimalInput;
  target: DecimalInput | null;
  /** 1..12. */
  month: number;
  curve?: readonly string[] | null;
  /** Earlier years of the same unit and indicator: 12 year-to-date values each, January first. */
  history?: ReadonlyArray<readonly DecimalInput[]>;
  /** false for a ratio (开工率…): it does not accumulate over the year, so the forecast is the current value. */
  isCumulative?: boolean;
  /** expectedFraction(curve, month), when the caller has it already (the engine computes it once per plan). */
  expected?: InstanceType<typeof Dec>;
}

/**
 * Year-end forecast of one unit × indicator (DESIGN.md §3).
 * - run rate: actual ÷ expected(m) from the plan's curve;
 * - seasonal: actual ÷ the average, over earlier years, of the share of the year's total reached by month m
 *   (years without 12 values or with a year total ≤ 0 are skipped);
 * the seasonal one is used when there is history, else the run rate; a ratio indicator keeps its current value.
 * At risk when the forecast is below the target.
 */
export function forecastYearEnd(input: YearEndForecastInput): YearEndForecast {
  const actual = new Dec(input.actual);
  const target = input.target === null ? null : new Dec(input.target);
  const hasTarget = target !== null && target.gt(0);
  if (input.isCumulative === false) {
    const value = actual.toDecimalPlaces(FORECAST_SCALE);
    return {
      runRate: null,
      seasonal: null,
      value: value.toFixed(),
      method: 'current',
      yearsUsed: 0,
      completion: hasTarget ? actual.div(target).toFixed() : null,
      isAtRisk: hasTarget ? actual.lt(target) : null,
    };
  }
  const expected = input.expected ?? expectedFraction(input.curve, input.month);
  const runRate = expected.gt(0) ? actual.div(expected) : null;
  const shares = (input.history ?? []).flatMap((ytd) => {
    if (ytd.length !== 12) return [];
    const total = new Dec(ytd[11]!);
    return total.gt(0) ? [new Dec(ytd[input.month - 1]!).div(total)] : [];
  });
  const share = shares.length > 0 ? shares.reduce((a, b) => a.plus(b), ZERO).div(shares.length) : null;
  const seasonal = share !== null && share.gt(0) ? actual.div(share) : null;
  const value = seasonal ?? runRate;
  return {
    runRate: runRate === null ? null : runRate.toDecimalPlaces(FORECAST_SCALE).toFixed(),
    seasonal: seasonal === null ? null : seasonal.toDecimalPlaces(FORECAST_SCALE).toFixed(),
    value: value === null ? null : value.toDecimalPlaces(FORECAST_SCALE).toFixed(),
    method: seasonal !== null ? 'seasonal' : runRate !== null ? 'run-rate' : null,
    yearsUsed: seasonal !== null ? shares.length : 0,
    completion: value !== null && hasTarget ? value.div(target).toFixed() : null,
    isAtRisk: value !== null && hasTarget ? value.lt(target) : null,
  };
}
