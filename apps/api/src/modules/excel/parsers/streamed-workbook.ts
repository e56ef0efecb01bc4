import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';

import type { CellErrorValue, CellValue } from 'exceljs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { notXlsx, zipBomb } from '../excel.errors';
import { readZipDirectory, type ZipEntry, zipEntryData } from '../xlsx-guard';
import type { SheetCells, SheetRowCells, WorkbookCells } from './sheet-reader';

/**
 * An uploaded workbook read as a stream (issue 11 §3): each XML part the import needs (workbook, relationships,
 * styles, shared strings, worksheets) is inflated chunk by chunk and parsed with saxes as it comes, and every sheet row
 * is kept as its cell values only — not exceljs's object per cell — so a 20,000-row ledger costs a few MB.
 *
 * The inflated bytes go through ONE StringDecoder per part before the XML parser: a UTF-8 character split between two
 * chunks (a Chinese character is 3 bytes, 𠮷 is 4) is joined, never decoded half by half. exceljs's own WorkbookReader
 * decodes each chunk on its own (lib/utils/parse-sax.js) and read 宁波甬兴新材料有限公司 as 宁波甬兴新材料有限��司.
 *
 * The values are those exceljs's `xlsx.load` gives for the same cells as far as the sheet readers see them
 * (cellText, readDecimal, readDate): shared and inline strings (rich text flattened), numbers, numbers in a date
 * format as dates (1900 or 1904 system), booleans, errors, merged cells answering their master's value.
 * Call it only on an upload `inspectXlsx` accepted (sizes, formulas, macros, expanded ranges are checked there).
 */
export async function readWorkbookStreamed(
  buffer: Buffer,
  options: { maxEntries: number; chunkSize?: number },
): Promise<WorkbookCells> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const entries = new Map(readZipDirectory(buffer, options.maxEntries).map((e) => [e.name, e]));
  const part = (name: string): ZipEntry | undefined => entries.get(name);

  const book = await readBookPart(buffer, part('xl/workbook.xml'), chunkSize);
  const rels = await readRelationships(buffer, part('xl/_rels/workbook.xml.rels'), chunkSize);
  const styles = await readDateStyles(buffer, part('xl/styles.xml'), chunkSize);
  const strings = await readSharedStrings(buffer, part('xl/sharedStrings.xml'), chunkSize);

  const sheets = new Map<string, ValuesSheet>();
  for (const sheet of book.sheets) {
    const target = rels.get(sheet.rid);
    if (target === undefined) continue;
    // exceljs's rule: `/xl/…` or `…` relative to xl/, worksheets only (a chartsheet is skipped)
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const entry = part(path);
    if (!entry || !/xl\/worksheets\/sheet\d+[.]xml/.test(path)) continue;
    const rows = await readSheet(buffer, entry, chunkSize, { strings, styles, date1904: book.date1904 });
    if (!sheets.has(sheet.name)) sheets.set(sheet.name, new ValuesSheet(sheet.name, rows));
  }
  return new ValuesWorkbook(sheets);
}

/** The part's inflated bytes in chunks of at most `chunkSize`, never more than its declared size. */
async function* inflated(buffer: Buffer, entry: ZipEntry, chunkSize: number): AsyncGenerator<Buffer> {
  const data = zipEntryData(buffer, entry);
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += chunkSize) yield data.subarray(at, at + chunkSize);
    return;
  }
  if (entry.method !== 8) throw notXlsx('unsupportedCompression');
  // zlib's smallest chunk is 64 bytes
  const inflate = createInflateRaw({ chunkSize: Math.max(64, chunkSize) });
  inflate.end(data);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.uncompressedSize) throw zipBomb(null, entry.uncompressedSize);
      yield chunk;
    }
  } catch (error) {
    inflate.destroy();
    if ((error as { code?: string }).code?.startsWith('Z_')) throw notXlsx('corrupt');
    throw error;
  }
}

/** Streams one XML part through a StringDecoder into saxes; `listen` attaches the handlers. */
async function parsePart(
  buffer: Buffer,
  entry: ZipEntry,
  chunkSize: number,
  listen: (parser: SaxesParser) => void,
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  listen(parser);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of inflated(buffer, entry, chunkSize)) {
    const text = decoder.write(chunk);
    if (text) parser.write(text);
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  parser.close();
}

async function readBookPart(
  buffer: Buffer,
  entry: ZipEntry | undefined,
  chunkSize: number,
): Promise<{ sheets: Array<{ name: string; rid: string }>; date1904: boolean }> {
  const sheets: Array<{ name: string; rid: string }> = [];
  let date1904 = false;
  if (!entry) return { sheets, date1904 };
  await parsePart(buffer, entry, chunkSize, (parser) => {
    parser.on('opentag', (node) => {
      const tag = node as SaxesTagPlain;
      if (tag.name === 'workbookPr') date1904 = tag.attributes.date1904 === '1';
      else if (tag.name === 'sheet') {
        sheets.push({ name: tag.attributes.name ?? '', rid: tag.attributes['r:id'] ?? '' });
      }
    });
  });
  return { sheets, date1904 };
}

