import { Injectable } from '@nestjs/common';
import {
  businessMonth,
  type ImportPreviewRow,
  type IndicatorRow,
  isEditableReportStatus,
  monthLabelZh,
  type ReportValue,
  type ReportValueInput,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { Clock } from '../../../common/clock/clock.service';
import { PlansService } from '../../plans/plans.service';
import { ReportsBatchService, type ReportState } from '../../reports/reports-batch.service';
import { importStale } from '../excel.errors';
import {
  emptySummary,
  type ImportCheck,
  type ImportContext,
  type ImportKindHandler,
  resolveUnit,
  UnitLookup,
} from './import-kind';
import {
  cellText,
  columnLetter,
  dataRows,
  dataSheet,
  headerCells,
  normaliseHeader,
  ProblemList,
  readDecimal,
  type WorkbookCells,
} from './sheet-reader';
import { indicatorHeader, UNIT_CODE_HEADER, UNIT_HEADER } from './targets.import';

export const REPORTS_SHEET = '月度数据';
export const REPORT_TEXT_HEADERS = {
  progressText: '工作进展',
  problemsText: '存在问题',
  nextPlanText: '下步计划',
} as const;
export const REPORT_STATUS_HEADER = '月报状态';
type TextKey = keyof typeof REPORT_TEXT_HEADERS;
const MAX_TEXT = 5000;

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  returned: '已退回',
};

export interface ReportImportRow {
  row: number;
  unitId: number;
  unitName: string;
  /** `value` (the month's figure) or, for an indicator entered year-to-date, `ytd` (the 累计). */
  values: Array<{ indicatorId: number; value?: string; ytd?: string; column: string }>;
  texts: Partial<Record<TextKey, string>>;
}

interface ReportChange {
  row: ReportImportRow;
  existing: ReportState | null;
  values: ReportValue[];
}

/**
 * A reported indicator's column: its name and unit; one entered year-to-date says 累计 (the cell is the year's
 * 累计, and Pacer derives the month's increment, docs/scoring.md §10).
 */
export function reportHeader(
  indicator: Pick<IndicatorRow, 'name' | 'kind' | 'measure' | 'entryMode'>,
): string {
  return indicator.entryMode === 'ytd'
    ? indicatorHeader({ ...indicator, name: `${indicator.name}累计` })
    : indicatorHeader(indicator);
}

/** The reported indicators of a plan, in order. */
export function reportedIndicators(indicators: IndicatorRow[]): IndicatorRow[] {
  return indicators.filter((i) => i.source === 'reported');
}

/**
 * A month's figures for every unit (a clerk types the paper reports once): one row per reporting unit, one column
 * per reported indicator and the three texts. A blank cell keeps what the report has; a unit without a report for
 * the month gets its draft. Only drafts and returned reports may change.
 */
@Injectable()
export class ReportsImport implements ImportKindHandler<ReportImportRow, ReportChange[]> {
  readonly kind = 'reports' as const;
  readonly sheetName = REPORTS_SHEET;

  constructor(
    private readonly reports: ReportsBatchService,
    private readonly clock: Clock,
    private readonly plans: PlansService,
  ) {}

