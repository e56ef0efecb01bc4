import type {
  ImportKind,
  ImportPreviewRow,
  ImportProblem,
  ImportSummary,
  IndicatorRow,
  PlanRow,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import type { Actor, Principal } from '../../../common/auth/principal';
import type { TreeUnit } from '../excel.repository';
import { ProblemList, type WorkbookCells } from './sheet-reader';

/** What every step of an import knows about the request. */
export interface ImportContext {
  actor: Actor;
  principal: Principal;
  plan: PlanRow;
  /** The reports' month (null for the other kinds). */
  month: string | null;
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today: string;
  /** The plan's tree, in order. */
  units: TreeUnit[];
  /** The plan's indicator catalogue, in order. */
  indicators: IndicatorRow[];
  /** The batch being committed (audit details). */
  batchId?: string;
  /** A job's progress: records written so far (a kind that writes in chunks reports after each). */
  onProgress?: (done: number) => Promise<void>;
}

/** The result of checking normalised rows against the stored data (at preview, and again inside the commit). */
export interface ImportCheck<W> {
  problems: ImportProblem[];
  summary: ImportSummary;
  preview: ImportPreviewRow[];
  /** What the commit writes (only meaningful without problems). */
  work: W;
  /**
   * The rows to store in the preview batch when they differ from the parsed ones: targets stamp each row with the
   * version it was checked against, so the commit can refuse what changed since the preview.
   */
  rows?: unknown[];
}

/**
 * One import kind: `parse` turns the workbook into normalised rows (names resolved to ids, numbers to decimal
 * strings) with cell problems; `check` compares them with the database (locking what it reads when inside the
 * commit); `write` writes the work of a check without problems in the caller's transaction.
 */
export interface ImportKindHandler<R, W> {
  readonly kind: ImportKind;
  readonly sheetName: string;
  parse(ctx: ImportContext, workbook: WorkbookCells): { rows: R[]; problems: ImportProblem[] };
  check(manager: EntityManager, ctx: ImportContext, rows: R[]): Promise<ImportCheck<W>>;
  write(manager: EntityManager, ctx: ImportContext, work: W): Promise<void>;
}

/** Units by name (and code) for the unit column; names that repeat in the tree need the code. */
export class UnitLookup {
  private readonly byKey = new Map<string, TreeUnit | 'ambiguous'>();

  constructor(units: TreeUnit[]) {
    const nameCount = new Map<string, number>();
    for (const u of units) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
    for (const u of units) {
      this.byKey.set(u.code, u);
      this.byKey.set(unitLabel(u, nameCount), u);
      if (!this.byKey.has(u.name) || nameCount.get(u.name)! > 1) {
        this.byKey.set(u.name, nameCount.get(u.name)! > 1 ? 'ambiguous' : u);
      }
    }
  }

  find(text: string): TreeUnit | 'ambiguous' | undefined {
    return this.byKey.get(text.trim());
  }
}

/** The label of a unit in the template's lists: its name, or name（code） when the name repeats in the tree. */
export function unitLabel(unit: TreeUnit, nameCount: Map<string, number>): string {
  return (nameCount.get(unit.name) ?? 0) > 1 ? `${unit.name}（${unit.code}）` : unit.name;
}

export function unitLabels(units: TreeUnit[]): Map<number, string> {
  const nameCount = new Map<string, number>();
  for (const u of units) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
  return new Map(units.map((u) => [u.id, unitLabel(u, nameCount)]));
}

/** Resolves the unit cell of a row; a problem when unknown, ambiguous, inactive or (for a reporter) out of scope. */
export function resolveUnit(
  lookup: UnitLookup,
  text: string | null,
  where: { problems: ProblemList; row: number; column: string; field: string },
  options: { scope: number[] | null; allow?: (u: TreeUnit) => string | null },
): TreeUnit | null {
  const { problems, row, column, field } = where;
  if (text === null) {
    problems.add(row, column, field, '单位不能为空', 'the unit is required');
    return null;
  }
  const unit = lookup.find(text);
  if (unit === undefined) {
    problems.add(
      row,
      column,
      field,
      `未知单位“${text.slice(0, 30)}”（不在本计划的单位树中）`,
      `unknown unit "${text}"`,
    );
    return null;
  }
  if (unit === 'ambiguous') {
    problems.add(
      row,
      column,
      field,
      `单位名称“${text}”有重名，请从下拉列表选择带编码的名称`,
      `ambiguous unit name "${text}"`,
    );
    return null;
  }
  if (!unit.isActive) {
    problems.add(row, column, field, `单位“${unit.name}”已停用`, `the unit "${unit.name}" is inactive`);
    return null;
  }
  if (options.scope !== null && !options.scope.includes(unit.id)) {
    problems.add(
      row,
      column,
      field,
      `单位“${unit.name}”不在您的管辖范围内`,
      `the unit "${unit.name}" is outside your scope`,
    );
    return null;
  }
  const refusal = options.allow?.(unit);
  if (refusal) {
    problems.add(row, column, field, refusal, `the unit "${unit.name}" cannot be imported here`);
    return null;
  }
  return unit;
}

export function emptySummary(rows: number): ImportSummary {
  return { rows, created: 0, updated: 0, unchanged: 0 };
}
