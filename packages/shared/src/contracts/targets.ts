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

/**
 * PUT /plans/:id/targets takes a JSON array; all rows are written or none. Optimistic locking per row (REL-1): a
 * row carries the `version` it was read at, or none for a target that does not exist yet. When any row's version
 * is stale, or a "new" row exists by now, the whole PUT answers 409 VERSION_CONFLICT, writes nothing, and names
 * every such row in `details` (field `N.version`, code one of TARGET_CONFLICT).
 */
export type PutTargetsRequest = PutTargetItem[];

export interface PutTargetItem {
  unitId: number;
  indicatorId: number;
  value: DecimalString;
  /** TargetRow.version as read; absent for a new target. */
  version?: number;
}

/** Why a row of a PUT (or of an import commit) conflicts: the `code` of its 409 detail. */
export const TARGET_CONFLICT = {
  /** The target was changed (or removed) since it was read. */
  stale: 'staleVersion',
  /** Sent as new, but someone created the target meanwhile. */
  exists: 'alreadyExists',
} as const;
export type TargetConflictCode = (typeof TARGET_CONFLICT)[keyof typeof TARGET_CONFLICT];

export interface PutTargetsResponse {
  planId: number;
  created: number;
  updated: number;
  unchanged: number;
}
