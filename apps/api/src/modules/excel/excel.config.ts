import { type Env, parseEnv } from '../../config/env.schema';

/** Limits of uploaded sheets (VAL-4), from the environment. */
export interface ExcelLimits {
  /** Largest upload in bytes. */
  maxBytes: number;
  /** Largest sum of the uncompressed sizes of the zip entries. */
  maxUnzippedBytes: number;
  /** Most data rows of one sheet (the header row not counted). */
  maxRows: number;
  /** Most zip entries (a real workbook has a few dozen). */
  maxEntries: number;
}

export const EXCEL_LIMITS = Symbol('EXCEL_LIMITS');

export function excelLimitsFrom(env: Env): ExcelLimits {
  return {
    maxBytes: env.PACER_IMPORT_MAX_BYTES,
    maxUnzippedBytes: env.PACER_IMPORT_MAX_UNZIPPED_BYTES,
    maxRows: env.PACER_IMPORT_MAX_ROWS,
    maxEntries: 2000,
  };
}

export function loadExcelLimits(): ExcelLimits {
  return excelLimitsFrom(parseEnv(process.env));
}
