/** 佐证材料的类别, chosen at upload (issue 15): 合同, 营业执照, 施工许可, 开工照片, 资金凭证, 其他. */
export const AttachmentKind = {
  Contract: 'contract',
  License: 'license',
  Permit: 'permit',
  StartPhoto: 'startPhoto',
  FundVoucher: 'fundVoucher',
  Other: 'other',
} as const;
export type AttachmentKind = (typeof AttachmentKind)[keyof typeof AttachmentKind];
export const ATTACHMENT_KINDS: readonly AttachmentKind[] = Object.values(AttachmentKind);
export const ATTACHMENT_KIND_LABELS: Readonly<Record<AttachmentKind, string>> = {
  contract: '合同',
  license: '营业执照',
  permit: '施工许可',
  startPhoto: '开工照片',
  fundVoucher: '资金凭证',
  other: '其他',
};

/** What the server found the bytes to be (by content, never by name). */
export const AttachmentType = {
  Pdf: 'pdf',
  Jpeg: 'jpeg',
  Png: 'png',
  Heic: 'heic',
  Docx: 'docx',
  Xlsx: 'xlsx',
  Pptx: 'pptx',
} as const;
export type AttachmentType = (typeof AttachmentType)[keyof typeof AttachmentType];
export const ATTACHMENT_TYPES: readonly AttachmentType[] = Object.values(AttachmentType);

/** The content type each detected type is stored and served with. */
export const ATTACHMENT_MIME: Readonly<Record<AttachmentType, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** File-name extensions accepted for each type (a name whose extension disagrees with the content is refused). */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<AttachmentType, readonly string[]>> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg', 'jfif'],
  png: ['png'],
  heic: ['heic', 'heif'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
};

/**
 * The evidence a stage (or a fund entry) needs, per plan: for each key, the kinds of which at least ONE must be
 * attached (签约: 合同; 开工: 施工许可 或 开工照片; 到位: 资金凭证). A key left out needs nothing.
 */
export const EvidenceStep = {
  Signed: 'signed',
  Started: 'started',
  Producing: 'producing',
  Registered: 'registered',
  Fund: 'fund',
} as const;
export type EvidenceStep = (typeof EvidenceStep)[keyof typeof EvidenceStep];
export const EVIDENCE_STEPS: readonly EvidenceStep[] = Object.values(EvidenceStep);
export const EVIDENCE_STEP_LABELS: Readonly<Record<EvidenceStep, string>> = {
  signed: '签约',
  started: '开工',
  producing: '投产',
  registered: '入库',
  fund: '到位资金',
};
export type RequiredDocuments = Partial<Record<EvidenceStep, AttachmentKind[]>>;
export const DEFAULT_REQUIRED_DOCUMENTS: RequiredDocuments = {
  signed: ['contract'],
  started: ['permit', 'startPhoto'],
  fund: ['fundVoucher'],
};
