import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type ImportProblem } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every error the Excel import answers (refused uploads, problems, a stale commit): code and both messages, here once.
// Nothing is stored or written for any of them.

/** Problems kept and answered (a sheet pasted into the wrong columns would otherwise list 100,000). */
export const MAX_PROBLEMS = 2000;

/** Why an upload is not an .xlsx workbook (IMPORT_NOT_XLSX). */
const NOT_XLSX = {
  invalid: ['文件不是有效的 Excel（.xlsx）文件', 'The file is not a valid .xlsx workbook'],
  legacyOrEncrypted: [
    '文件是旧版 .xls 格式或已加密，请在 Excel 中另存为 .xlsx（不加密）后再上传',
    'The file is a legacy .xls or an encrypted workbook: save it as an unencrypted .xlsx',
  ],
  noWorkbook: [
    '文件不是 Excel 工作簿（缺少 xl/workbook.xml），请上传 .xlsx 文件',
    'No xl/workbook.xml: not an .xlsx workbook',
  ],
  unsupportedCompression: ['文件使用了不支持的压缩方式', 'Unsupported zip compression method'],
  corrupt: ['文件已损坏，无法解压', 'The workbook is corrupt'],
  unreadable: ['文件已损坏，无法读取，请用 Excel 打开后另存为 .xlsx', 'The workbook could not be read'],
} as const satisfies Record<string, readonly [string, string]>;

export function notXlsx(reason: keyof typeof NOT_XLSX = 'invalid'): ApiException {
  const [zh, en] = NOT_XLSX[reason];
  return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.ImportNotXlsx, zh, en);
}

export const tooManyZipEntries = (count: number) =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.ImportNotXlsx,
    `文件包含的部件过多（${count} 个），不是正常的 Excel 文件`,
    'Too many zip entries',
  );

export function zipBomb(total: number | null, limit: number): ApiException {
  return new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.ImportZipBomb,
    `文件解压后过大（${total === null ? '超出' : `约 ${Math.ceil(total / 1048576)} MB，超过`}上限 ${Math.floor(limit / 1048576)} MB），疑似压缩炸弹，已拒绝`,
    `The workbook expands beyond the limit of ${limit} bytes (a zip bomb?) and was refused`,
  );
}

export const zip64Refused = () =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.ImportZipBomb,
    '文件结构异常（ZIP64），疑似压缩炸弹，已拒绝',
    'ZIP64 archives are refused',
  );

/** The file is over the limit, found by the guard (bytes). */
export const fileTooLarge = (maxBytes: number) =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.ImportTooLarge,
    `文件过大：上限 ${Math.floor(maxBytes / 1048576)} MB`,
    `The file exceeds the limit of ${maxBytes} bytes`,
  );

/** The file is over the limit, stopped by the upload itself (multer's bare 413). */
export const uploadTooLarge = (maxMb: number) =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.ImportTooLarge,
    `文件过大：上限 ${maxMb} MB`,
    `The file exceeds the upload limit of ${maxMb} MB`,
  );

export const tooManyRows = (sheet: string, rows: number, limit: number) =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.ImportTooManyRows,
    `工作表“${sheet}”有 ${rows} 行数据，超过上限 ${limit} 行，请分批导入`,
    `Sheet "${sheet}" has ${rows} data rows, more than the limit of ${limit}`,
  );

export const rangeTooLarge = (sheet: string) =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.ImportTooManyRows,
    `工作表“${sheet}”的数据验证或合并单元格范围过大（如整列设置），请删除后再上传`,
    `Sheet "${sheet}" has data validations or merged cells over too large a range (whole columns?)`,
  );

/** A formula in a cell: `at` is the cell split into row and column when it could be. */
export const formulaInCell = (sheet: string, cell: string, at: { row: number; column: string } | null) =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ImportFormula,
    at
      ? `工作表“${sheet}”第${at.row}行 ${at.column}列 含公式，请粘贴为数值后再上传`
      : `工作表“${sheet}”含公式，请粘贴为数值后再上传`,
    `Sheet "${sheet}" has a formula in cell ${cell}: paste values only`,
  );

export const macrosRefused = () =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ImportMacros,
    '文件含宏或控件（.xlsm / vbaProject），出于安全原因已拒绝，请另存为不含宏的 .xlsx',
    'Workbooks with macros or ActiveX controls are refused: save as a macro-free .xlsx',
  );

export const noFile = () =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.ImportNoFile,
    '请选择要上传的 .xlsx 文件（字段名 file）',
    'No file: send it as the multipart field "file"',
  );

/** Committing a batch of a kind the caller may no longer import. */
export const commitForbidden = () =>
  new ApiException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, '没有权限执行此操作', 'Forbidden');

/** The data changed between the preview and the commit. */
export function importStale(): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.ImportStale,
    '数据在预览后已被他人修改，请重新上传文件预览',
    'The data changed since the preview: upload the file again',
  );
}

/** The file's problems, one detail per cell (at most MAX_PROBLEMS); the exception keeps them all for the batch. */
export class ProblemsException extends ApiException {
  constructor(readonly problems: ImportProblem[]) {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ErrorCode.ImportHasProblems,
      `文件有 ${problems.length} 处问题，未写入任何数据，请修改后重新上传`,
      `The file has ${problems.length} problem(s); nothing was written`,
      problems.slice(0, MAX_PROBLEMS).map((p) => ({
        field: `${p.sheet}!${p.column ?? ''}${p.row}`,
        code: 'importProblem',
        message: p.message,
        messageEn: p.messageEn,
      })),
    );
  }
}

export function hasProblems(problems: ImportProblem[]): ProblemsException {
  return new ProblemsException(problems);
}

/** Another import job of the plan is still running (one at a time per plan). */
export function importJobRunning(jobId: string): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.ImportJobRunning,
    '本计划有一个导入任务正在进行，请等待其完成后再提交',
    `Another import job of this plan is running (${jobId}): wait for it to finish`,
    [
      {
        field: 'planId',
        code: 'importJobRunning',
        message: '本计划有导入任务正在进行',
        messageEn: 'an import job is running',
      },
    ],
  );
}

/** What a job that died with its process (restart, kill) reports: its transaction rolled back, nothing was written. */
export const JOB_INTERRUPTED = {
  code: ErrorCode.ImportJobInterrupted,
  message: '导入任务因服务重启而中断，未写入任何数据，请重新提交',
  messageEn: 'The import job was interrupted (the server stopped); nothing was written: commit again',
} as const;
