import { Dec } from '../money/decimal.js';
import { countTerm, manualTerms } from './counting.js';
import { DEFAULT_DISPLAY_DECIMALS, fixed, optionalDec, plain, roundScore } from './format.js';
import type { DeductionItem, FormulaOptions, ItemScore, UnitFacts } from './types.js';

/** The default floor of a deduction: 0 (扣完为止). */
export const DEFAULT_DEDUCTION_FLOOR = '0';

/**
 * 扣分 (DOMAIN.md §5): base − Σ count × points − manual points, never below `floor` (default 0; null lets the
 * item go negative and take points off the total). 0.5 − 0.1 per project not started in time − 0.2 per
 * falsified one; −1 per missing monthly report.
 */
export function scoreDeduction(
  item: DeductionItem,
  facts: UnitFacts,
  options: FormulaOptions = {},
): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const base = new Dec(item.base);
  const floor = optionalDec(item.floor, DEFAULT_DEDUCTION_FLOOR);
  const counted = (item.rules ?? []).map((rule) => countTerm(rule, facts));
  const manual = manualTerms(facts);
  const terms = [...counted, ...manual];
  const raw = terms.reduce((rest, t) => rest.minus(t.value), base);
  const isFloored = floor !== null && raw.lt(floor);
  const points = roundScore(isFloored ? (floor as Dec) : raw);
  const expr = [plain(base), ...terms.map((t) => t.text)].join(' − ');
  return {
    points,
    formula: `${isFloored ? `max(${expr}, ${plain(floor as Dec)})` : expr} = ${fixed(points, decimals, options.mode)}`,
    inputs: {
      base: plain(base),
      floor: floor === null ? null : plain(floor),
      rules: counted.map((c) => c.inputs),
      manual: manual.map((m) => m.inputs),
      deducted: plain(base.minus(raw)),
    },
    isScored: true,
  };
}
