import { Readable } from 'node:stream';

import { type CellValue, stream, type Workbook } from 'exceljs';

/**
 * A workbook read as a stream (exceljs WorkbookReader): each sheet row is reduced to its cell values as it goes by,
 * so a 20,000-row ledger costs a few MB instead of the ~400 MB of exceljs's full object model (every cell an object
 * with its style). It answers the part of exceljs's Workbook the sheet readers use (getWorksheet, getRow, eachRow,
 * eachCell, getCell().value), so the parsers read it as they read a loaded workbook.
 */
export async function readWorkbookStreamed(buffer: Buffer): Promise<Workbook> {
  const reader = new stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    // styles: date-formatted numbers come back as dates, as a loaded workbook gives them
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = new Map<string, ValuesSheet>();
  for await (const worksheet of reader) {
    const rows = new Map<number, ValuesRow>();
    for await (const row of worksheet as AsyncIterable<{ number: number; values: CellValue[] | Record<string, CellValue> }>) {
      const values: CellValue[] = [];
      let hasValue = false;
      const source = row.values as CellValue[];
      for (let col = 1; col < source.length; col++) {
        const value = source[col];
        if (value !== null && value !== undefined) {
          values[col] = value;
          hasValue = true;
        }
      }
      if (hasValue) rows.set(row.number, new ValuesRow(row.number, values));
    }
    const name = (worksheet as unknown as { name: string }).name;
    sheets.set(name, new ValuesSheet(name, rows));
  }
  return new ValuesWorkbook(sheets) as unknown as Workbook;
}

type CellCallback = (cell: { value: CellValue }, col: number) => void;

class ValuesRow {
  constructor(
    readonly number: number,
    private readonly values: CellValue[],
  ) {}

  getCell(col: number): { value: CellValue } {
    return { value: this.values[col] ?? null };
  }

  /** The non-empty cells (a loaded workbook's eachCell without includeEmpty). */
  eachCell(options: CellCallback | { includeEmpty?: boolean }, callback?: CellCallback): void {
    const cb = typeof options === 'function' ? options : callback!;
    this.values.forEach((value, col) => {
      if (value !== null && value !== undefined) cb({ value }, col);
    });
  }
}

class ValuesSheet {
  private readonly ordered: ValuesRow[];

  constructor(
    readonly name: string,
    private readonly rows: Map<number, ValuesRow>,
  ) {
    this.ordered = [...rows.values()].sort((a, b) => a.number - b.number);
  }

  getRow(n: number): ValuesRow {
    return this.rows.get(n) ?? new ValuesRow(n, []);
  }

  /** The rows with a value, in order (a loaded workbook's eachRow without includeEmpty). */
  eachRow(options: unknown, callback?: (row: ValuesRow, n: number) => void): void {
    const cb = (typeof options === 'function' ? options : callback) as (row: ValuesRow, n: number) => void;
    for (const row of this.ordered) cb(row, row.number);
  }
}

class ValuesWorkbook {
  constructor(private readonly sheets: Map<string, ValuesSheet>) {}

  getWorksheet(name: string): ValuesSheet | undefined {
    return this.sheets.get(name);
  }

  get worksheets(): ValuesSheet[] {
    return [...this.sheets.values()];
  }
}
