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
  return publishCell(completion, expected, cellRounding(plan, indicator, displayDecimals));
}

/** The rounding rules of an indicator's published cells, resolved once per plan. */
export interface CellRounding {
  completion: ResolvedRounding;
  gapPp: ResolvedRounding;
  gapFrom: 'exact' | 'rounded';
}

export function cellRounding(
  plan: RoundingRule | undefined,
  indicator: RoundingRule | undefined,
  displayDecimals: number = DEFAULT_DISPLAY_DECIMALS,
): CellRounding {
  return {
    completion: resolveRounding('completion', plan, indicator, displayDecimals),
    gapPp: resolveRounding('gapPp', plan, indicator, displayDecimals),
    gapFrom: indicator?.gapFrom ?? plan?.gapFrom ?? 'exact',
  };
}

export function publishCell(
  completion: Fraction | null,
  expected: Fraction,
  rules: CellRounding,
): { completionPct: string | null; gapPp: string | null } {
  if (completion === null) return { completionPct: null, gapPp: null };
  const c = rules.completion;
  const g = rules.gapPp;
  const completionPct = completion.mul(100).roundText(c.decimals, c.mode);
  const gap =
    rules.gapFrom === 'rounded'
      ? Fraction.of(completionPct).minus(expected.mul(100).roundText(c.decimals, c.mode))
      : completion.minus(expected).mul(100);
  return { completionPct, gapPp: gap.roundText(g.decimals, g.mode) };
}
