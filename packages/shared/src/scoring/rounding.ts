import { DEFAULT_DISPLAY_DECIMALS } from './format.js';
import { Fraction, type RoundingMode } from './exact.js';
import type { RoundingRule } from './types.js';

export type PublishedOutput = 'completion' | 'gapPp' | 'points';

export interface ResolvedRounding {
  mode: RoundingMode;
  decimals: number;
}

/**
 * How one output is published (issue 16, rule 5): the indicator's rule for that output, then the indicator's
 * default, then the plan's rule for the output, then the plan's default, then half-up at the plan's displayDecimals.
 */
export function resolveRounding(
  output: PublishedOutput,
  plan: RoundingRule | undefined,
  indicator: RoundingRule | undefined,
  displayDecimals: number = DEFAULT_DISPLAY_DECIMALS,
): ResolvedRounding {
  const chain = [indicator?.[output], indicator, plan?.[output], plan];
  const mode = chain.find((r) => r?.mode !== undefined)?.mode ?? 'half-up';
  const decimals = chain.find((r) => r?.decimals !== undefined)?.decimals ?? displayDecimals;
  return { mode, decimals };
}

/** 四舍五入 / 进一法 / 去尾法 in words, for the formula text and the 通报. */
export const ROUNDING_MODE_TEXT: Readonly<Record<RoundingMode, string>> = {
  'half-up': '四舍五入',
  up: '进一法',
  down: '去尾法',
};

/**
 * The published completion (in %) and gap (in pp) of a cell. The gap is the exact gap rounded (`gapFrom: 'exact'`,
 * default) or the difference of the published completion and the published time progress (`'rounded'`, as notices
 * that subtract their printed figures do), then rounded by the gap's rule.
 */
export function publishedCell(
  completion: Fraction | null,
  expected: Fraction,
  plan: RoundingRule | undefined,
  indicator: RoundingRule | undefined,
  displayDecimals: number = DEFAULT_DISPLAY_DECIMALS,
): { completionPct: string | null; gapPp: string | null } {
  if (completion === null) return { completionPct: null, gapPp: null };
  const c = resolveRounding('completion', plan, indicator, displayDecimals);
  const g = resolveRounding('gapPp', plan, indicator, displayDecimals);
  const completionPct = completion.mul(100).round(c.decimals, c.mode);
  const gapFrom = indicator?.gapFrom ?? plan?.gapFrom ?? 'exact';
  const gap =
    gapFrom === 'rounded'
      ? Fraction.of(completionPct).minus(expected.mul(100).round(c.decimals, c.mode))
      : completion.minus(expected).mul(100);
  return {
    completionPct: completionPct.toFixed(c.decimals),
    gapPp: gap.round(g.decimals, g.mode).toFixed(g.decimals),
  };
}
