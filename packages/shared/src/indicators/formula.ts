import type { ErrorDetail } from '../contracts/errors.js';
import type { FormulaDef } from '../contracts/indicators.js';
import { Dec } from '../money/decimal.js';
import { issue, isPlainObject, joinPath, unknownKeyIssues } from './validation-issue.js';

// the same check as INDICATOR_CODE_PATTERN (kept here to avoid an import cycle)
const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const WEIGHT = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;
export const FORMULA_MAX_PARTS = 10;

/**
 * The shape of a formula (DESIGN.md §2): `{ kind: 'ratio', numerator, denominator }` naming two indicator codes,
 * or `{ kind: 'weighted', parts: [{ numerator, denominator, weight }] }` with 2–10 parts whose weights (fractions
 * in (0, 1]) sum to exactly 1. Whether the codes exist, and cycles, are `checkFormulaReferences`.
 */
export function validateFormula(formula: unknown, path = 'formula'): ErrorDetail[] {
  if (!isPlainObject(formula)) return [issue(path, 'isObject', '公式必须是对象', 'must be an object')];
  if (formula.kind === 'ratio') {
    return [
      ...unknownKeyIssues(formula, ['kind', 'numerator', 'denominator'], path),
      ...codeIssues(formula, ['numerator', 'denominator'], path),
    ];
  }
  if (formula.kind !== 'weighted') {
    return [
      issue(joinPath(path, 'kind'), 'isIn', '公式类型必须是 ratio 或 weighted', 'must be ratio or weighted'),
    ];
  }
  const issues = unknownKeyIssues(formula, ['kind', 'parts'], path);
  const partsPath = joinPath(path, 'parts');
  const parts = formula.parts;
  if (!Array.isArray(parts) || parts.length < 2 || parts.length > FORMULA_MAX_PARTS) {
    issues.push(
      issue(
        partsPath,
        'arraySize',
        `加权公式须有 2–${FORMULA_MAX_PARTS} 项`,
        `must have 2–${FORMULA_MAX_PARTS} parts`,
      ),
    );
    return issues;
  }
  let sum = new Dec(0);
  let weightsOk = true;
  parts.forEach((part, i) => {
    const partPath = joinPath(partsPath, i);
    if (!isPlainObject(part)) {
      issues.push(issue(partPath, 'isObject', '必须是对象', 'must be an object'));
      weightsOk = false;
      return;
    }
    issues.push(...unknownKeyIssues(part, ['numerator', 'denominator', 'weight'], partPath));
    issues.push(...codeIssues(part, ['numerator', 'denominator'], partPath));
    if (typeof part.weight !== 'string' || !WEIGHT.test(part.weight) || new Dec(part.weight).isZero()) {
      issues.push(
        issue(
          joinPath(partPath, 'weight'),
          'weight',
          '权重必须是 0 到 1 之间的小数文本（大于 0）',
          'must be a decimal string in (0, 1]',
        ),
      );
      weightsOk = false;
    } else {
      sum = sum.plus(part.weight);
    }
  });
  if (weightsOk && !sum.eq(1)) {
    issues.push(
      issue(
        partsPath,
        'weightSum',
        `各项权重之和必须等于 1（现为 ${sum.toFixed()}）`,
        `weights must sum to 1 (they sum to ${sum.toFixed()})`,
      ),
    );
  }
  return issues;
}

/** Every indicator code a valid formula names, with the field that names it, in order. */
export function formulaReferences(
  formula: FormulaDef,
  path = 'formula',
): Array<{ field: string; code: string }> {
  if (formula.kind === 'ratio') {
    return [
      { field: joinPath(path, 'numerator'), code: formula.numerator },
      { field: joinPath(path, 'denominator'), code: formula.denominator },
    ];
  }
  return formula.parts.flatMap((part, i) => [
    { field: joinPath(path, 'parts', i, 'numerator'), code: part.numerator },
    { field: joinPath(path, 'parts', i, 'denominator'), code: part.denominator },
  ]);
}

export interface FormulaNode {
  code: string;
  formula: FormulaDef | null;
}

/**
 * A valid formula against its plan's catalogue: no reference to the indicator itself, every code an indicator
 * of the plan, and no cycle through other formula indicators once this formula is in place.
 */
