import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every refusal of an attachment: code and both messages, here once. Nothing is stored for any of them.

const mb = (bytes: number) => `${Math.floor(bytes / 1048576)} MB`;

export const noFile = () =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.AttachmentNoFile,
    '请以 multipart/form-data 上传一个文件（字段名 file）',
    'Send one file in the multipart/form-data part `file`',
    [{ field: 'file', code: 'required', message: '请选择文件', messageEn: 'a file is required' }],
  );

export const tooManyFiles = () =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.AttachmentNoFile,
    '一次只能上传一个文件',
    'One file per upload',
    [{ field: 'file', code: 'tooMany', message: '一次只能上传一个文件', messageEn: 'one file per upload' }],
  );

export const tooLarge = (maxBytes: number) =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.AttachmentTooLarge,
    `文件超过 ${mb(maxBytes)} 的上限，未保存`,
    `The file is over the limit of ${maxBytes} bytes and was not stored`,
    [
      {
        field: 'file',
        code: 'tooLarge',
        message: `文件不能超过 ${mb(maxBytes)}`,
        messageEn: `at most ${maxBytes} bytes`,
      },
    ],
  );

export const projectFull = (usedBytes: number, maxBytes: number) =>
  new ApiException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.AttachmentProjectFull,
    `该项目的佐证材料已用 ${mb(usedBytes)}，加上本文件将超过每个项目 ${mb(maxBytes)} 的上限，未保存`,
    `The project's attachments (${usedBytes} bytes) and this file exceed the project limit of ${maxBytes} bytes`,
    [
      {
        field: 'file',
        code: 'projectFull',
        message: '超过项目佐证材料总量上限',
        messageEn: 'over the project limit',
      },
    ],
  );

export const incomplete = () =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.AttachmentIncomplete,
    '上传未完成（连接中断或请求被截断），未保存，请重新上传',
    'The upload ended before the file did; nothing was stored',
    [{ field: 'file', code: 'incomplete', message: '上传未完成', messageEn: 'upload incomplete' }],
  );

/** What the bytes were found to be when they are none of the accepted types. */
const REFUSED = {
  executable: ['文件是可执行程序，不能作为佐证材料上传', 'The file is an executable program'],
  legacyOffice: [
    '旧版 Office 文件（.doc/.xls/.ppt）或加密文件可能含有宏，请另存为 PDF 或 .docx/.xlsx/.pptx 后上传',
    'Legacy or encrypted Office files are refused: save as PDF or docx/xlsx/pptx',
  ],
  zip: ['压缩包不能作为佐证材料上传，请上传 PDF、图片或 Office 文件', 'Archives are refused'],
  unknown: [
    '文件类型不支持：只接受 PDF、JPEG、PNG、HEIC 图片和 Word/Excel/PowerPoint（.docx/.xlsx/.pptx）文件',
    'Unsupported type: PDF, JPEG, PNG, HEIC, docx, xlsx and pptx are accepted',
  ],
  empty: ['文件为空', 'The file is empty'],
} as const satisfies Record<string, readonly [string, string]>;
export type RefusedReason = keyof typeof REFUSED;

export function typeRefused(reason: RefusedReason): ApiException {
  const [zh, en] = REFUSED[reason];
  return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.AttachmentTypeRefused, zh, en, [
    { field: 'file', code: reason, message: zh, messageEn: en },
  ]);
}

export const typeMismatch = (extension: string, found: string) =>
  new ApiException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.AttachmentTypeMismatch,
    `文件扩展名 .${extension} 与文件内容（${found.toUpperCase()}）不符，已拒绝`,
    `The name says .${extension} but the content is ${found.toUpperCase()}`,
    [
      {
        field: 'file',
        code: 'typeMismatch',
        message: '扩展名与内容不符',
        messageEn: 'extension and content disagree',
      },
    ],
  );

/** Polyglots and active content (docs/attachments.md, the hostile-file rules). */
const HOSTILE = {
  html: [
    '文件开头含有网页（HTML/SVG/脚本）内容，疑似伪装文件，已拒绝',
    'The file starts with HTML, SVG or script markup',
  ],
  zipInside: [
    '文件同时是一个压缩包（多格式伪装文件），已拒绝',
    'The file is also a zip archive (a polyglot)',
  ],
  pdfActive: [
    'PDF 含有脚本、启动动作或内嵌文件，已拒绝，请打印为普通 PDF 后上传',
    'The PDF holds JavaScript, a launch action or embedded files',
  ],
  macros: ['Office 文件含有宏或 ActiveX 控件，已拒绝', 'The Office file holds macros or ActiveX controls'],
} as const satisfies Record<string, readonly [string, string]>;
export type HostileReason = keyof typeof HOSTILE;

export function hostile(reason: HostileReason): ApiException {
  const [zh, en] = HOSTILE[reason];
  return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.AttachmentHostile, zh, en, [
    { field: 'file', code: reason, message: zh, messageEn: en },
  ]);
}

const ZIP = {
  bomb: [
    'Office 文件解压后过大，疑似压缩炸弹，已拒绝',
    'The Office file expands beyond the limit (a zip bomb?)',
  ],
  zip64: ['Office 文件结构异常（ZIP64），疑似压缩炸弹，已拒绝', 'ZIP64 archives are refused'],
  corrupt: ['Office 文件已损坏，无法检查，已拒绝', 'The Office file is corrupt'],
  tooManyEntries: ['Office 文件包含的部件过多，不是正常的文档', 'Too many zip entries'],
} as const satisfies Record<string, readonly [string, string]>;
export type ZipReason = keyof typeof ZIP;

export function zipRefused(reason: ZipReason): ApiException {
  const [zh, en] = ZIP[reason];
  const status = reason === 'corrupt' ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.PAYLOAD_TOO_LARGE;
  return new ApiException(status, ErrorCode.AttachmentZipBomb, zh, en, [
    { field: 'file', code: reason, message: zh, messageEn: en },
  ]);
}

export const notEditable = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '只有项目的责任单位可以上传或删除佐证材料',
    'Only the responsible unit adds or removes attachments',
  );

export const alreadyRemoved = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.AttachmentRemoved,
    '该佐证材料已删除',
    'The attachment is already removed',
  );

export const eventNotFound = () =>
  ApiException.field(
    'eventId',
    'notFound',
    '该项目没有这条阶段记录',
    'No such stage event of this project',
    HttpStatus.UNPROCESSABLE_ENTITY,
  );

export const fundNotFound = () =>
  ApiException.field(
    'fundMonth',
    'notFound',
    '该项目在该月没有到位资金记录',
    'The project has no funds entry for that month',
    HttpStatus.UNPROCESSABLE_ENTITY,
  );

export const eventAndFund = () =>
  ApiException.field(
    'fundMonth',
    'exclusive',
    '一个文件只能佐证一条阶段记录或一个月的到位资金，不能同时选择',
    'Name a stage event or a fund month, not both',
    HttpStatus.UNPROCESSABLE_ENTITY,
  );
