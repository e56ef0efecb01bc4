import { inflateRawSync } from 'node:zlib';

import { ApiException } from '../../common/exceptions/api.exception';
import type { ExcelLimits } from './excel.config';
import {
  fileTooLarge,
  formulaInCell,
  macrosRefused,
  notXlsx,
  rangeTooLarge,
  tooManyRows,
  tooManyZipEntries,
  zip64Refused,
  zipBomb,
} from './excel.errors';

/**
 * Checks an uploaded .xlsx BEFORE any spreadsheet library reads it (VAL-4): by content, not by name. A tiny reader of
 * the zip central directory sums the declared uncompressed sizes (a zip bomb is refused without inflating anything),
 * then every entry is inflated with an output cap equal to its declared size (a lying directory is caught too).
 * The worksheets' XML is then scanned for formulas and row counts, and the package for macros.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Cells that data validations and merges may cover in one sheet. */
const MAX_EXPANDED_CELLS = 1_000_000;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface XlsxInspection {
  /** Worksheet name → its data rows (rows after the header that exist in the XML). */
  sheets: Array<{ name: string; rows: number }>;
  uncompressedBytes: number;
}

/** Reads the central directory; throws IMPORT_NOT_XLSX when the bytes are not a zip. */
export function readZipDirectory(buffer: Buffer, maxEntries: number): ZipEntry[] {
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    throw notXlsx('legacyOrEncrypted');
  }
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL_HEADER) throw notXlsx();
  // the end record is in the last 22 + 65535 (comment) bytes
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i--) {
    if (buffer.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  // ZIP64 markers: no workbook a clerk types needs them
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw zip64Refused();
  }
  if (count > maxEntries) throw tooManyZipEntries(count);
  if (offset + size > eocd) throw notXlsx();
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL_HEADER) throw notXlsx();
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    entries.push({
      method: buffer.readUInt16LE(p + 10),
      compressedSize: buffer.readUInt32LE(p + 20),
      uncompressedSize: buffer.readUInt32LE(p + 24),
      localHeaderOffset: buffer.readUInt32LE(p + 42),
      name: buffer.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's stored (compressed) bytes, found through its local header. */
export function zipEntryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localHeaderOffset;
  if (p + 30 > buffer.length || buffer.readUInt32LE(p) !== LOCAL_HEADER) throw notXlsx();
  const start = p + 30 + buffer.readUInt16LE(p + 26) + buffer.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw notXlsx();
  return buffer.subarray(start, end);
}

/** Inflates one entry, never past its declared size (a directory that lies about sizes is a bomb). */
export function readZipEntry(buffer: Buffer, entry: ZipEntry, maxUnzippedBytes: number): Buffer {
  const data = zipEntryData(buffer, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw notXlsx();
    return data;
  }
  if (entry.method !== 8) throw notXlsx('unsupportedCompression');
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    if (out.length !== entry.uncompressedSize) throw zipBomb(null, maxUnzippedBytes);
    return out;
  } catch (error) {
    if (error instanceof ApiException) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw zipBomb(null, maxUnzippedBytes);
    throw notXlsx('corrupt');
  }
}

/** 'D3' → { column: 'D', row: 3 }. */
export function splitCellRef(ref: string): { column: string; row: number } | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  return m ? { column: m[1]!, row: Number(m[2]) } : null;
}

const FORMULA = /<(?:\w+:)?f[\s>/]/g;

/** The first cell holding a formula in a worksheet's XML, e.g. 'D3' (null when none). */
export function firstFormulaCell(xml: string): string | null {
  FORMULA.lastIndex = 0;
  const m = FORMULA.exec(xml);
  if (!m) return null;
  const cellStart = Math.max(xml.lastIndexOf('<c ', m.index), xml.lastIndexOf('<x:c ', m.index));
  const ref = /\sr="([A-Z]{1,3}\d{1,7})"/.exec(xml.slice(cellStart, m.index));
  return ref?.[1] ?? '?';
}

