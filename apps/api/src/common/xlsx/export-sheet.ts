import { Dec, WAN_PER_YI } from '@pacer/shared';
import type { Workbook, Worksheet } from 'exceljs';

import { columnLetter, FORMAT, newWorkbook } from './workbook';

export interface ExportColumn {
  header: string;
  width?: number;
  numFmt?: string;
}

export type ExportCell = string | number | Date | null;

/**
 * One table as a real .xlsx: a title row (plan, month, unit of amounts), the header row frozen with an autofilter,
 * numbers stored as numbers with their number format (亿元 with two decimals, percentages, counts).
 */
export function buildTable(
  sheetName: string,
  title: string,
  columns: ExportColumn[],
  rows: ExportCell[][],
): Workbook {
  const workbook = newWorkbook();
  addTable(workbook, sheetName, title, columns, rows);
  return workbook;
}

/** buildTable's sheet, added to a workbook of several (the 通报's appendix). `xSplit` freezes leading columns too. */
export function addTable(
  workbook: Workbook,
  sheetName: string,
  title: string,
  columns: ExportColumn[],
  rows: ExportCell[][],
  options: { xSplit?: number } = {},
): Worksheet {
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 2, ...(options.xSplit ? { xSplit: options.xSplit } : {}) }],
  });
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2));
    if (c.numFmt) column.numFmt = c.numFmt;
  });
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.font = { bold: true, size: 14 };
  titleRow.height = 24;
  if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.numFmt = 'General';
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  header.height = 30;
  for (const values of rows) sheet.addRow(values);
  sheet.autoFilter = { from: 'A2', to: `${columnLetter(Math.max(1, columns.length))}2` };
  return sheet;
}

/** 万元 text → 亿元 as a number for the cell (the 2-decimal display is the cell's number format). */
export function yi(wan: string | null | undefined): number | null {
  return wan === null || wan === undefined ? null : new Dec(wan).div(WAN_PER_YI).toNumber();
}

/** A decimal string as a number (counts, fractions for % cells). */
export function num(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : new Dec(value).toNumber();
}

export function date(value: string | null | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}

/** The cell of an indicator value: amounts in 亿元, counts as they are, ratios as fractions shown as %. */
export function indicatorCell(kind: string, value: string | null | undefined): number | null {
  return kind === 'amount' ? yi(value) : num(value);
}

export function indicatorFormat(kind: string): string {
  return kind === 'amount' ? FORMAT.yi : kind === 'ratio' ? FORMAT.percent : FORMAT.count;
}

export function indicatorUnit(kind: string, measure: string): string {
  return kind === 'amount' ? '亿元' : kind === 'ratio' ? '%' : measure;
}
