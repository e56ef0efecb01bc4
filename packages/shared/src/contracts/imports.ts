import { ErrorCode } from '../enums/error-code.js';
import type { MonthString, Timestamp } from './common.js';

/** What a sheet imports: the targets grid, a month's figures of every unit, the project ledger, 线索 or 招商活动 (issue 17). */
export const IMPORT_KINDS = ['targets', 'reports', 'projects', 'leads', 'activities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Screens whose table exports as .xlsx (`GET /exports/{kind}.xlsx`); `briefing` is a 通报 download. */
export const EXPORT_KINDS = [
  'targets',
  'progress',
  'reports',
  'projects',
  'audit',
  'ranking',
  'briefing',
  'leads',
  'activities',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** preview: parsed and checked, nothing written; committed: written (or found unchanged); failed: refused at commit. */
export type ImportStatus = 'preview' | 'committed' | 'failed';

/** Error codes of refused uploads (nothing is stored or written for any of them). */
export const ImportErrorCode = {
  NotXlsx: ErrorCode.ImportNotXlsx,
  TooLarge: ErrorCode.ImportTooLarge,
  ZipBomb: ErrorCode.ImportZipBomb,
  Macros: ErrorCode.ImportMacros,
  Formula: ErrorCode.ImportFormula,
  TooManyRows: ErrorCode.ImportTooManyRows,
  NoFile: ErrorCode.ImportNoFile,
  WrongTemplate: ErrorCode.ImportWrongTemplate,
  HasProblems: ErrorCode.ImportHasProblems,
  Stale: ErrorCode.ImportStale,
  JobRunning: ErrorCode.ImportJobRunning,
} as const;
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

/** One problem of one cell (or row): where it is, as Excel shows it, and why in Chinese. */
export interface ImportProblem {
  /** Sheet name, e.g. 目标任务. */
  sheet: string;
  /** Excel row number (1 = the header row). */
  row: number;
  /** Excel column letter, e.g. 'C'; null for a whole row. */
  column: string | null;
  /** The column's header, e.g. 协议投资额（万元）. */
  field: string | null;
  message: string;
  messageEn: string;
}

export interface ImportSummary {
  /** Data rows read (blank rows skipped). */
  rows: number;
  /** Records that would be created: targets, reports or projects. */
  created: number;
  /** Records that would change. */
  updated: number;
  /** Records already equal to the sheet. */
  unchanged: number;
}

/** A normalised row as the preview shows it: the sheet row and what will be written. */
export interface ImportPreviewRow {
  row: number;
  /** created / updated / unchanged */
  action: 'create' | 'update' | 'unchanged';
  /** Human label, e.g. 城关镇 · 签约总投资. */
  label: string;
  /** The values to write, as text (amounts in 万元). */
  values: Record<string, string | null>;
}

/** `POST /imports/{kind}` (multipart: file, planId, month for reports) and `GET /imports/:id`. */
export interface ImportPreview {
  id: string;
  kind: ImportKind;
  planId: number;
  month: MonthString | null;
  fileName: string;
  /** SHA-256 of the uploaded bytes (hex). */
  contentSha256: string;
  status: ImportStatus;
  /** Every problem found; commit is refused while there is one. */
  problems: ImportProblem[];
  summary: ImportSummary;
  /** The first 200 rows. */
  rows: ImportPreviewRow[];
  /** The same bytes were already committed for the same kind, plan and month: a commit writes nothing. */
  isDuplicateOfCommitted: boolean;
  /** 0..100: the preview is answered when parsing is done (100). */
  progress: number;
  /**
   * The batch's latest commit job (`POST /imports/:id/jobs`), its progress and result, as `GET /imports/:id` answers
   * it; null when none was started.
   */
  job?: ImportJob | null;
  /** A sentence for the clerk, e.g. 该文件已导入过，未发现变化. */
  message: string;
  createdAt: Timestamp;
  committedAt: Timestamp | null;
}

/** `POST /imports/:id/commit`. */
export interface ImportCommitResponse {
  id: string;
  status: ImportStatus;
  /** false when nothing had to be written (the same file again, or every row unchanged). */
  isWritten: boolean;
  summary: ImportSummary;
  message: string;
  committedAt: Timestamp | null;
}

/** A background commit's state: running until it succeeded (all rows written) or failed (nothing written). */
export type ImportJobStatus = 'running' | 'succeeded' | 'failed';
/** queued → checking (the rows again, against the data as it is now) → writing → finishing (audit, summary) → done. */
export const IMPORT_JOB_PHASES = ['queued', 'checking', 'writing', 'finishing', 'done'] as const;
export type ImportJobPhase = (typeof IMPORT_JOB_PHASES)[number];

/**
 * `POST /imports/:id/jobs` (202: the commit of a preview batch started in the background, one per plan at a time, 409
 * otherwise); its progress, then its result, as `job` of `GET /imports/:id`.
 */
export interface ImportJob {
  id: string;
  /** The preview batch it commits. */
  batchId: string;
  planId: number;
  kind: ImportKind;
  status: ImportJobStatus;
  phase: ImportJobPhase;
  /** Records written so far (during `writing`) and the records to write. */
  rowsDone: number;
  rowsTotal: number;
  /** 0..100 */
  progress: number;
  /** When it succeeded: what the synchronous commit answers. */
  result: ImportCommitResponse | null;
  /** When it failed: the error the synchronous commit would answer (nothing was written). */
  error: { code: string; message: string; messageEn: string; details?: unknown[] } | null;
  createdAt: Timestamp;
  finishedAt: Timestamp | null;
}

/** Query of `GET /templates/{kind}.xlsx`. */
export interface TemplateQuery {
  planId: number;
  /** Required for the reports template. */
  month?: MonthString;
}
