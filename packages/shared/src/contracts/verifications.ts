import type { VerificationKind, VerificationQueueStatus, VerificationStatus } from '../enums/verification.js';
import type { ProjectStage } from '../enums/project-stage.js';
import type { DateString, DecimalString, MonthString, Timestamp } from './common.js';
import type { DuplicateCandidate } from './projects.js';

/**
 * One counting event of a project and its 认定 (`GET /verifications`): a stage date (signed, started, producing,
 * registered) or a month's funds in place. `eventDate`/`amountWan` are the event's figures now; a change of them after
 * a decision puts it back to pending with `reopenedAt` set (the UI says 数据已更正，重新待认定).
 */
export interface VerificationRow {
  id: number;
  projectId: number;
  projectCode: string;
  projectName: string;
  investorName: string;
  unitId: number;
  unitName: string;
  kind: VerificationKind;
  /** The fund entry's month (kind `fund`), else null. */
  fundMonth: MonthString | null;
  /** The stage date (the fund month's first day for a fund entry). */
  eventDate: DateString;
  /** The agreed investment for `signed`, the month's amount for `fund`, else null. */
  amountWan: DecimalString | null;
  /** The project's figures beside the event's. */
  project: {
    stage: ProjectStage;
    agreedInvestmentWan: DecimalString;
    signedDate: DateString | null;
    startedDate: DateString | null;
    producingDate: DateString | null;
    registeredDate: DateString | null;
    droppedDate: DateString | null;
  };
  status: VerificationStatus;
  /** The 不予认定 reason (one of the plan's list), else null. */
  reason: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  /** The unit appealed the 不予认定 (once); pending again until the office decides (final). */
  isAppealed: boolean;
  appealNote: string | null;
  appealedAt: Timestamp | null;
  /** Whether the unit may still appeal: rejected and never appealed. */
  canAppeal: boolean;
  /** The event's figures changed after a decision: back to pending. */
  reopenedAt: Timestamp | null;
  /** The decision the correction set aside (with `reopenedAt`). */
  previousStatus: 'verified' | 'rejected' | null;
  /** 跨年重签: the decision the office starts from (rejected with reason 跨年重签), else null. */
  suggestedDecision: 'rejected' | null;
  suggestedReason: string | null;
  /** Projects that may be the same one (other units, earlier years, dropped), for a signed event. */
  duplicates: DuplicateCandidate[];
  version: number;
  updatedAt: Timestamp;
}

export interface VerificationsQuery {
  /** pending (appeals included), appealed (pending after an appeal), verified, rejected; all when absent. */
  status?: VerificationQueueStatus;
  unitId?: number;
  kind?: VerificationKind;
  /** The month of the event (its date, or the fund month). */
  month?: MonthString;
  projectId?: number;
  page?: number;
  pageSize?: number;
}

export interface VerificationsResponse {
  items: VerificationRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The 不予认定 reasons the office picks from (the newest plan's list covering the caller). */
  reasons: string[];
}

/** `POST /verifications/:id/decision` */
export interface VerificationDecisionRequest {
  decision: 'verified' | 'rejected';
  /** Required to reject: one of the plan's reasons. */
  reason?: string;
  note?: string;
  version: number;
}

/** `POST /verifications/:id/appeal`: once, on a 不予认定, by the unit. */
export interface VerificationAppealRequest {
  note: string;
  version: number;
}
