import { Dec } from '../money/decimal.js';
import { completionOf } from '../progress/progress-figures.js';
import { pct, plain } from './format.js';
import type { PoolMember, ScoringBasis } from './types.js';

export interface PoolValue {
  member: PoolMember;
  /** null: the unit has no target and stays out of the comparison. */
  value: Dec | null;
}

/** The value each member of a group is compared on; members without a target get null and are left out. */
export function poolValues(pool: readonly PoolMember[], basis: ScoringBasis): PoolValue[] {
  return pool.map((member) => {
    const completion = completionOf(member.actual, member.target);
    if (completion === null) return { member, value: null };
    return { member, value: basis === 'completion' ? completion : new Dec(member.actual) };
  });
}

/** A compared value for reading: a percentage for completion, the plain figure for actual. */
export function basisText(value: Dec, basis: ScoringBasis, decimals: number): string {
  return basis === 'completion' ? pct(value, decimals) : plain(value);
}
