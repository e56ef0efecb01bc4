import { Dec } from '../money/decimal.js';
import { countTerm, manualTerms } from './counting.js';
import { bandLabel, DEFAULT_DISPLAY_DECIMALS, fixed, plain, roundScore, ZERO } from './format.js';
import type {
  BandRule,
  BonusItem,
  CountRule,
  FormulaOptions,
  ItemScore,
  ScoringInputValue,
  UnitFacts,
} from './types.js';

export function isBandRule(rule: CountRule | BandRule): rule is BandRule {
  return 'projects' in rule;
}

/**
 * 加分 (DOMAIN.md §5): points per counted item (a counter, or manual counts of it), each rule capped when it
 * says so; size bands of a project list with 不重复加分 (a project scores in its highest band only); manual
 * points; the item capped at `cap`. +10 per 500强 project; +4 per ≥10亿, +8 per ≥50亿, highest band only.
 */
export function scoreBonus(item: BonusItem, facts: UnitFacts, options: FormulaOptions = {}): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const terms: Array<{ value: Dec; text: string }> = [];
  const ruleInputs: ScoringInputValue[] = [];
  let hasBands = false;
  for (const rule of item.rules ?? []) {
    if (isBandRule(rule)) {
      hasBands = true;
      const band = bandTerm(rule, facts);
      terms.push(band);
      ruleInputs.push(band.inputs);
    } else {
      const counted = countTerm(rule, facts);
      terms.push(counted);
      ruleInputs.push(counted.inputs);
    }
  }
  const manual = manualTerms(facts);
  terms.push(...manual);
  const raw = terms.reduce((sum, t) => sum.plus(t.value), ZERO);
  const cap = item.cap === undefined ? null : new Dec(item.cap);
  const points = roundScore(cap !== null && raw.gt(cap) ? cap : raw);
  const sum = terms.length === 0 ? '0' : terms.map((t) => t.text).join(' + ');
  const expr = cap !== null && raw.gt(cap) ? `min(${sum}, ${plain(cap)})` : sum;
  return {
    points,
    formula: `${expr} = ${fixed(points, decimals, options.mode)}${hasBands ? '（不重复加分，按最高档计）' : ''}`,
    inputs: {
      rules: ruleInputs,
      manual: manual.map((m) => m.inputs),
      cap: cap === null ? null : plain(cap),
      raw: plain(raw),
    },
    isScored: true,
  };
}

function bandTerm(rule: BandRule, facts: UnitFacts): { value: Dec; text: string; inputs: ScoringInputValue } {
  const bands = [...rule.bands].sort((a, b) => new Dec(a.minWan).comparedTo(b.minWan));
  const counts = bands.map(() => ZERO);
  for (const project of facts.projects[rule.projects] ?? []) {
    const agreed = new Dec(project.agreedWan);
    // the highest band the project reaches, and that band only (不重复加分)
    for (let i = bands.length - 1; i >= 0; i -= 1) {
      if (agreed.gte(bands[i]!.minWan)) {
        counts[i] = counts[i]!.plus(project.share ?? 1);
        break;
      }
    }
  }
  const raw = bands.reduce((sum, b, i) => sum.plus(counts[i]!.mul(b.points)), ZERO);
  const cap = rule.cap === undefined ? null : new Dec(rule.cap);
  const value = cap !== null && raw.gt(cap) ? cap : raw;
  const parts = bands.map(
    (b, i) => `${b.label ?? bandLabel(b.minWan)} ${plain(counts[i]!)} × ${plain(b.points)}`,
  );
  const sum = parts.join(' + ');
  const text =
    cap !== null && raw.gt(cap) ? `min(${sum}, ${plain(cap)})` : parts.length > 1 ? `(${sum})` : sum;
  return {
    value,
    text,
    inputs: {
      projects: rule.projects,
      label: rule.label ?? rule.projects,
      bands: bands.map((b, i) => ({
        label: b.label ?? bandLabel(b.minWan),
        minWan: plain(b.minWan),
        points: plain(b.points),
        count: plain(counts[i]!),
      })),
      cap: cap === null ? null : plain(cap),
      value: plain(value),
    },
  };
}
