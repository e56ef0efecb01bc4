import type { DecompositionRow, IndicatorRow, OwnFigures, PutTargetItem, TargetRow, UnitRow } from '@pacer/shared';
import { Dec, DECIMAL_STRING_PATTERN, MAX_RATIO_TARGET, showsOwnLine, wanToYi, yiToWan } from '@pacer/shared';

// The targets grid: units (tree order) × indicators. Values are stored in the indicator's stored unit
// (万元 for amounts, a count, a fraction for ratios) and edited in its display unit, converted exactly.

/** How a cell is typed: 亿元 (amounts measured in 亿元), 万元, a whole count, or a percentage. */
export type EditUnit = 'yi' | 'wan' | 'count' | 'percent';

export function editUnitOf(indicator: Pick<IndicatorRow, 'kind' | 'measure'>): EditUnit {
  if (indicator.kind === 'ratio') return 'percent';
  if (indicator.kind === 'count') return 'count';
  return indicator.measure === '亿元' ? 'yi' : 'wan';
}

/** The stored value as the user edits it, exact: '3000000' (亿元) → '300'; '0.6' (%) → '60'. */
export function toEditText(stored: string | null | undefined, unit: EditUnit): string {
  if (stored === null || stored === undefined || stored === '') return '';
  if (unit === 'yi') return wanToYi(stored);
  if (unit === 'percent') return new Dec(stored).mul(100).toFixed();
  return new Dec(stored).toFixed();
}

export type CellProblem =
  'format' | 'negative' | 'separator' | 'integer' | 'precision' | 'tooLarge' | 'ratioMax' | 'cannotClear';

export type ParsedCell =
  { kind: 'blank' } | { kind: 'value'; value: string } | { kind: 'error'; problem: CellProblem };

const NUMBER_TEXT = /^\d+(\.\d+)?$/;

/** Typed text → the stored value (exact), or why it cannot be one. The API's rule applies to the stored value. */
export function parseCell(text: string, unit: EditUnit): ParsedCell {
  const value = text.trim();
  if (value === '') return { kind: 'blank' };
  if (value.startsWith('-')) return { kind: 'error', problem: 'negative' };
  if (/[,，\s]/.test(value)) return { kind: 'error', problem: 'separator' };
  if (!NUMBER_TEXT.test(value)) return { kind: 'error', problem: 'format' };
  if (unit === 'count' && value.includes('.') && !new Dec(value).isInteger()) {
    return { kind: 'error', problem: 'integer' };
  }
  let stored: string;
  if (unit === 'yi') stored = yiToWan(value);
  else if (unit === 'percent') stored = new Dec(value).div(100).toFixed();
  else stored = new Dec(value).toFixed();
  if (!DECIMAL_STRING_PATTERN.test(stored)) {
    const [whole] = stored.split('.');
    return { kind: 'error', problem: whole!.length > 14 ? 'tooLarge' : 'precision' };
  }
  if (unit === 'percent' && new Dec(stored).gt(MAX_RATIO_TARGET))
    return { kind: 'error', problem: 'ratioMax' };
  return { kind: 'value', value: stored };
}

export function cellKey(unitId: number, indicatorId: number): string {
  return `${unitId}:${indicatorId}`;
}

/** The server's targets by cell. */
export function targetMap(items: readonly TargetRow[]): Map<string, string> {
  return new Map(items.map((item) => [cellKey(item.unitId, item.indicatorId), item.value]));
}

/** The version each cell was read at (REL-1: sent back with the cell's change). */
export function versionMap(items: readonly TargetRow[]): Map<string, number> {
  return new Map(items.map((item) => [cellKey(item.unitId, item.indicatorId), item.version]));
}

/** The cells a 409 VERSION_CONFLICT names: its details say `3.version` for the 4th row sent. */
export function conflictKeys(fields: readonly string[], keys: readonly string[]): string[] {
  const found = new Set<string>();
  for (const field of fields) {
    const match = /^(\d+)\.version$/.exec(field);
    const key = match ? keys[Number(match[1])] : undefined;
    if (key !== undefined) found.add(key);
  }
  return [...found];
}

