import type {
  AttachmentKind,
  AttachmentType,
  EvidenceStep,
  RequiredDocuments,
} from '../enums/attachment-kind.js';
import type { MonthString, Timestamp } from './common.js';

/**
 * The text fields of `POST /projects/:id/attachments` (multipart/form-data, the file in the part `file`). `eventId`
 * (a stage event of the project) and `fundMonth` (a month of its 到位资金) are exclusive: the file supports that
 * entry; with neither it supports the project.
 */
export interface UploadAttachmentRequest {
  kind: AttachmentKind;
  eventId?: number;
  fundMonth?: MonthString;
  note?: string;
}

/** `DELETE /attachments/:id`: a soft removal; the file stays for the audit trail. */
export interface RemoveAttachmentRequest {
  reason: string;
}

export interface AttachmentRow {
  id: number;
  projectId: number;
  eventId: number | null;
  fundMonth: MonthString | null;
  kind: AttachmentKind;
  /** The sanitised original name (path, control and bidi characters removed). */
  fileName: string;
  /** Found by content. */
  type: AttachmentType;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  note: string | null;
  uploadedBy: string;
  uploadedAt: Timestamp;
  /** Set once removed (only an admin lists removed ones, with `includeRemoved=true`). */
  removedAt: Timestamp | null;
  removedBy: string | null;
  removedReason: string | null;
  /** `GET /attachments/:id` (relative to /api/v1). */
  downloadPath: string;
  /** Whether the browser may show it (images but HEIC, PDF): served inline. */
  isInline: boolean;
}

/** One line of a project's evidence checklist: a step the project reached and whether its evidence is there. */
export interface EvidenceCheck {
  step: EvidenceStep;
  /** One of these kinds satisfies the step. */
  kinds: AttachmentKind[];
  /** The stage's event or fund month the check is about (null: the project as a whole). */
  eventId: number | null;
  fundMonth: MonthString | null;
  isMet: boolean;
}

export interface AttachmentsResponse {
  items: AttachmentRow[];
  /** Bytes of the project's live attachments and the limits. */
  usedBytes: number;
  maxFileBytes: number;
  maxProjectBytes: number;
  /** The plan's required documents (the default when no `planId` was given) and which are missing. */
  requiredDocuments: RequiredDocuments;
  checklist: EvidenceCheck[];
}

export interface AttachmentsQuery {
  planId?: number;
  includeRemoved?: boolean;
}
