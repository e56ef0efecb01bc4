import { Dec } from '../money/decimal.js';
import { plain } from './format.js';
import type { CountRule, UnitFacts } from './types.js';

/** One counted rule of a bonus or deduction item: count × points, capped when the rule says so. */
export interface CountedTerm {
  value: Dec;
  text: string;
  inputs: {
    counter: string;
    label: string;
    count: string;
    points: string;
    cap: string | null;
    value: string;
  };
}

export function countTerm(rule: CountRule, facts: UnitFacts): CountedTerm {
  const count = new Dec(facts.counts[rule.counter] ?? 0);
  const per = new Dec(rule.points);
  const raw = count.mul(per);
  const cap = rule.cap === undefined ? null : new Dec(rule.cap);
  const value = cap !== null && raw.gt(cap) ? cap : raw;
  const label = rule.label ?? rule.counter;
  const base = `${label} ${plain(count)} × ${plain(per)}`;
  return {
    value,
    text: cap !== null && raw.gt(cap) ? `min(${base}, ${plain(cap)})` : base,
    inputs: {
      counter: rule.counter,
      label,
      count: plain(count),
      points: plain(per),
      cap: cap === null ? null : plain(cap),
      value: plain(value),
    },
  };
}

export function manualTerms(
  facts: UnitFacts,
): Array<{ value: Dec; text: string; inputs: { points: string; reason: string } }> {
  return facts.manualPoints.map((m) => ({
    value: new Dec(m.points),
    text: `${plain(m.points)}（${m.reason}）`,
    inputs: { points: plain(m.points), reason: m.reason },
  }));
}
