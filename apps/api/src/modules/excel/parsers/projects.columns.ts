import {
  FORTUNE500_LABELS,
  type Fortune500Kind,
  INVESTOR_ORIGIN_LABELS,
  type InvestorOrigin,
  isValidCreditCode,
  type ProjectStage,
} from '@pacer/shared';

import { type ImportContext, resolveUnit, UnitLookup } from './import-kind';
import {
  cellText,
  columnLetter,
  dataRows,
  dataSheet,
  type HeaderSpec,
  headerColumns,
  ProblemList,
  readDate,
  readDecimal,
  type WorkbookCells,
} from './sheet-reader';

export const PROJECTS_SHEET = '项目台账';

export const STAGE_LABELS: Record<ProjectStage, string> = {
  lead: '线索',
  negotiating: '洽谈',
  signed: '签约',
  started: '开工',
  producing: '投产',
  dropped: '终止',
};
export const NOT_FORTUNE500 = '非500强';
export const YES_NO = ['是', '否'] as const;

/** The dated events a row may carry, in the order they happen. */
export const DATE_KEYS = ['signed', 'started', 'producing', 'registered', 'dropped'] as const;
export type DateKey = (typeof DATE_KEYS)[number];

export const PROJECT_COLUMNS = [
  { key: 'unit', header: '责任单位', isRequired: true, width: 18 },
  { key: 'name', header: '项目名称', isRequired: true, width: 32 },
  { key: 'investor', header: '投资方', isRequired: true, width: 30 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'origin', header: '投资方来源', isRequired: true, width: 12 },
  { key: 'chain', header: '产业链', width: 14 },
  { key: 'amount', header: '协议投资额（万元）', isRequired: true, width: 16 },
  { key: 'fortune500', header: '500强类型', width: 18 },
  { key: 'chainLeader', header: '链主企业', width: 10 },
  { key: 'specialized', header: '专精特新', width: 10 },
  { key: 'stage', header: '当前阶段', width: 10 },
  { key: 'signed', header: '签约日期', width: 12 },
  { key: 'started', header: '开工日期', width: 12 },
  { key: 'producing', header: '投产日期', width: 12 },
  { key: 'registered', header: '入库日期', width: 12 },
  { key: 'dropped', header: '终止日期', width: 12 },
  { key: 'description', header: '项目简介', width: 36 },
  { key: 'contact', header: '联系人', width: 18 },
] as const satisfies ReadonlyArray<HeaderSpec<string> & { width: number }>;
export type ProjectColumnKey = (typeof PROJECT_COLUMNS)[number]['key'];
export const HEADER_OF = Object.fromEntries(PROJECT_COLUMNS.map((c) => [c.key, c.header])) as Record<
  ProjectColumnKey,
  string
>;

/** A ledger row, normalised. `undefined` = the cell was blank (a new project takes the default, an existing one keeps its value). */
export interface ProjectImportRow {
  row: number;
  /** Column letter of each key, for problems found later. */
  columns: Partial<Record<ProjectColumnKey, string>>;
  unitId: number;
  unitName: string;
  name: string;
  investorName: string;
  investorCreditCode?: string;
  origin?: InvestorOrigin;
  industryChain?: string;
  agreedInvestmentWan?: string;
  fortune500Kind?: Fortune500Kind | null;
  isChainLeader?: boolean;
  isSpecialized?: boolean;
  stage?: ProjectStage;
  dates: Partial<Record<DateKey, string>>;
  description?: string;
  contact?: string;
}

const invert = <T extends string>(labels: Record<T, string>) =>
  new Map(
    Object.entries(labels).flatMap(([k, v]) => [
      [v as string, k as T],
      [k, k as T],
    ]),
  );
const ORIGINS = invert(INVESTOR_ORIGIN_LABELS);
const STAGES = invert(STAGE_LABELS);
const FORTUNE = invert(FORTUNE500_LABELS);
const BOOLEAN = new Map<string, boolean>([
  ['是', true],
  ['否', false],
  ['Y', true],
  ['N', false],
  ['true', true],
  ['false', false],
]);

/** Natural key of a project: responsible unit + name + investor (spaces collapsed). */
export function projectKey(unitId: number, name: string, investorName: string): string {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return `${unitId}\u0000${norm(name)}\u0000${norm(investorName)}`;
}