/** Rows present in the XML and the highest row number (a sparse row 1,000,000 counts as that many). */
export function countRows(xml: string): { present: number; last: number } {
  let present = 0;
  let at = xml.indexOf('<row');
  let lastIndex = -1;
  while (at >= 0) {
    const next = xml.charCodeAt(at + 4);
    // '<row ' or '<row>' (not '<rowBreaks')
    if (next === 32 || next === 62) {
      present += 1;
      lastIndex = at;
    }
    at = xml.indexOf('<row', at + 4);
  }
  const last =
    lastIndex >= 0
      ? Number(/^<row[^>]*\sr="(\d+)"/.exec(xml.slice(lastIndex, lastIndex + 200))?.[1] ?? present)
      : 0;
  return { present, last: Math.max(last, present) };
}

const MAX_COLUMN = 16384;
const MAX_ROW = 1048576;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by a range list such as 'A2:A500 C3' or 'A:A' (whole columns and rows count in full). */
export function rangeArea(sqref: string): number {
  let total = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    const [from, to = from] = part.replace(/\$/g, '').split(':') as [string, string?];
    const a = /^([A-Z]{0,3})(\d{0,7})$/.exec(from);
    const b = /^([A-Z]{0,3})(\d{0,7})$/.exec(to);
    if (!a || !b) continue;
    const c1 = a[1] ? columnNumber(a[1]) : 1;
    const c2 = b[1] ? columnNumber(b[1]) : MAX_COLUMN;
    const r1 = a[2] ? Number(a[2]) : 1;
    const r2 = b[2] ? Number(b[2]) : MAX_ROW;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

/**
 * Cells named by data validations and merged ranges: the reader expands both cell by cell, so a whole-column
 * validation or a merge of a million cells would exhaust it.
 */
export function expandedArea(xml: string): number {
  let total = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?(?:dataValidation|mergeCell)\b[^>]*\s(?:sqref|ref)="([^"]+)"/g)) {
    total += rangeArea(m[1]!);
  }
  return total;
}

/** Worksheet names by their part path, from workbook.xml and its relationships. */
function sheetNames(workbookXml: string, relsXml: string | null): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of (relsXml ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\sId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\sTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\sr:id="([^"]+)"/.exec(m[0])?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (name !== undefined && path) names.set(path, decodeXml(name));
  }
  return names;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Refuses a hostile or malformed upload with a clear code (nothing is stored): not a zip or no workbook
 * (IMPORT_NOT_XLSX), too big (IMPORT_TOO_LARGE), a zip bomb (IMPORT_ZIP_BOMB), macros or ActiveX (IMPORT_MACROS),
 * a formula in a cell (IMPORT_FORMULA, naming the sheet and cell), too many rows (IMPORT_TOO_MANY_ROWS).
 */
export function inspectXlsx(buffer: Buffer, fileName: string, limits: ExcelLimits): XlsxInspection {
  if (buffer.length > limits.maxBytes) {
    throw fileTooLarge(limits.maxBytes);
  }
  if (/\.(xlsm|xltm|xlam)$/i.test(fileName)) throw macrosRefused();
  const entries = readZipDirectory(buffer, limits.maxEntries);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUnzippedBytes) throw zipBomb(declared, limits.maxUnzippedBytes);

  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml')) {
    throw notXlsx('noWorkbook');
  }
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /^xl\/activeX\//i.test(e.name)))
    throw macrosRefused();

  const parts = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    parts.set(entry.name, readZipEntry(buffer, entry, limits.maxUnzippedBytes));
  }
  const contentTypes = parts.get('[Content_Types].xml')!.toString('utf8');
  if (/macroEnabled|vbaProject/i.test(contentTypes)) throw macrosRefused();

  const workbookXml = parts.get('xl/workbook.xml')!.toString('utf8');
  const relsXml = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? null;
  const byPath = sheetNames(workbookXml, relsXml);
  const sheets: XlsxInspection['sheets'] = [];
  for (const [path, data] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    const xml = data.toString('utf8');
    const name = byPath.get(path) ?? path;
    const { present, last } = countRows(xml);
    if (last - 1 > limits.maxRows) {
      throw tooManyRows(name, last - 1, limits.maxRows);
    }
    if (expandedArea(xml) > MAX_EXPANDED_CELLS) {
      throw rangeTooLarge(name);
    }
    const cell = firstFormulaCell(xml);
    if (cell) {
      const at = splitCellRef(cell);
      throw formulaInCell(name, cell, at);
    }
    sheets.push({ name, rows: Math.max(0, present - 1) });
  }
  return { sheets, uncompressedBytes: declared };
}
