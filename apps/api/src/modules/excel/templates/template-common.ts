import type { DataValidation, Workbook, Worksheet } from 'exceljs';

import { CODE_SHEET, INSTRUCTIONS_SHEET, META_KEY_COLUMN } from '../parsers/sheet-reader';

/** Rows below the data that still carry the drop-down lists (room for units or projects the clerk adds). */
export const SPARE_ROWS = 500;

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const REQUIRED_FONT = { bold: true, color: { argb: 'FFC00000' } } as const;

/** The first sheet: what the template is for and how to fill it, in Chinese. */
export function addInstructions(workbook: Workbook, title: string, lines: string[]): Worksheet {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF70AD47' } } });
  sheet.getColumn(1).width = 110;
  const head = sheet.addRow([title]);
  head.font = { bold: true, size: 14 };
  sheet.addRow([]);
  lines.forEach((line, i) => {
    const row = sheet.addRow([`${i + 1}. ${line}`]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return sheet;
}

export interface CodeLists {
  [title: string]: string[];
}

/**
 * The hidden code sheet: one column per drop-down list (Excel limits a literal list to 255 characters, so the lists
 * live here and the validations reference them), plus the template's meta keys in columns H:I.
 * Returns each list's absolute reference, e.g. 代码表!$A$2:$A$26.
 */
export function addCodeSheet(
  workbook: Workbook,
  lists: CodeLists,
  meta: Record<string, string>,
): Map<string, string> {
  const sheet = workbook.addWorksheet(CODE_SHEET, { state: 'hidden' });
  const refs = new Map<string, string>();
  Object.entries(lists).forEach(([title, values], i) => {
    const col = i + 1;
    const letter = String.fromCharCode(64 + col);
    sheet.getCell(1, col).value = title;
    values.forEach((v, j) => {
      sheet.getCell(j + 2, col).value = v;
    });
    sheet.getColumn(col).width = 24;
    refs.set(title, `${CODE_SHEET}!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`);
  });
  Object.entries(meta).forEach(([key, value], j) => {
    sheet.getCell(j + 1, META_KEY_COLUMN).value = key;
    sheet.getCell(j + 1, META_KEY_COLUMN + 1).value = value;
  });
  return refs;
}

export interface DataColumn {
  header: string;
  width: number;
  isRequired?: boolean;
  /** Excel number format of the column's cells. */
  numFmt?: string;
}

/** The data sheet: a bold header row (required headers in red), frozen, with widths and number formats. */
export function addDataSheet(workbook: Workbook, name: string, columns: DataColumn[]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  const header = sheet.getRow(1);
  header.height = 30;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = c.isRequired ? REQUIRED_FONT : { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.numFmt = 'General';
  });
  return sheet;
}

/** exceljs keeps range validations on the sheet (its typings only know the per-cell form). */
function validations(sheet: Worksheet): { add(range: string, validation: DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } })
    .dataValidations;
}

/** A drop-down list over a column's data rows (rows 2 … last). */
export function listValidation(
  sheet: Worksheet,
  column: string,
  lastRow: number,
  ref: string,
  what: string,
): void {
  validations(sheet).add(`${column}2:${column}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [ref],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '输入有误',
    error: `请从下拉列表中选择${what}`,
  });
}

/** A non-negative decimal over a column's data rows. */
export function decimalValidation(sheet: Worksheet, column: string, lastRow: number): void {
  validations(sheet).add(`${column}2:${column}${lastRow}`, {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorTitle: '输入有误',
    error: '请填写不小于 0 的数值',
  });
}

/** A date column (real dates, shown as yyyy-mm-dd). */
export function dateValidation(sheet: Worksheet, column: string, lastRow: number): void {
  validations(sheet).add(`${column}2:${column}${lastRow}`, {
    type: 'date',
    operator: 'greaterThan',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    showErrorMessage: true,
    errorTitle: '输入有误',
    error: '请填写日期，如 2026-03-18',
  });
}