function parseKey(key: string): { unitId: number; indicatorId: number } {
  const [unitId, indicatorId] = key.split(':').map(Number);
  return { unitId: unitId!, indicatorId: indicatorId! };
}

export interface TargetsDiff {
  /**
   * The PUT body: only the cells whose value changed, in the order of `keys`, each with the version it was read at
   * (none for a cell that had no target), so a cell someone else saved meanwhile answers 409 instead of being
   * overwritten.
   */
  rows: PutTargetItem[];
  /** rows[i] is the cell keys[i] (to place `i.value` errors). */
  keys: string[];
  /** Cells that cannot be sent as typed. */
  errors: Record<string, CellProblem>;
}

/**
 * The edited cells against the server's values. A cell typed back to its stored value (also as '300.0' for
 * '3000000') is not a change. Clearing a stored target is refused: PUT only upserts (a target may be set to 0).
 */
export function diffTargets(
  original: ReadonlyMap<string, string>,
  edits: Readonly<Record<string, string>>,
  unitOf: (indicatorId: number) => EditUnit,
  versions: ReadonlyMap<string, number>,
): TargetsDiff {
  const diff: TargetsDiff = { rows: [], keys: [], errors: {} };
  for (const [key, text] of Object.entries(edits)) {
    const { unitId, indicatorId } = parseKey(key);
    const parsed = parseCell(text, unitOf(indicatorId));
    const before = original.get(key);
    if (parsed.kind === 'error') {
      diff.errors[key] = parsed.problem;
      continue;
    }
    if (parsed.kind === 'blank') {
      if (before !== undefined) diff.errors[key] = 'cannotClear';
      continue;
    }
    if (before !== undefined && new Dec(before).eq(parsed.value)) continue;
    const version = versions.get(key);
    diff.rows.push(
      version === undefined
        ? { unitId, indicatorId, value: parsed.value }
        : { unitId, indicatorId, value: parsed.value, version },
    );
    diff.keys.push(key);
  }
  return diff;
}

/** The value a cell holds now: a valid edit, else the server's value; null when it has none. */
export function currentValue(
  original: ReadonlyMap<string, string>,
  edits: Readonly<Record<string, string>>,
  key: string,
  unit: EditUnit,
): string | null {
  if (key in edits) {
    const parsed = parseCell(edits[key]!, unit);
    if (parsed.kind === 'value') return parsed.value;
    if (parsed.kind === 'error') return original.get(key) ?? null;
    // Blank: a stored target cannot be cleared (flagged), an empty cell stays empty.
    return original.get(key) ?? null;
  }
  return original.get(key) ?? null;
}

/** A parent's decomposition on the grid, with its own part (本级) when the plan gives it one. */
export interface GridDecomposition extends DecompositionRow {
  /** The parent's target less its children's, kept as its own (本级) target; null without own figures or none left. */
  own: string | null;
}

/**
 * The parents that carry their own figures (本级, issue 14 point 11) under the plan's `ownFigures`: the parents below
 * the root with `parents`, the root too with `root`.
 */
export function ownParentIds(
  units: readonly Pick<UnitRow, 'id' | 'parentId'>[],
  rootUnitId: number,
  ownFigures: OwnFigures,
): Set<number> {
  const parents = new Set(units.filter((u) => u.parentId !== null).map((u) => u.parentId!));
  return new Set(
    [...parents].filter((id) => showsOwnLine(ownFigures, { depth: id === rootUnitId ? 0 : 1, hasChildren: true })),
  );
}

/**
 * For every parent unit of the plan tree and indicator where the parent or one of its direct children has a
 * value: the parent's value against the sum of its direct children's (分解不足 when below) — the same rule as the
 * API's decomposition, computed live from the grid so an edit shows its effect before saving.
 */
