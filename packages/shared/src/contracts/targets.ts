import type { DecimalString } from './common.js';

export interface TargetRow {
  unitId: number;
  indicatorId: number;
  /** In the indicator's stored unit: 万元 for amounts, a count, or a fraction for ratios. */
  value: DecimalString;
  version: number;
}

/** For a parent unit and an indicator: its target against the sum of its children's (分解不足 when below). */
export interface DecompositionRow {
  parentUnitId: number;
  indicatorId: number;
  parentValue: DecimalString;
  childrenSum: DecimalString;
  childCount: number;
  /** parentValue − childrenSum when positive, else null. */
  shortfall: DecimalString | null;
}

export interface TargetsResponse {
  planId: number;
  items: TargetRow[];
  decomposition: DecompositionRow[];
}

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
