import { Injectable } from '@nestjs/common';
import { type ImportPreviewRow, type IndicatorRow, PlanStatus, validateTargetValue } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { scopeParam } from '../../../common/auth/principal';
import { TargetsService, type TargetValueRow } from '../../targets/targets.service';
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

export const TARGETS_SHEET = '目标任务';
export const UNIT_HEADER = '单位名称';
export const UNIT_CODE_HEADER = '单位编码';

/** The header of an indicator column: name and the unit the value is typed in. */
export function indicatorHeader(indicator: Pick<IndicatorRow, 'name' | 'kind' | 'measure'>): string {
  // amounts in 万元 whatever their display measure; 万美元 stays 万美元 (never converted, issue 16 rule 12)
  const unit =
    indicator.kind === 'amount'
      ? indicator.measure === '万美元'
        ? '万美元'
        : '万元'
      : indicator.kind === 'ratio'
        ? '%'
        : indicator.measure;
  return `${indicator.name}（${unit}）`;
}

/** One target cell of the sheet. */
export interface TargetImportRow {
  row: number;
  column: string;
  unitId: number;
  unitName: string;
  indicatorId: number;
  indicatorName: string;
  value: string;
  /**
   * The target's version when the preview read it (null: no target then), stamped by the preview's check; the commit
   * writes only where it is still that version (REL-1). Absent in rows not yet checked.
   */
  baseVersion?: number | null;
}

interface TargetsWork {
  rows: TargetImportRow[];
  before: TargetValueRow[];
}

const key = (unitId: number, indicatorId: number) => `${unitId}:${indicatorId}`;

/** The targets grid: one row per unit, one column per indicator; a blank cell leaves the target as it is. */
@Injectable()
export class TargetsImport implements ImportKindHandler<TargetImportRow, TargetsWork> {
  readonly kind = 'targets' as const;
  readonly sheetName = TARGETS_SHEET;

  constructor(private readonly targets: TargetsService) {}