export function decompositionOf(
  units: readonly Pick<UnitRow, 'id' | 'parentId'>[],
  indicatorIds: readonly number[],
  valueOf: (unitId: number, indicatorId: number) => string | null,
  ownParents: ReadonlySet<number> = new Set(),
): Map<string, GridDecomposition> {
  const inTree = new Set(units.map((u) => u.id));
  const children = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.parentId === null || !inTree.has(unit.parentId)) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const result = new Map<string, GridDecomposition>();
  for (const [parentId, childIds] of children) {
    for (const indicatorId of indicatorIds) {
      const parentValue = valueOf(parentId, indicatorId);
      const childValues = childIds
        .map((id) => valueOf(id, indicatorId))
        .filter((v): v is string => v !== null);
      if (parentValue === null && childValues.length === 0) continue;
      const sum = childValues.reduce((acc, v) => acc.plus(v), new Dec(0));
      const gap = parentValue === null ? null : new Dec(parentValue).minus(sum);
      result.set(cellKey(parentId, indicatorId), {
        parentUnitId: parentId,
        indicatorId,
        parentValue,
        childrenSum: sum.toFixed(),
        childCount: childValues.length,
        // a parent with its own figures (本级) keeps the rest itself: that is its own target, not a shortfall
        shortfall: gap !== null && gap.gt(0) && !ownParents.has(parentId) ? gap.toFixed() : null,
        own: gap !== null && gap.gt(0) && ownParents.has(parentId) ? gap.toFixed() : null,
      });
    }
  }
  return result;
}

/** Server messages of a failed PUT placed on their cells: `3.value` is the 4th row sent. */
export function placePutErrors(
  fields: Record<string, string>,
  keys: readonly string[],
): {
  cells: Record<string, string>;
  other: string[];
} {
  const cells: Record<string, string> = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const match = /^(\d+)(?:\.|$)/.exec(field);
    const key = match ? keys[Number(match[1])] : undefined;
    if (key !== undefined) cells[key] = cells[key] ? `${cells[key]}；${message}` : message;
    else other.push(message);
  }
  return { cells, other };
}

export type GridRow =
  | { type: 'unit'; key: string; unit: UnitRow; depth: number; isParent: boolean }
  | { type: 'sum'; key: string; parentId: number; depth: number }
  | { type: 'own'; key: string; parentId: number; depth: number };

/**
 * The grid's rows: the plan's units in tree order, depth relative to the root, and under every parent row the
 * line of its children's sums (下级合计), so the comparison sits right below the figure it checks; a parent with
 * its own figures (本级) gets a （本级） line after it.
 */
export function gridRows(
  units: readonly UnitRow[],
  rootUnitId: number,
  ownParents: ReadonlySet<number> = new Set(),
): GridRow[] {
  const root = units.find((u) => u.id === rootUnitId);
  const baseDepth = root?.depth ?? 0;
  const parents = new Set(units.filter((u) => u.parentId !== null).map((u) => u.parentId!));
  const rows: GridRow[] = [];
  for (const unit of units) {
    const depth = unit.depth - baseDepth;
    const isParent = parents.has(unit.id);
    rows.push({ type: 'unit', key: `u${unit.id}`, unit, depth, isParent });
    if (isParent) rows.push({ type: 'sum', key: `s${unit.id}`, parentId: unit.id, depth: depth + 1 });
    // the parent's own part (本级): what its target keeps beyond its children's
    if (isParent && ownParents.has(unit.id))
      rows.push({ type: 'own', key: `o${unit.id}`, parentId: unit.id, depth: depth + 1 });
  }
  return rows;
}

export interface IndicatorGroup {
  source: IndicatorRow['source'];
  indicators: IndicatorRow[];
}

/** Columns grouped by where the figures come from (台账 / 招商工作 / 月度填报 / 公式), each group in sort order. */
export function indicatorGroups(indicators: readonly IndicatorRow[]): IndicatorGroup[] {
  const order: IndicatorRow['source'][] = ['ledger', 'work', 'reported', 'formula'];
  return order
    .map((source) => ({ source, indicators: indicators.filter((i) => i.source === source) }))
    .filter((group) => group.indicators.length > 0);
}