/** Reads the ledger sheet: every cell checked on its own; rows with a problem are left out of the result. */
export function parseProjectSheet(ctx: ImportContext, workbook: WorkbookCells) {
  const problems = new ProblemList(PROJECTS_SHEET);
  const sheet = dataSheet(workbook, PROJECTS_SHEET, problems);
  if (!sheet) return { rows: [] as ProjectImportRow[], problems: problems.items };
  const cols = headerColumns(sheet, PROJECT_COLUMNS, problems);
  if (problems.items.length > 0) return { rows: [], problems: problems.items };
  const lookup = new UnitLookup(ctx.units);
  const chains = new Set(ctx.plan.industryChains);
  const firstRowOf = new Map<string, number>();
  const rows: ProjectImportRow[] = [];

  for (const r of dataRows(sheet)) {
    const before = problems.items.length;
    const columns: ProjectImportRow['columns'] = {};
    const text = (k: ProjectColumnKey) => {
      const col = cols.get(k);
      if (!col) return null;
      columns[k] = columnLetter(col);
      return cellText(r.get(col));
    };
    const raw = (k: ProjectColumnKey) => (cols.get(k) ? r.get(cols.get(k)!) : null);
    const bad = (k: ProjectColumnKey, zh: string, en: string) =>
      problems.add(r.row, columns[k] ?? null, HEADER_OF[k], zh, en);
    const required = (k: ProjectColumnKey, max: number): string => {
      const value = text(k);
      if (value === null) bad(k, '不能为空', 'is required');
      else if (value.length > max) bad(k, `不能超过${max}字`, `at most ${max} characters`);
      return value ?? '';
    };
    const optional = (k: ProjectColumnKey, max: number): string | undefined => {
      const value = text(k);
      if (value !== null && value.length > max) bad(k, `不能超过${max}字`, `at most ${max} characters`);
      return value ?? undefined;
    };
    const choice = <T>(k: ProjectColumnKey, map: Map<string, T>, what: string): T | undefined => {
      const value = text(k);
      if (value === null) return undefined;
      if (!map.has(value))
        bad(k, `“${value.slice(0, 20)}”不是有效的${what}，请从下拉列表选择`, `not a valid ${what}`);
      return map.get(value);
    };

    const unit = resolveUnit(
      lookup,
      text('unit'),
      { problems, row: r.row, column: columns.unit ?? 'A', field: HEADER_OF.unit },
      { scope: ctx.principal.scopeUnitIds },
    );
    const item: ProjectImportRow = {
      row: r.row,
      columns,
      unitId: unit?.id ?? 0,
      unitName: unit?.name ?? '',
      name: required('name', 200),
      investorName: required('investor', 200),
      dates: {},
    };
    const code = text('creditCode');
    if (code !== null) {
      if (isValidCreditCode(code.toUpperCase())) item.investorCreditCode = code.toUpperCase();
      else bad('creditCode', '统一社会信用代码格式或校验位不正确', 'not a valid 统一社会信用代码');
    }
    item.origin = choice('origin', ORIGINS, '投资方来源');
    if (item.origin === undefined && text('origin') === null) bad('origin', '不能为空', 'is required');
    const chain = optional('chain', 50);
    if (chain !== undefined) {
      if (chains.size > 0 && !chains.has(chain))
        bad('chain', `“${chain}”不是本计划的产业链`, 'not an industry chain of the plan');
      else item.industryChain = chain;
    }
    if (text('amount') === null) bad('amount', '不能为空', 'is required');
    else {
      const amount = readDecimal(raw('amount'));
      if ('error' in amount) bad('amount', amount.error[0], amount.error[1]);
      else item.agreedInvestmentWan = amount.value;
    }
    const f500 = text('fortune500');
    if (f500 !== null)
      item.fortune500Kind =
        f500 === NOT_FORTUNE500 || f500 === '否' ? null : choice('fortune500', FORTUNE, '500强类型');
    item.isChainLeader = choice('chainLeader', BOOLEAN, '选项（是/否）');
    item.isSpecialized = choice('specialized', BOOLEAN, '选项（是/否）');
    item.stage = choice('stage', STAGES, '阶段');
    for (const k of DATE_KEYS) {
      if (text(k) === null) continue;
      const date = readDate(raw(k));
      if ('error' in date) bad(k, date.error[0], date.error[1]);
      else if (date.value > ctx.today) bad(k, `日期 ${date.value} 晚于今天`, 'the date is in the future');
      else item.dates[k] = date.value;
    }
    item.description = optional('description', 2000);
    item.contact = optional('contact', 100);

    if (unit && item.name && item.investorName) {
      const key = projectKey(unit.id, item.name, item.investorName);
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        bad('name', `与第${first}行重复（责任单位、项目名称、投资方均相同）`, `duplicates row ${first}`);
      } else firstRowOf.set(key, r.row);
    }
    if (problems.items.length === before && unit) rows.push(item);
  }
  return { rows, problems: problems.items };
}
