import { Dec } from '../money/decimal.js';
import { completionOfFigures } from './figures.js';
import { pct, plain } from './format.js';
import type { PoolMember, ScoringBasis } from './types.js';

export interface PoolValue {
  member: PoolMember;
  /** null: the unit has no target and stays out of the comparison. */
  value: Dec | null;
}

/**
 * The value each member of a group is compared on. On completion, members without a target get null and are left
 * out; on actual values every member with a value takes part, with or without a target (issue 16, rule 13). A
 * member without a value (0 ÷ 0, a rate not reported) is always left out.
 */
export function poolValues(pool: readonly PoolMember[], basis: ScoringBasis): PoolValue[] {
  return pool.map((member) => {
    if (member.exact === null) return { member, value: null };
    if (basis === 'actual')
      return { member, value: member.exact ? member.exact.toDec() : new Dec(member.actual) };
    return { member, value: completionOfFigures(member) };
  });
}

/** A compared value for reading: a percentage for completion, the plain figure for actual. */
export function basisText(value: Dec, basis: ScoringBasis, decimals: number): string {
  return basis === 'completion' ? pct(value, decimals) : plain(value);
}