async function readRelationships(
  buffer: Buffer,
  entry: ZipEntry | undefined,
  chunkSize: number,
): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  if (!entry) return targets;
  await parsePart(buffer, entry, chunkSize, (parser) => {
    parser.on('opentag', (node) => {
      const tag = node as SaxesTagPlain;
      if (tag.name === 'Relationship' && tag.attributes.Id && tag.attributes.Target !== undefined) {
        targets.set(tag.attributes.Id, tag.attributes.Target);
      }
    });
  });
  return targets;
}

/** exceljs's built-in number formats that are dates or times (ids 27–36 and 50–58 have no format there). */
const BUILT_IN_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** exceljs's test of a date format: a date or time letter outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The cell style indexes (the `s` of a cell) whose number format is a date. */
async function readDateStyles(
  buffer: Buffer,
  entry: ZipEntry | undefined,
  chunkSize: number,
): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!entry) return dates;
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await parsePart(buffer, entry, chunkSize, (parser) => {
    parser.on('opentag', (node) => {
      const tag = node as SaxesTagPlain;
      if (tag.name === 'numFmt') {
        custom.set(
          parseInt(tag.attributes.numFmtId ?? '', 10),
          (tag.attributes.formatCode ?? '').replace(/[\\](.)/g, '$1'),
        );
      } else if (tag.name === 'cellXfs') inCellXfs = true;
      else if (tag.name === 'xf' && inCellXfs) formatIds.push(parseInt(tag.attributes.numFmtId ?? '0', 10));
    });
    parser.on('closetag', (node) => {
      if (node.name === 'cellXfs') inCellXfs = false;
    });
  });
  formatIds.forEach((id, index) => {
    if (id && isDateFormat(custom.get(id) ?? BUILT_IN_FORMATS[id])) dates.add(index);
  });
  return dates;
}

/** exceljs decodes `_x000D_`-style escapes in shared strings and rich text runs. */
function decodeEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** Each shared string as its plain text (rich text runs joined, phonetic runs left out). */
async function readSharedStrings(
  buffer: Buffer,
  entry: ZipEntry | undefined,
  chunkSize: number,
): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  let text = '';
  await parsePart(buffer, entry, chunkSize, (parser) => {
    parser.on('opentag', (node) => {
      switch (node.name) {
        case 'si':
          current = [];
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          inText = !inPhonetic;
          text = '';
          break;
      }
    });
    parser.on('text', (value) => {
      if (inText) text += value;
    });
    parser.on('closetag', (node) => {
      switch (node.name) {
        case 't':
          if (inText && current) current.push(decodeEscapes(text));
          inText = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'si':
          strings.push((current ?? []).join(''));
          current = null;
          break;
      }
    });
  });
  return strings;
}

interface SheetContext {
  strings: string[];
  styles: Set<number>;
  date1904: boolean;
}

