import {
  BUSINESS_DATE_MAX,
  BUSINESS_DATE_MIN,
  Dec,
  DECIMAL_STRING_PATTERN,
  type ImportProblem,
  isBusinessDate,
  isIsoDate,
} from '@pacer/shared';
import type { CellValue } from 'exceljs';

export { columnLetter } from '../../../common/xlsx/workbook';

/** A row of an uploaded sheet as the readers see it: cell values by column number (1 = A). */
export interface SheetRowCells {
  getCell(col: number): { value: CellValue };
  /** The cells that hold a value, in column order. */
  eachCell(callback: (cell: { value: CellValue }, col: number) => void): void;
}

/** A sheet of an uploaded workbook: its rows that hold a value. */
export interface SheetCells {
  readonly name: string;
  getRow(n: number): SheetRowCells;
  /** The rows that hold a value, in order. */
  eachRow(callback: (row: SheetRowCells, n: number) => void): void;
}

/** An uploaded workbook as the readers see it (read as a stream: parsers/streamed-workbook.ts). */
export interface WorkbookCells {
  getWorksheet(name: string): SheetCells | undefined;
}

/** Header text compared loosely: no spaces, half-width brackets, no required mark. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/** The text of a cell (rich text and hyperlinks flattened), trimmed; null when blank. */
export function cellText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return cellText(value.richText.map((r) => r.text).join(''));
    }
    if ('text' in value && typeof value.text === 'string') return cellText(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    if ('error' in value) return String(value.error);
  }
  return null;
}

export type Read<T> = { value: T } | { error: [zh: string, en: string] };

/** An exact decimal string from a number cell or a text cell ('12.5', '60%' when percent is allowed). */
export function readDecimal(value: CellValue, options: { isPercent?: boolean } = {}): Read<string> {
  let text: string | null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: ['不是有效数字', 'not a number'] };
    // the shortest text that reads back as the same double: what the clerk typed
    text = new Dec(String(value)).toFixed();
  } else {
    text = cellText(value);
    if (text === null) return { error: ['不能为空', 'is required'] };
    if (options.isPercent && /^-?\d+(\.\d+)?%$/.test(text))
      text = new Dec(text.slice(0, -1)).div(100).toFixed();
  }
  if (/^-\d/.test(text)) return { error: ['不能为负数', 'cannot be negative'] };
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return {
      error: [`“${text.slice(0, 20)}”不是数字（请填写数值，勿带千分位、单位或文字）`, 'not a number'],
    };
  }
  if (!DECIMAL_STRING_PATTERN.test(text)) {
    return { error: ['数值过大或小数超过4位', 'more than 14 integer digits or 4 decimals'] };
  }
  return { value: new Dec(text).toFixed() };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A real date `YYYY-MM-DD` from a date cell, an Excel serial number or text like 2026-03-18, 2026/3/18, 2026年3月18日,
 * inside the business window (VAL-1: 1900-01-01 is a typing error).
 */
export function readDate(value: CellValue): Read<string> {
  const read = readAnyDate(value);
  if ('value' in read && !isBusinessDate(read.value)) {
    return {
      error: [
        `${read.value} 超出允许范围（${BUSINESS_DATE_MIN} 至 ${BUSINESS_DATE_MAX}）`,
        `${read.value} is outside ${BUSINESS_DATE_MIN} … ${BUSINESS_DATE_MAX}`,
      ],
    };
  }
  return read;
}

function readAnyDate(value: CellValue): Read<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: ['不是有效日期', 'not a date'] };
    return { value: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2958466) {
    return { value: new Date(EXCEL_EPOCH + value * 86400000).toISOString().slice(0, 10) };
  }
  const text = cellText(value);
  if (text === null) return { error: ['不能为空', 'is required'] };
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    if (isIsoDate(iso)) return { value: iso };
  }
  return { error: [`“${text.slice(0, 20)}”不是有效日期（格式如 2026-03-18）`, 'not a date (YYYY-MM-DD)'] };
}

/** Collects problems with their Excel position. */
export class ProblemList {
  readonly items: ImportProblem[] = [];

  constructor(readonly sheet: string) {}

  add(row: number, column: string | null, field: string | null, zh: string, en: string): void {
    const where = column ? `第${row}行 ${column}列` : `第${row}行`;
    this.items.push({
      sheet: this.sheet,
      row,
      column,
      field,
      message: `${where}${field ? `（${field}）` : ''}：${zh}`,
      messageEn: `row ${row}${column ? ` column ${column}` : ''}${field ? ` (${field})` : ''}: ${en}`,
    });
  }
}

export interface HeaderSpec<K extends string> {
  key: K;
  header: string;
  isRequired?: boolean;
}

/** Finds the data sheet, else a problem naming the sheet expected. */
export function dataSheet(workbook: WorkbookCells, name: string, problems: ProblemList): SheetCells | null {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    problems.add(
      1,
      null,
      null,
      `找不到工作表“${name}”，请使用系统下载的模板`,
      `no sheet named "${name}": use the template`,
    );
    return null;
  }
  return sheet;
}

/** Column numbers of the expected headers in row 1; missing required headers are problems. */
export function headerColumns<K extends string>(
  sheet: SheetCells,
  specs: readonly HeaderSpec<K>[],
  problems: ProblemList,
): Map<K, number> {
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    if (text) found.set(normaliseHeader(text), col);
  });
  const columns = new Map<K, number>();
  for (const spec of specs) {
    const col = found.get(normaliseHeader(spec.header));
    if (col !== undefined) columns.set(spec.key, col);
    else if (spec.isRequired) {
      problems.add(
        1,
        null,
        spec.header,
        `缺少列“${spec.header}”，请使用系统下载的模板`,
        `missing column "${spec.header}"`,
      );
    }
  }
  return columns;
}

/** Every header cell of row 1 as [column, text]. */
export function headerCells(sheet: SheetCells): Array<[number, string]> {
  const cells: Array<[number, string]> = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    if (text) cells.push([col, text]);
  });
  return cells;
}

/** Data rows (2…) that have at least one non-blank cell, with their Excel row number. */
export function dataRows(sheet: SheetCells): Array<{ row: number; get(col: number): CellValue }> {
  const rows: Array<{ row: number; get(col: number): CellValue }> = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < 2) return;
    let hasValue = false;
    row.eachCell((cell) => {
      if (cellText(cell.value) !== null) hasValue = true;
    });
    if (hasValue) rows.push({ row: rowNumber, get: (col) => row.getCell(col).value });
  });
  return rows;
}

/** A workbook-level key written by the template on its hidden code sheet (plan id, month, kind). */
export function templateMeta(workbook: WorkbookCells): Map<string, string> {
  const meta = new Map<string, string>();
  const sheet = workbook.getWorksheet(CODE_SHEET);
  if (!sheet) return meta;
  sheet.eachRow((row) => {
    const key = cellText(row.getCell(META_KEY_COLUMN).value);
    const value = cellText(row.getCell(META_KEY_COLUMN + 1).value);
    if (key && value) meta.set(key, value);
  });
  return meta;
}

export const INSTRUCTIONS_SHEET = '填写说明';
export const CODE_SHEET = '代码表';
/** Column of the template's meta keys on the code sheet (H: key, I: value). */
export const META_KEY_COLUMN = 8;