  parse(ctx: ImportContext, workbook: WorkbookCells) {
    const problems = new ProblemList(REPORTS_SHEET);
    const sheet = dataSheet(workbook, REPORTS_SHEET, problems);
    if (!sheet) return { rows: [], problems: problems.items };
    const indicators = reportedIndicators(ctx.indicators);
    const byHeader = new Map<string, IndicatorRow>();
    for (const i of indicators) {
      byHeader.set(normaliseHeader(reportHeader(i)), i);
      byHeader.set(normaliseHeader(i.name), i);
    }
    const textByHeader = new Map(
      Object.entries(REPORT_TEXT_HEADERS).map(([k, h]) => [normaliseHeader(h), k as TextKey]),
    );
    let unitCol = 0;
    const indicatorCols: Array<[number, IndicatorRow]> = [];
    const textCols: Array<[number, TextKey]> = [];
    for (const [col, text] of headerCells(sheet)) {
      const h = normaliseHeader(text);
      if (h === normaliseHeader(UNIT_HEADER)) unitCol = col;
      else if (h === normaliseHeader(UNIT_CODE_HEADER) || h === normaliseHeader(REPORT_STATUS_HEADER))
        continue;
      else if (byHeader.has(h)) indicatorCols.push([col, byHeader.get(h)!]);
      else if (textByHeader.has(h)) textCols.push([col, textByHeader.get(h)!]);
      else
        problems.add(
          1,
          columnLetter(col),
          text,
          `“${text}”不是本计划需填报的指标`,
          `"${text}" is not a reported indicator`,
        );
    }
    if (!unitCol) {
      problems.add(
        1,
        null,
        UNIT_HEADER,
        `缺少列“${UNIT_HEADER}”，请使用系统下载的模板`,
        `missing column "${UNIT_HEADER}"`,
      );
      return { rows: [], problems: problems.items };
    }
    const lookup = new UnitLookup(ctx.units);
    const scope = ctx.principal.scopeUnitIds;
    const seen = new Map<number, number>();
    const rows: ReportImportRow[] = [];
    for (const r of dataRows(sheet)) {
      const letter = columnLetter(unitCol);
      const unit = resolveUnit(
        lookup,
        cellText(r.get(unitCol)),
        { problems, row: r.row, column: letter, field: UNIT_HEADER },
        {
          scope,
          // the root reports only when the plan says so (县本级, issue 14 point 11)
          allow: (u) =>
            u.depth === 0 && ctx.plan.ownFigures !== 'root' ? `“${u.name}”是计划的根单位，不填报月报` : null,
        },
      );
      if (unit) {
        const first = seen.get(unit.id);
        if (first !== undefined) {
          problems.add(
            r.row,
            letter,
            UNIT_HEADER,
            `单位“${unit.name}”重复（与第${first}行相同）`,
            `the unit repeats row ${first}`,
          );
          continue;
        }
        seen.set(unit.id, r.row);
      }
      const item: ReportImportRow = {
        row: r.row,
        unitId: unit?.id ?? 0,
        unitName: unit?.name ?? '',
        values: [],
        texts: {},
      };
      for (const [col, indicator] of indicatorCols) {
        const raw = r.get(col);
        if (cellText(raw) === null) continue;
        const read = readDecimal(raw, { isPercent: indicator.kind === 'ratio' });
        if ('error' in read)
          problems.add(r.row, columnLetter(col), reportHeader(indicator), read.error[0], read.error[1]);
        else if (indicator.entryMode === 'ytd')
          item.values.push({ indicatorId: indicator.id, ytd: read.value, column: columnLetter(col) });
        else item.values.push({ indicatorId: indicator.id, value: read.value, column: columnLetter(col) });
      }
      for (const [col, textKey] of textCols) {
        const text = cellText(r.get(col));
        if (text === null) continue;
        if (text.length > MAX_TEXT) {
          problems.add(
            r.row,
            columnLetter(col),
            REPORT_TEXT_HEADERS[textKey],
            `不能超过${MAX_TEXT}字`,
            `at most ${MAX_TEXT} characters`,
          );
        } else item.texts[textKey] = text;
      }
      if (unit && (item.values.length > 0 || Object.keys(item.texts).length > 0)) rows.push(item);
    }
    return { rows, problems: problems.items };
  }