export function checkFormulaReferences(
  selfCode: string,
  formula: FormulaDef,
  catalogue: readonly FormulaNode[],
  path = 'formula',
): ErrorDetail[] {
  const known = new Set(catalogue.map((n) => n.code));
  const issues: ErrorDetail[] = [];
  for (const ref of formulaReferences(formula, path)) {
    if (ref.code === selfCode) {
      issues.push(
        issue(
          ref.field,
          'selfReference',
          `公式不能引用指标自身（${selfCode}）`,
          `a formula cannot refer to its own indicator ${selfCode}`,
        ),
      );
    } else if (!known.has(ref.code)) {
      issues.push(
        issue(
          ref.field,
          'unknownIndicator',
          `本计划没有编码为 ${ref.code} 的指标`,
          `no indicator ${ref.code} in this plan`,
        ),
      );
    }
  }
  if (issues.length > 0) return issues;
  // the edited indicator first, so a cycle is reported starting from it
  const nodes = [{ code: selfCode, formula }, ...catalogue.filter((n) => n.code !== selfCode)];
  const cycle = findFormulaCycle(nodes);
  if (cycle) {
    issues.push(
      issue(
        path,
        'cycle',
        `公式存在循环引用：${cycle.join(' → ')}`,
        `formulas refer to each other in a cycle: ${cycle.join(' → ')}`,
      ),
    );
  }
  return issues;
}

/** A cycle among formula indicators as `[A, B, A]`, or null. Codes outside the catalogue are leaves. */
export function findFormulaCycle(nodes: readonly FormulaNode[]): string[] | null {
  const edges = new Map(
    nodes.map((n) => [
      n.code,
      n.formula ? [...new Set(formulaReferences(n.formula).map((r) => r.code))] : [],
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (code: string): string[] | null => {
    if (state.get(code) === 'done') return null;
    if (state.get(code) === 'open') return [...stack.slice(stack.indexOf(code)), code];
    state.set(code, 'open');
    stack.push(code);
    for (const next of edges.get(code) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(code, 'done');
    return null;
  };
  for (const node of nodes) {
    const found = visit(node.code);
    if (found) return found;
  }
  return null;
}

function codeIssues(value: Record<string, unknown>, keys: readonly string[], path: string): ErrorDetail[] {
  return keys
    .filter((key) => typeof value[key] !== 'string' || !CODE.test(value[key] as string))
    .map((key) =>
      issue(
        joinPath(path, key),
        'indicatorCode',
        '必须是指标编码（字母开头，字母、数字或下划线）',
        'must be an indicator code',
      ),
    );
}

// ---------------------------------------------------------------- evaluation (SQL-free callers)

/** The indicator codes a formula reads, numerator then denominator of each part (a malformed formula reads none). */
export function formulaCodes(formula: FormulaDef | null | undefined): string[] {
  if (formula?.kind === 'ratio') return [formula.numerator, formula.denominator];
  if (formula?.kind === 'weighted' && Array.isArray(formula.parts))
    return formula.parts.flatMap((p) => [p.numerator, p.denominator]);
  return [];
}

/**
 * A formula's value over year-to-date figures, the rule the summary's SQL stores (docs/scoring.md §3): a ratio is
 * numerator ÷ denominator, 0 when the denominator is 0; a weighted mix is Σ weight × numerator_i ÷ denominator_i with
 * each ratio 0 when its denominator is 0. `valueOf` answers a code's figure (0 for a code the plan does not have).
 */
export function evaluateFormula(formula: FormulaDef, valueOf: (code: string) => Dec | string): Dec {
  const figure = (code: string) => new Dec(valueOf(code));
  const ratio = (num: string, den: string) => {
    const d = figure(den);
    return d.isZero() ? new Dec(0) : figure(num).div(d);
  };
  if (formula.kind === 'ratio') return ratio(formula.numerator, formula.denominator);
  return formula.parts.reduce(
    (sum, p) => sum.plus(new Dec(p.weight).mul(ratio(p.numerator, p.denominator))),
    new Dec(0),
  );
}

/**
 * Formula indicators in dependency layers (ids): a formula comes after every formula it reads. A formula of formulas
 * is allowed by the catalogue, cycles are not; should one slip in, its members come last, computed from what exists.
 */
export function formulaLayers(
  defs: ReadonlyArray<{ id: number; code: string; formula: FormulaDef | null }>,
): number[][] {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const layers: number[][] = [];
  const done = new Set<string>();
  let pending = [...defs];
  while (pending.length > 0) {
    const ready = pending.filter((d) =>
      formulaCodes(d.formula).every((code) => !byCode.has(code) || done.has(code) || code === d.code),
    );
    const layer = ready.length > 0 ? ready : pending;
    layers.push(layer.map((d) => d.id));
    layer.forEach((d) => done.add(d.code));
    pending = pending.filter((d) => !layer.includes(d));
  }
  return layers;
}
