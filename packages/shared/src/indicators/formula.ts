import type { ErrorDetail } from '../contracts/errors.js';
import type { FormulaDef, FormulaOperand } from '../contracts/indicators.js';
import { currencyOfMeasure } from '../enums/indicator-kind.js';
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
      ...operandIssues(formula, 'numerator', path),
      ...operandIssues(formula, 'denominator', path),
    ];
  }
  if (formula.kind === 'total') {
    return [
      ...unknownKeyIssues(formula, ['kind', 'add', 'subtract', 'exchangeRate'], path),
      ...termsIssues(formula, path),
      ...exchangeRateIssues(formula.exchangeRate, joinPath(path, 'exchangeRate')),
    ];
  }
  if (formula.kind !== 'weighted') {
    return [
      issue(
        joinPath(path, 'kind'),
        'isIn',
        '公式类型必须是 ratio、weighted 或 total',
        'must be ratio, weighted or total',
      ),
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
      ...operandReferences(formula.numerator, joinPath(path, 'numerator')),
      ...operandReferences(formula.denominator, joinPath(path, 'denominator')),
    ];
  }
  if (formula.kind === 'total') return operandReferences(formula, path);
  return formula.parts.flatMap((part, i) => [
    { field: joinPath(path, 'parts', i, 'numerator'), code: part.numerator },
    { field: joinPath(path, 'parts', i, 'denominator'), code: part.denominator },
  ]);
}

export interface FormulaNode {
  code: string;
  formula: FormulaDef | null;
  /** The indicator's measure: amounts of different currencies are never added or divided silently (rule 12). */
  measure?: string;
}

/** 元 per 美元: a decimal above 0, at most 1000, up to 6 decimals ('7.1', '7.0827'). */
const RATE = /^\d{1,4}(\.\d{1,6})?$/;

function exchangeRateIssues(rate: unknown, path: string): ErrorDetail[] {
  if (rate === undefined) return [];
  if (typeof rate !== 'string' || !RATE.test(rate) || new Dec(rate).lte(0) || new Dec(rate).gt(1000)) {
    return [
      issue(
        path,
        'exchangeRate',
        '汇率须是大于0、不超过1000的数值文本（1美元折合人民币元数，最多6位小数，如 7.1）',
        'must be a decimal string above 0 and at most 1000 (yuan per dollar, up to 6 decimals)',
      ),
    ];
  }
  return [];
}

/**
 * Currencies are kept apart (issue 16 rule 12): a sum, or a ratio's two sides, of amounts in 万元 and 万美元 is
 * refused naming the part, unless a total gives its `exchangeRate` (then the conversion is explicit and said).
 */
export function checkFormulaCurrencies(
  self: { code: string; measure?: string },
  formula: FormulaDef,
  catalogue: readonly FormulaNode[],
  path = 'formula',
): ErrorDetail[] {
  const currencyOf = new Map(catalogue.map((n) => [n.code, currencyOfMeasure(n.measure ?? '')]));
  const mixIssue = (field: string, code: string, other: string) =>
    issue(
      field,
      'currencyMix',
      `${code}以${currencyName(currencyOf.get(code))}计，与${other}币种不同，不做隐含换算${
        formula.kind === 'total' ? '（加总须在公式中给出汇率 exchangeRate）' : ''
      }`,
      `${code} is in another currency than ${other === '本指标' ? 'this indicator' : other}: no silent conversion`,
    );
  const refs = formulaReferences(formula, path);
  if (formula.kind === 'total') {
    const own = currencyOfMeasure(self.measure ?? '');
    if (own === null || formula.exchangeRate !== undefined) return [];
    return refs
      .filter((r) => {
        const c = currencyOf.get(r.code);
        return c !== null && c !== undefined && c !== own;
      })
      .map((r) => mixIssue(r.field, r.code, '本指标'));
  }
  // a ratio (or each weighted part): one currency across its parts
  const groups =
    formula.kind === 'ratio'
      ? [refs]
      : formula.parts.map((_, i) => refs.filter((r) => r.field.startsWith(joinPath(path, 'parts', i) + '.')));
  const issues: ErrorDetail[] = [];
  for (const group of groups) {
    const first = group.find((r) => currencyOf.get(r.code));
    if (!first) continue;
    for (const r of group) {
      const c = currencyOf.get(r.code);
      if (c && c !== currencyOf.get(first.code)) issues.push(mixIssue(r.field, r.code, first.code));
    }
  }
  return issues;
}

function currencyName(currency: 'CNY' | 'USD' | null | undefined): string {
  return currency === 'USD' ? '美元' : '人民币';
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

/** The codes of one operand with their fields: `formula.numerator`, or `formula.denominator.add.1`. */
function operandReferences(operand: FormulaOperand, path: string): Array<{ field: string; code: string }> {
  if (typeof operand === 'string') return [{ field: path, code: operand }];
  return [
    ...operand.add.map((code, i) => ({ field: joinPath(path, 'add', i), code })),
    ...(operand.subtract ?? []).map((code, i) => ({ field: joinPath(path, 'subtract', i), code })),
  ];
}

function operandIssues(value: Record<string, unknown>, key: string, path: string): ErrorDetail[] {
  const operand = value[key];
  if (typeof operand === 'string' || !isPlainObject(operand)) return codeIssues(value, [key], path);
  const at = joinPath(path, key);
  return [...unknownKeyIssues(operand, ['add', 'subtract'], at), ...termsIssues(operand, at)];
}

/** `add`: 1–10 indicator codes; `subtract`: 0–10; no code twice. */
function termsIssues(terms: Record<string, unknown>, path: string): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const [key, min] of [
    ['add', 1],
    ['subtract', 0],
  ] as const) {
    const list = terms[key];
    if (list === undefined && min === 0) continue;
    if (!Array.isArray(list) || list.length < min || list.length > FORMULA_MAX_PARTS) {
      issues.push(
        issue(
          joinPath(path, key),
          'arraySize',
          `须列出 ${min}–${FORMULA_MAX_PARTS} 个指标编码`,
          `must list ${min}–${FORMULA_MAX_PARTS} indicator codes`,
        ),
      );
      continue;
    }
    list.forEach((code: unknown, i: number) => {
      if (typeof code !== 'string' || !CODE.test(code)) {
        issues.push(
          issue(
            joinPath(path, key, i),
            'indicatorCode',
            '必须是指标编码（字母开头，字母、数字或下划线）',
            'must be an indicator code',
          ),
        );
      } else if (seen.has(code)) {
        issues.push(
          issue(joinPath(path, key, i), 'duplicate', `指标重复：${code}`, `duplicate indicator ${code}`),
        );
      } else {
        seen.add(code);
      }
    });
  }
  return issues;
}

