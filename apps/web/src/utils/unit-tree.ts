import type { UnitRow, UnitTreeNode } from '@pacer/shared';
import { UNIT_CATEGORIES, type UnitCategory } from '@pacer/shared';

/**
 * The flat list of GET /units (depth-first, each row with parentId) as a tree for ElTable / ElTreeSelect.
 * Sibling order is the order of the list (the server sorts by sortOrder). A row whose parent is not in the
 * list (a `rootId` query, an inactive parent filtered out) becomes a root instead of disappearing.
 */
export function buildUnitTree(rows: readonly UnitRow[]): UnitTreeNode[] {
  const nodes = new Map<number, UnitTreeNode>();
  for (const row of rows) nodes.set(row.id, { ...row, children: [] });
  const roots: UnitTreeNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The unit and everything below it: where it cannot be moved (the server refuses the cycle too). */
export function subtreeIds(rows: readonly UnitRow[], id: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const row of rows) {
    if (row.parentId === null) continue;
    const list = childrenOf.get(row.parentId) ?? [];
    list.push(row.id);
    childrenOf.set(row.parentId, list);
  }
  const result = new Set<number>();
  const stack = [id];
  while (stack.length) {
    const current = stack.pop()!;
    if (result.has(current)) continue;
    result.add(current);
    stack.push(...(childrenOf.get(current) ?? []));
  }
  return result;
}

export function isBuiltInCategory(category: string): category is UnitCategory {
  return (UNIT_CATEGORIES as readonly string[]).includes(category);
}

/** i18n key of a built-in category's label; custom category codes have none and are shown as they are. */
export function unitCategoryKey(category: string): string | null {
  return isBuiltInCategory(category) ? `unitCategory.${category}` : null;
}

/** The label of a category: Chinese (or English) for the built-in ones, the code itself for a custom one. */
export function unitCategoryLabel(category: string, t: (key: string) => string): string {
  const key = unitCategoryKey(category);
  return key ? t(key) : category;
}

/** The branches holding a unit whose name, short name or code contains `keyword`, ancestors kept for context. */
export function filterUnitTree(tree: readonly UnitTreeNode[], keyword: string): UnitTreeNode[] {
  const q = keyword.trim().toLowerCase();
  if (!q) return [...tree];
  const matches = (node: UnitTreeNode) =>
    [node.name, node.shortName ?? '', node.code].some((text) => text.toLowerCase().includes(q));
  const result: UnitTreeNode[] = [];
  for (const node of tree) {
    const children = filterUnitTree(node.children, keyword);
    if (matches(node) || children.length) result.push({ ...node, children });
  }
  return result;
}

/** A sort order that puts a new unit after its siblings (steps of 10 leave room to insert between). */
export function nextSortOrder(rows: readonly UnitRow[], parentId: number | null): number {
  const siblings = rows.filter((row) => row.parentId === parentId).map((row) => row.sortOrder);
  return siblings.length ? Math.floor(Math.max(...siblings) / 10) * 10 + 10 : 10;
}