  async check(
    manager: EntityManager,
    ctx: ImportContext,
    rows: ReportImportRow[],
  ): Promise<ImportCheck<ReportChange[]>> {
    const problems = new ProblemList(REPORTS_SHEET);
    const summary = emptySummary(rows.length);
    const month = ctx.month!;
    const plan = await this.plans.findById(ctx.plan.id, manager);
    if (!plan || plan.status === 'closed')
      problems.add(1, null, null, '计划已结束，不能再填报', 'the plan is closed');
    if (month > businessMonth(this.clock.now())) {
      problems.add(1, null, null, `${monthLabelZh(month)}尚未到来，不能填报`, 'the month has not begun');
    }
    const reporting = new Set(
      plan
        ? await this.reports.listReportingUnitIds(
            plan,
            rows.map((r) => r.unitId),
            manager,
          )
        : [],
    );
    const allowed = new Set(await this.reports.listReportedIndicatorIds(ctx.plan.id, manager));
    const states = new Map(
      (
        await this.reports.listMonthStates(
          manager,
          ctx.plan.id,
          month,
          rows.map((r) => r.unitId),
        )
      ).map((s) => [s.unitId, s]),
    );
    // each unit's values after the import (a blank cell keeps the report's value), resolved as a save resolves them
    const mergedByUnit = new Map<number, ReportValueInput[]>();
    for (const row of rows) {
      const merged = new Map<number, ReportValueInput>(
        (states.get(row.unitId)?.values ?? []).map((v) => [v.indicatorId, v]),
      );
      for (const v of row.values) {
        const before = merged.get(v.indicatorId);
        merged.set(
          v.indicatorId,
          v.ytd === undefined
            ? { indicatorId: v.indicatorId, value: v.value }
            : // the same 累计 again keeps its correction's reason; a new one is checked afresh
              {
                indicatorId: v.indicatorId,
                ytd: v.ytd,
                correctionReason: before?.ytd === v.ytd ? before.correctionReason : null,
              },
        );
      }
      mergedByUnit.set(row.unitId, [...merged.values()]);
    }
    const resolved = await this.reports.resolveMonthValues(
      manager,
      ctx.plan.id,
      month,
      rows
        .filter((r) => reporting.has(r.unitId))
        .map((r) => ({ unitId: r.unitId, values: mergedByUnit.get(r.unitId)! })),
    );
    const changes: ReportChange[] = [];
    const preview: ImportPreviewRow[] = [];
    for (const row of rows) {
      if (!reporting.has(row.unitId)) {
        problems.add(
          row.row,
          'A',
          UNIT_HEADER,
          `单位“${row.unitName}”已停用或不再是本计划的填报单位`,
          'not a reporting unit',
        );
        continue;
      }
      for (const v of row.values) {
        if (!allowed.has(v.indicatorId))
          problems.add(row.row, v.column, null, '该指标已不需填报', 'no longer a reported indicator');
      }
      const existing = states.get(row.unitId) ?? null;
      const merged = mergedByUnit.get(row.unitId)!;
      const { values, invalid, corrections } = resolved.get(row.unitId)!;
      const refusals = [...invalid, ...corrections];
      for (const detail of refusals) {
        // `values.N.…` names the unit's merged list: the column of that indicator when this row has it
        const indicatorId = merged[Number(detail.field.split('.')[1])]?.indicatorId;
        const column = row.values.find((v) => v.indicatorId === indicatorId)?.column ?? 'A';
        problems.add(
          row.row,
          column,
          null,
          corrections.includes(detail)
            ? `${detail.message}（更正请在“月度填报”中填写更正原因）`
            : detail.message,
          detail.messageEn,
        );
      }
      if (refusals.length > 0) continue;
      const isSame =
        existing !== null &&
        row.values.every((v) =>
          existing.values.some(
            (e) =>
              e.indicatorId === v.indicatorId &&
              (v.ytd === undefined ? e.value === v.value : e.ytd === v.ytd),
          ),
        ) &&
        (Object.keys(row.texts) as TextKey[]).every((k) => existing[k] === row.texts[k]);
      const action = existing === null ? 'create' : isSame ? 'unchanged' : 'update';
      if (action === 'update' && !isEditableReportStatus(existing!.status)) {
        problems.add(
          row.row,
          'A',
          UNIT_HEADER,
          `${row.unitName}${monthLabelZh(month)}月报${STATUS_LABELS[existing!.status]}，不能通过导入修改${existing!.status === 'approved' ? '（需管理员解锁）' : ''}`,
          `the report is ${existing!.status} and cannot change`,
        );
        continue;
      }
      summary[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'] += 1;
      preview.push({
        row: row.row,
        action,
        label: `${row.unitName} · ${monthLabelZh(month)}`,
        values: Object.fromEntries([
          ...row.values.map((v) => [String(v.indicatorId), (v.ytd ?? v.value)!] as const),
          ...Object.entries(row.texts),
        ]),
      });
      if (action !== 'unchanged') changes.push({ row, existing, values });
    }
    return { problems: problems.items, summary, preview, work: changes };
  }

  async write(manager: EntityManager, ctx: ImportContext, changes: ReportChange[]): Promise<void> {
    // the reports module writes: drafts as the API creates them, content as the API saves it
    await this.reports.writeMonth(
      manager,
      ctx.actor,
      {
        planId: ctx.plan.id,
        month: ctx.month!,
        rows: changes.map((c) => ({
          unitId: c.row.unitId,
          existing: c.existing,
          texts: c.row.texts,
          values: c.values,
        })),
      },
      { stale: importStale, detail: { importBatchId: ctx.batchId } },
    );
  }
}
