import { Injectable } from '@nestjs/common';
import {
  type CreateLeadRequest,
  type ImportPreviewRow,
  isValidCreditCode,
  LEAD_SOURCE_LABELS,
  type LeadSource,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { LeadsService } from '../../leads/leads.service';
import { emptySummary, type ImportCheck, type ImportContext, type ImportKindHandler, resolveUnit, UnitLookup } from './import-kind';
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

// 线索 from Excel (issue 17): each row a new lead of a unit in the caller's scope, registered as the form registers
// it (LeadsService.createBatch); a row whose unit + 线索名称 + 企业名称 already has a lead is left unchanged, so an
// edited sheet uploaded again adds only its new rows. Status changes and follow-ups are made on the lead's page.

export const LEADS_SHEET = '线索';

export const LEAD_COLUMNS = [
  { key: 'unit', header: '所属单位', isRequired: true, width: 18 },
  { key: 'title', header: '线索名称', isRequired: true, width: 34 },
  { key: 'investor', header: '企业名称', isRequired: true, width: 30 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'owner', header: '负责人', isRequired: true, width: 12 },
  { key: 'source', header: '线索来源', isRequired: true, width: 14 },
  { key: 'amount', header: '意向投资额（万元）', width: 16 },
  { key: 'foundOn', header: '获取日期', width: 12 },
  { key: 'nextStep', header: '下一步工作', width: 28 },
  { key: 'nextStepDue', header: '下一步期限', width: 12 },
  { key: 'description', header: '线索描述', width: 36 },
] as const satisfies ReadonlyArray<HeaderSpec<string> & { width: number }>;
export type LeadColumnKey = (typeof LEAD_COLUMNS)[number]['key'];
export const LEAD_HEADER_OF = Object.fromEntries(LEAD_COLUMNS.map((c) => [c.key, c.header])) as Record<LeadColumnKey, string>;

const SOURCES = new Map<string, LeadSource>(
  Object.entries(LEAD_SOURCE_LABELS).flatMap(([k, v]) => [
    [v, k as LeadSource],
    [k, k as LeadSource],
  ]),
);

export interface LeadImportRow {
  row: number;
  columns: Partial<Record<LeadColumnKey, string>>;
  unitId: number;
  unitName: string;
  title: string;
  investorName: string;
  creditCode: string | null;
  ownerName: string;
  source: LeadSource;
  intendedInvestmentWan: string | null;
  foundOn: string;
  nextStep: string | null;
  nextStepDue: string | null;
  description: string | null;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const keyOf = (unitId: number, title: string, investor: string) => `${unitId}\u0000${squash(title)}\u0000${squash(investor).toLowerCase()}`;

export function parseLeadSheet(ctx: ImportContext, workbook: WorkbookCells): { rows: LeadImportRow[]; problems: ProblemList['items'] } {
  const problems = new ProblemList(LEADS_SHEET);
  const sheet = dataSheet(workbook, LEADS_SHEET, problems);
  if (!sheet) return { rows: [], problems: problems.items };
  const cols = headerColumns(sheet, LEAD_COLUMNS, problems);
  if (problems.items.length > 0) return { rows: [], problems: problems.items };
  const lookup = new UnitLookup(ctx.units);
  const firstRowOf = new Map<string, number>();
  const rows: LeadImportRow[] = [];
  for (const r of dataRows(sheet)) {
    const before = problems.items.length;
    const columns: LeadImportRow['columns'] = {};
    const text = (k: LeadColumnKey) => {
      const col = cols.get(k);
      if (!col) return null;
      columns[k] = columnLetter(col);
      return cellText(r.get(col));
    };
    const raw = (k: LeadColumnKey) => (cols.get(k) ? r.get(cols.get(k)!) : null);
    const bad = (k: LeadColumnKey, zh: string, en: string) => problems.add(r.row, columns[k] ?? null, LEAD_HEADER_OF[k], zh, en);
    const required = (k: LeadColumnKey, max: number): string => {
      const value = text(k);
      if (value === null) bad(k, '不能为空', 'is required');
      else if (value.length > max) bad(k, `不能超过${max}字`, `at most ${max} characters`);
      return value ?? '';
    };
    const optional = (k: LeadColumnKey, max: number): string | null => {
      const value = text(k);
      if (value !== null && value.length > max) bad(k, `不能超过${max}字`, `at most ${max} characters`);
      return value;
    };
    const date = (k: LeadColumnKey, mayBeFuture: boolean): string | null => {
      if (text(k) === null) return null;
      const d = readDate(raw(k));
      if ('error' in d) {
        bad(k, d.error[0], d.error[1]);
        return null;
      }
      if (!mayBeFuture && d.value > ctx.today) bad(k, `日期 ${d.value} 晚于今天`, 'the date is in the future');
      return d.value;
    };
    const unit = resolveUnit(
      lookup,
      text('unit'),
      { problems, row: r.row, column: columns.unit ?? 'A', field: LEAD_HEADER_OF.unit },
      { scope: ctx.principal.scopeUnitIds },
    );
    const item: LeadImportRow = {
      row: r.row,
      columns,
      unitId: unit?.id ?? 0,
      unitName: unit?.name ?? '',
      title: required('title', 200),
      investorName: required('investor', 200),
      creditCode: null,
      ownerName: required('owner', 50),
      source: 'other',
      intendedInvestmentWan: null,
      foundOn: ctx.today,
      nextStep: optional('nextStep', 500),
      nextStepDue: null,
      description: optional('description', 2000),
    };
    const code = text('creditCode');
    if (code !== null) {
      if (isValidCreditCode(code.toUpperCase())) item.creditCode = code.toUpperCase();
      else bad('creditCode', '统一社会信用代码格式或校验位不正确', 'not a valid 统一社会信用代码');
    }
    const source = text('source');
    if (source === null) bad('source', '不能为空', 'is required');
    else if (!SOURCES.has(source)) bad('source', `“${source.slice(0, 20)}”不是有效的线索来源，请从下拉列表选择`, 'not a valid source');
    else item.source = SOURCES.get(source)!;
    if (text('amount') !== null) {
      const amount = readDecimal(raw('amount'));
      if ('error' in amount) bad('amount', amount.error[0], amount.error[1]);
      else item.intendedInvestmentWan = amount.value;
    }
    item.foundOn = date('foundOn', false) ?? ctx.today;
    item.nextStepDue = date('nextStepDue', true);
    if (item.nextStepDue && !item.nextStep) bad('nextStep', '填写了下一步期限，请填写下一步工作', 'a due date needs the next step');
    if (unit && item.title && item.investorName) {
      const key = keyOf(unit.id, item.title, item.investorName);
      const first = firstRowOf.get(key);
      if (first !== undefined) bad('title', `与第${first}行重复（单位、线索名称、企业名称均相同）`, `duplicates row ${first}`);
      else firstRowOf.set(key, r.row);
    }
    if (problems.items.length === before && unit) rows.push(item);
  }
  return { rows, problems: problems.items };
}

/** The leads sheet: new rows are registered through LeadsService (one write path), known ones left unchanged. */
@Injectable()
export class LeadsImport implements ImportKindHandler<LeadImportRow, LeadImportRow[]> {
  readonly kind = 'leads' as const;
  readonly sheetName = LEADS_SHEET;

  constructor(private readonly leads: LeadsService) {}

  parse(ctx: ImportContext, workbook: WorkbookCells) {
    return parseLeadSheet(ctx, workbook);
  }

  async check(manager: EntityManager, ctx: ImportContext, rows: LeadImportRow[]): Promise<ImportCheck<LeadImportRow[]>> {
    const problems = new ProblemList(LEADS_SHEET);
    const summary = emptySummary(rows.length);
    const units = new Map(ctx.units.map((u) => [u.id, u]));
    const known = new Set(
      (await this.leads.existingKeys(manager, rows)).map((k) => keyOf(k.unitId, k.title, k.investorName)),
    );
    const work: LeadImportRow[] = [];
    const preview: ImportPreviewRow[] = [];
    for (const row of rows) {
      if (!units.get(row.unitId)?.isActive) {
        problems.add(row.row, row.columns.unit ?? null, LEAD_HEADER_OF.unit, `单位“${row.unitName}”已停用`, 'the unit is inactive');
        continue;
      }
      const isKnown = known.has(keyOf(row.unitId, row.title, row.investorName));
      summary[isKnown ? 'unchanged' : 'created'] += 1;
      preview.push({
        row: row.row,
        action: isKnown ? 'unchanged' : 'create',
        label: `${row.unitName} · ${row.title}`,
        values: {
          investorName: row.investorName,
          intendedInvestmentWan: row.intendedInvestmentWan,
          source: LEAD_SOURCE_LABELS[row.source],
          ownerName: row.ownerName,
        },
      });
      if (!isKnown) work.push(row);
    }
    return { problems: problems.items, summary, preview, work };
  }

  async write(manager: EntityManager, ctx: ImportContext, rows: LeadImportRow[]): Promise<void> {
    const request = (r: LeadImportRow): CreateLeadRequest => ({
      title: r.title,
      unitId: r.unitId,
      ownerName: r.ownerName,
      investor: { name: r.investorName, creditCode: r.creditCode },
      intendedInvestmentWan: r.intendedInvestmentWan,
      source: r.source,
      foundOn: r.foundOn,
      description: r.description,
      nextStep: r.nextStep,
      nextStepDue: r.nextStep ? r.nextStepDue : null,
    });
    await this.leads.createBatch(
      manager,
      ctx.actor,
      rows.map((r) => ({ request: request(r), detail: { importBatchId: ctx.batchId, row: r.row } })),
    );
    await ctx.onProgress?.(rows.length);
  }
}
