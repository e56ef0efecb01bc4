import type { OwnFigures } from '../enums/project-enums.js';
import { Dec, type DecimalInput } from '../money/decimal.js';

/** A unit's figure on one indicator: its rolled-up year-to-date (itself and everything below it) and its target. */
export interface RolledFigure {
  actual: DecimalInput;
  target: DecimalInput | null | undefined;
}

/** A parent's own part (本级): what it reported itself, and the part of its target its units do not carry. */
export interface OwnPart {
  actual: string;
  /** null: the parent has no target, or its units' targets cover all of it (nothing left as its own). */
  target: string | null;
}

/**
 * A parent's own part of a summed indicator (issue 14 point 11): its rolled-up figure minus its direct children's —
 * every child, active or not, since a deactivated unit's figures still roll up into its parent. The roll-up counts
 * each unit's own figures once (the parent's total = own + children's), so the difference is exactly what the parent
 * itself reported and the ledger credited to it. The own target is the parent's target minus its children's
 * (a child without a target counts 0); at or below 0 there is none. Not for rates (levels do not add up).
 */
export function ownPart(parent: RolledFigure, children: readonly RolledFigure[]): OwnPart {
  let actual = new Dec(parent.actual);
  let target = parent.target === null || parent.target === undefined || parent.target === '' ? null : new Dec(parent.target);
  for (const child of children) {
    actual = actual.minus(child.actual);
    if (target !== null && child.target !== null && child.target !== undefined && child.target !== '')
      target = target.minus(child.target);
  }
  return { actual: actual.toFixed(), target: target !== null && target.gt(0) ? target.toFixed() : null };
}

/**
 * Whether a unit shows a （本级） line under the plan's `ownFigures`: a unit with units below it — the root only when
 * the root reports (`root`), the parents below it with `parents` or `root`, nobody with `none`.
 */
export function showsOwnLine(ownFigures: OwnFigures, unit: { depth: number; hasChildren: boolean }): boolean {
  if (!unit.hasChildren || ownFigures === 'none') return false;
  return unit.depth > 0 || ownFigures === 'root';
}