/** 'D' → 4. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function xmlDecode(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : name === 'apos' ? "'" : '&',
  );
}

/** A worksheet's rows as sparse arrays of cell values (index = column number), merged ranges applied. */
async function readSheet(
  buffer: Buffer,
  entry: ZipEntry,
  chunkSize: number,
  ctx: SheetContext,
): Promise<Map<number, CellValue[]>> {
  const rows = new Map<number, CellValue[]>();
  const merges: string[] = [];
  let rowNumber = 0;
  let values: CellValue[] | null = null;
  let column = 0;
  let cellType: string | undefined;
  let style = 0;
  let text: string | undefined;
  // 'v' or a plain 't' collects into text; a rich run's 't' into runs
  let collecting: 'text' | 'run' | null = null;
  let runs: string[] | null = null;
  let inPhonetic = false;
  let inFormula = false;

  const cellValue = (): CellValue => {
    if (runs) return runs.join('');
    if (text === undefined) return null;
    switch (cellType) {
      case 's': {
        const shared = ctx.strings[parseInt(text, 10)];
        // exceljs fails on a missing shared string: so does this read (the upload is unreadable)
        if (shared === undefined) throw new Error(`no shared string ${text}`);
        return shared;
      }
      case 'str':
        return xmlDecode(text);
      case 'inlineStr':
        return text;
      case 'b':
        return parseInt(text, 10) !== 0;
      case 'e':
        return { error: text } as CellErrorValue;
      default: {
        const n = parseFloat(text);
        return style && ctx.styles.has(style) ? excelToDate(n, ctx.date1904) : n;
      }
    }
  };

  await parsePart(buffer, entry, chunkSize, (parser) => {
    parser.on('opentag', (node) => {
      const tag = node as SaxesTagPlain;
      switch (tag.name) {
        case 'row': {
          const r = tag.attributes.r;
          rowNumber = r ? parseInt(r, 10) : rowNumber + 1;
          values = rows.get(rowNumber) ?? [];
          column = 0;
          break;
        }
        case 'c': {
          const ref = tag.attributes.r ? /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(tag.attributes.r) : null;
          column = ref ? columnNumber(ref[1]!) : column + 1;
          cellType = tag.attributes.t;
          style = tag.attributes.s ? parseInt(tag.attributes.s, 10) : 0;
          text = undefined;
          runs = null;
          break;
        }
        case 'f':
          inFormula = true;
          break;
        case 'v':
          collecting = 'text';
          break;
        case 'r':
          if (values) runs ??= [];
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inPhonetic) break;
          collecting = runs ? 'run' : 'text';
          if (runs) runs.push('');
          break;
        case 'mergeCell':
          if (tag.attributes.ref) merges.push(tag.attributes.ref);
          break;
      }
    });
    parser.on('text', (value) => {
      if (inFormula || collecting === null) return;
      if (collecting === 'run') runs![runs!.length - 1] += value;
      else text = (text ?? '') + value;
    });
    parser.on('closetag', (node) => {
      switch (node.name) {
        case 'f':
          inFormula = false;
          break;
        case 'v':
          collecting = null;
          break;
        case 't':
          if (collecting === 'run') runs![runs!.length - 1] = decodeEscapes(runs![runs!.length - 1]!);
          collecting = null;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const value = cellValue();
          if (values && value !== null && value !== undefined) values[column] = value;
          break;
        }
        case 'row':
          if (values && values.length > 0) rows.set(rowNumber, values);
          values = null;
          break;
      }
    });
  });
  applyMerges(rows, merges);
  return rows;
}

/**
 * exceljs on load: every cell of a merged range but its top-left master answers the master's value (its own value is
 * dropped); overlapping ranges make the workbook unreadable.
 */
function applyMerges(rows: Map<number, CellValue[]>, merges: string[]): void {
  const taken: Array<[number, number, number, number]> = [];
  for (const ref of merges) {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
    if (!m) continue;
    const c1 = columnNumber(m[1]!);
    const r1 = Number(m[2]);
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    const [top, bottom, left, right] = [
      Math.min(r1, r2),
      Math.max(r1, r2),
      Math.min(c1, c2),
      Math.max(c1, c2),
    ];
    if (taken.some(([t, b, l, r]) => top <= b && bottom >= t && left <= r && right >= l)) {
      throw new Error(`merged ranges overlap at ${ref}`);
    }
    taken.push([top, bottom, left, right]);
    const master = rows.get(top)?.[left] ?? null;
    for (let row = top; row <= bottom; row++) {
      let values = rows.get(row);
      for (let col = left; col <= right; col++) {
        if (row === top && col === left) continue;
        if (master === null) {
          if (values) delete values[col];
        } else {
          if (!values) rows.set(row, (values = []));
          values[col] = master;
        }
      }
    }
  }
}

class ValuesRow implements SheetRowCells {
  constructor(private readonly values: CellValue[]) {}

  getCell(col: number): { value: CellValue } {
    return { value: this.values[col] ?? null };
  }

  eachCell(callback: (cell: { value: CellValue }, col: number) => void): void {
    this.values.forEach((value, col) => {
      if (value !== null && value !== undefined) callback({ value }, col);
    });
  }
}

const EMPTY_ROW = new ValuesRow([]);

class ValuesSheet implements SheetCells {
  private readonly ordered: Array<[number, ValuesRow]>;
  private readonly byNumber: Map<number, ValuesRow>;

  constructor(
    readonly name: string,
    rows: Map<number, CellValue[]>,
  ) {
    this.ordered = [...rows.entries()]
      .filter(([, values]) => values.some((v) => v !== null && v !== undefined))
      .sort((a, b) => a[0] - b[0])
      .map(([n, values]) => [n, new ValuesRow(values)]);
    this.byNumber = new Map(this.ordered);
  }

  getRow(n: number): SheetRowCells {
    return this.byNumber.get(n) ?? EMPTY_ROW;
  }

  eachRow(callback: (row: SheetRowCells, n: number) => void): void {
    for (const [n, row] of this.ordered) callback(row, n);
  }
}

class ValuesWorkbook implements WorkbookCells {
  constructor(private readonly sheets: Map<string, ValuesSheet>) {}

  getWorksheet(name: string): SheetCells | undefined {
    return this.sheets.get(name);
  }
}