  parse(ctx: ImportContext, workbook: WorkbookCells) {
    const problems = new ProblemList(TARGETS_SHEET);
    const sheet = dataSheet(workbook, TARGETS_SHEET, problems);
    if (!sheet) return { rows: [], problems: problems.items };
    const byHeader = new Map<string, IndicatorRow>();
    for (const i of ctx.indicators) {
      byHeader.set(normaliseHeader(indicatorHeader(i)), i);
      byHeader.set(normaliseHeader(i.name), i);
      byHeader.set(normaliseHeader(i.code), i);
    }
    let unitCol = 0;
    let codeCol = 0;
    const indicatorCols: Array<[number, IndicatorRow]> = [];
    for (const [col, text] of headerCells(sheet)) {
      const h = normaliseHeader(text);
      if (h === normaliseHeader(UNIT_HEADER)) unitCol = col;
      else if (h === normaliseHeader(UNIT_CODE_HEADER)) codeCol = col;
      else if (byHeader.has(h)) indicatorCols.push([col, byHeader.get(h)!]);
      else
        problems.add(
          1,
          columnLetter(col),
          text,
          `“${text}”不是本计划的指标`,
          `"${text}" is not an indicator of this plan`,
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
    const seen = new Map<number, number>();
    const rows: TargetImportRow[] = [];
    for (const r of dataRows(sheet)) {
      const unitLetter = columnLetter(unitCol);
      const unit = resolveUnit(
        lookup,
        cellText(r.get(unitCol)),
        { problems, row: r.row, column: unitLetter, field: UNIT_HEADER },
        { scope: null },
      );
      if (unit && codeCol) {
        const code = cellText(r.get(codeCol));
        if (code !== null && code !== unit.code) {
          problems.add(
            r.row,
            columnLetter(codeCol),
            UNIT_CODE_HEADER,
            `单位编码“${code}”与单位“${unit.name}”不符`,
            'the code does not match the unit',
          );
        }
      }
      if (unit) {
        const first = seen.get(unit.id);
        if (first !== undefined) {
          problems.add(
            r.row,
            unitLetter,
            UNIT_HEADER,
            `单位“${unit.name}”重复（与第${first}行相同）`,
            `the unit repeats row ${first}`,
          );
          continue;
        }
        seen.set(unit.id, r.row);
      }
      for (const [col, indicator] of indicatorCols) {
        const raw = r.get(col);
        if (cellText(raw) === null) continue;
        const letter = columnLetter(col);
        const header = indicatorHeader(indicator);
        const read = readDecimal(raw, { isPercent: indicator.kind === 'ratio' });
        if ('error' in read) {
          problems.add(r.row, letter, header, read.error[0], read.error[1]);
          continue;
        }
        const issue = validateTargetValue(indicator.kind, read.value)[0];
        if (issue) {
          problems.add(r.row, letter, header, issue.message.replace(/^value：/, ''), issue.messageEn);
          continue;
        }
        if (unit) {
          rows.push({
            row: r.row,
            column: letter,
            unitId: unit.id,
            unitName: unit.name,
            indicatorId: indicator.id,
            indicatorName: indicator.name,
            value: read.value,
          });
        }
      }
    }
    return { rows, problems: problems.items };
  }

  async check(
    manager: EntityManager,
    ctx: ImportContext,
    rows: TargetImportRow[],
  ): Promise<ImportCheck<TargetsWork>> {
    const problems = new ProblemList(TARGETS_SHEET);
    const summary = emptySummary(rows.length);
    const locked = await this.targets.lockForBatch(
      manager,
      ctx.plan.id,
      ctx.plan.rootUnitId,
      scopeParam(ctx.principal),
      rows,
    );
    const { plan, indicatorKinds: kinds, existing } = locked;
    if (!plan || plan.status === PlanStatus.Closed) {
      problems.add(1, null, null, '该计划已关闭，不能再修改目标', 'the plan is closed');
    }
    const states = new Map(locked.units.map((u) => [u.unitId, u]));
    for (const r of rows) {
      const state = states.get(r.unitId);
      if (!state?.isInTree || !state.isActive) {
        problems.add(
          r.row,
          'A',
          UNIT_HEADER,
          `单位“${r.unitName}”已不在本计划的考核范围内或已停用`,
          'the unit is no longer usable',
        );
      }
      if (!kinds.has(r.indicatorId)) {
        problems.add(
          r.row,
          r.column,
          r.indicatorName,
          `指标“${r.indicatorName}”已被删除`,
          'the indicator no longer exists',
        );
      }
    }
    const stored = new Map(existing.map((e) => [key(e.unitId, e.indicatorId), e]));
    const preview: ImportPreviewRow[] = [];
    for (const r of rows) {
      const before = stored.get(key(r.unitId, r.indicatorId))?.value;
      const action = before === undefined ? 'create' : before === r.value ? 'unchanged' : 'update';
      summary[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'] += 1;
      preview.push({
        row: r.row,
        action,
        label: `${r.unitName} · ${r.indicatorName}`,
        values: { value: r.value, before: before ?? null },
      });
    }
    // the preview stores the rows with the versions read here; the commit (ctx.batchId set) keeps the preview's
    const isPreview = ctx.batchId === undefined;
    const checked = isPreview
      ? rows.map((r) => ({ ...r, baseVersion: stored.get(key(r.unitId, r.indicatorId))?.version ?? null }))
      : rows;
    return {
      problems: problems.items,
      summary,
      preview,
      work: { rows: checked, before: existing },
      rows: checked,
    };
  }

  async write(manager: EntityManager, ctx: ImportContext, work: TargetsWork): Promise<void> {
    // the targets module writes and audits, as for PUT /plans/:id/targets. A row without a stamped version comes from
    // a batch previewed before versions were kept: it conflicts (re-upload), rather than overwrite blindly
    const cell = (i: number) => work.rows[i]!;
    await this.targets.writeBatch(manager, ctx.actor, ctx.plan.id, {
      rows: work.rows.map((r) => ({
        unitId: r.unitId,
        indicatorId: r.indicatorId,
        value: r.value,
        version: r.baseVersion === undefined ? 0 : r.baseVersion,
      })),
      existing: work.before,
      describe: (_row, i) => ({
        field: `${TARGETS_SHEET}!${cell(i).column}${cell(i).row}`,
        label: `${cell(i).unitName} · ${cell(i).indicatorName}（第${cell(i).row}行）`,
      }),
      retry: ['请重新上传文件，核对新的预览后再导入', 'upload the file again and check the new preview'],
      detail: { importBatchId: ctx.batchId },
    });
  }
}