/** Every indicator code a formula reads (in order, without repeats). */
export function formulaCodes(formula: FormulaDef | null | undefined): string[] {
  if (!formula) return [];
  return [...new Set(formulaReferences(formula).map((r) => r.code))];
}

/** The value of an operand: a code's value, or Σ add − Σ subtract. */
export function operandValue(operand: FormulaOperand, valueOf: (code: string) => Dec): Dec {
  if (typeof operand === 'string') return valueOf(operand);
  const add = operand.add.reduce((sum, code) => sum.plus(valueOf(code)), new Dec(0));
  return (operand.subtract ?? []).reduce((sum, code) => sum.minus(valueOf(code)), add);
}

/**
 * A formula's value from its parts' values, the rule of the summary (ytd-summary.repository.ts): a ratio answers
 * its numerator and denominator too (null value when the denominator is 0: no value, "—"); a weighted mix counts a
 * part whose denominator is 0 as 0; a sum is Σ add − Σ subtract.
 */
export function evaluateFormula(
  formula: FormulaDef,
  valueOf: (code: string) => Dec,
  measures?: { self: string; of: (code: string) => string | undefined },
): { value: Dec | null; numerator: Dec | null; denominator: Dec | null } {
  if (formula.kind === 'total') {
    // a part in the other currency at the formula's explicit rate (rule 12), as the summary converts it
    const converted = (code: string) =>
      measures
        ? valueOf(code).mul(conversionFactor(formula, measures.self, measures.of(code)))
        : valueOf(code);
    return { value: operandValue(formula, converted), numerator: null, denominator: null };
  }
  if (formula.kind === 'ratio') {
    const numerator = operandValue(formula.numerator, valueOf);
    const denominator = operandValue(formula.denominator, valueOf);
    return { value: denominator.isZero() ? null : numerator.div(denominator), numerator, denominator };
  }
  const value = formula.parts.reduce((sum, p) => {
    const d = valueOf(p.denominator);
    return d.isZero() ? sum : sum.plus(new Dec(p.weight).mul(valueOf(p.numerator).div(d)));
  }, new Dec(0));
  return { value, numerator: null, denominator: null };
}

/**
 * The factor of a total's part (issue 16 rule 12): 1, or — with the formula's `exchangeRate` (元 per 美元) and a part
 * in the other currency — × rate (万美元 into a 万元 total) or ÷ rate (万元 into a 万美元 total).
 */
export function conversionFactor(
  formula: FormulaDef,
  selfMeasure: string,
  partMeasure: string | undefined,
): Dec {
  if (formula.kind !== 'total' || formula.exchangeRate === undefined || partMeasure === undefined)
    return new Dec(1);
  const self = currencyOfMeasure(selfMeasure);
  const part = currencyOfMeasure(partMeasure);
  if (self === null || part === null || self === part) return new Dec(1);
  return self === 'CNY' ? new Dec(formula.exchangeRate) : new Dec(1).div(formula.exchangeRate);
}

/**
 * A total in words with its conversion explicit: 内资到位资金 + 实际使用外资 × 7.1（汇率：1美元=7.1元人民币）.
 * Without an exchange rate, operandText.
 */
export function totalText(
  formula: FormulaDef & { kind: 'total' },
  nameOf: (code: string) => string,
  selfMeasure: string,
  measureOf: (code: string) => string | undefined,
): string {
  if (formula.exchangeRate === undefined) return operandText(formula, nameOf);
  const rate = formula.exchangeRate;
  const term = (code: string) => {
    const f = conversionFactor(formula, selfMeasure, measureOf(code));
    if (f.eq(1)) return nameOf(code);
    return currencyOfMeasure(selfMeasure) === 'CNY'
      ? `${nameOf(code)} × ${rate}`
      : `${nameOf(code)} ÷ ${rate}`;
  };
  const add = formula.add.map(term).join(' + ');
  const subtract = (formula.subtract ?? []).map((code) => ` − ${term(code)}`).join('');
  return `${add}${subtract}（${exchangeRateWords(rate)}）`;
}

/** The rate in words, for the formula text and the 通报: 汇率：1美元=7.1元人民币. */
export function exchangeRateWords(rate: string): string {
  return `汇率：1美元=${new Dec(rate).toFixed()}元人民币`;
}

/** An operand in words: 新建项目 + 续建项目 − 终止项目. */
export function operandText(operand: FormulaOperand, nameOf: (code: string) => string): string {
  if (typeof operand === 'string') return nameOf(operand);
  const add = operand.add.map(nameOf).join(' + ');
  const subtract = (operand.subtract ?? []).map((code) => ` − ${nameOf(code)}`).join('');
  return `${add}${subtract}`;
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
