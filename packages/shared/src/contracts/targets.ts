import type { DecimalString } from './common.js';

export interface TargetRow {
  unitId: number;
  indicatorId: number;
  /** In the indicator's stored unit: 万元 for amounts, a count, or a fraction for ratios. */
  value: DecimalString;
  version: number;
}

/**
 * For a parent unit of the plan's tree and an indicator where the parent or one of its direct children has a
 * target: the parent's target against the sum of its direct children's (分解不足 when below).
 */
export interface DecompositionRow {
  parentUnitId: number;
  indicatorId: number;
  /** null when only children have a target. */
  parentValue: DecimalString | null;
  /** Sum of the direct children's targets ('0' when none has one). */
  childrenSum: DecimalString;
  /** Direct children with a target on the indicator. */
  childCount: number;
  /** parentValue − childrenSum when positive, else null. */
  shortfall: DecimalString | null;
}

export interface TargetsResponse {
  planId: number;
  items: TargetRow[];
  decomposition: DecompositionRow[];
}

/** At most this many rows per PUT. */
export const MAX_TARGETS_PER_PUT = 20000;

/** PUT /plans/:id/targets takes a JSON array; all rows are written or none. */
export type PutTargetsRequest = PutTargetItem[];

export interface PutTargetItem {
  unitId: number;
  indicatorId: number;
  value: DecimalString;
}

export interface PutTargetsResponse {
  planId: number;
  created: number;
  updated: number;
  unchanged: number;
}
