import type { AttachmentRow, EvidenceCheck, VerificationQueueStatus, VerificationRow } from '@pacer/shared';

// 认定 queue helpers: pure functions of the rows, so the page and its tests agree on them.

/** The state a row shows: 申诉 for a pending appeal, else its status. */
export function queueStatus(row: Pick<VerificationRow, 'status' | 'isAppealed'>): VerificationQueueStatus {
  return row.status === 'pending' && row.isAppealed ? 'appealed' : row.status;
}

export function statusTagType(status: VerificationQueueStatus): 'info' | 'warning' | 'success' | 'danger' {
  return { pending: 'info', appealed: 'warning', verified: 'success', rejected: 'danger' }[status] as
    | 'info'
    | 'warning'
    | 'success'
    | 'danger';
}

/** The date (or fund month) that names the event. */
export function eventWhen(row: Pick<VerificationRow, 'eventDate' | 'fundMonth'>): string {
  return row.fundMonth ?? row.eventDate;
}

/** A re-signing (跨年重签 or after a drop): 不予认定 by default. */
export function isResignSuggested(row: Pick<VerificationRow, 'suggestedDecision'>): boolean {
  return row.suggestedDecision === 'rejected';
}

/** Decided one by one, never in a batch: a re-signing (rejected by default) and an appeal (its decision is final). */
export function needsOwnDecision(row: Pick<VerificationRow, 'suggestedDecision' | 'isAppealed'>): boolean {
  return isResignSuggested(row) || row.isAppealed;
}

/**
 * Batch 认定 with care: only pending events go, and never a re-signing or an appeal, which are listed apart to be
 * decided one by one. A batch never rejects.
 */
export function batchPlan(rows: readonly VerificationRow[]): { toVerify: VerificationRow[]; skipped: VerificationRow[] } {
  const pending = rows.filter((r) => r.status === 'pending');
  return {
    toVerify: pending.filter((r) => !needsOwnDecision(r)),
    skipped: pending.filter((r) => needsOwnDecision(r)),
  };
}

export interface DecisionForm {
  decision: 'verified' | 'rejected';
  reason: string;
  note: string;
}

/** Where the drawer starts: the suggestion (跨年重签) when there is one, else 认定. */
export function initialDecision(row: Pick<VerificationRow, 'suggestedDecision' | 'suggestedReason'>): DecisionForm {
  return row.suggestedDecision === 'rejected'
    ? { decision: 'rejected', reason: row.suggestedReason ?? '', note: '' }
    : { decision: 'verified', reason: '', note: '' };
}

/** A rejection needs a reason from the list; 认定 takes none. */
export function canSubmitDecision(form: DecisionForm, reasons: readonly string[]): boolean {
  return form.decision === 'verified' || (form.reason !== '' && reasons.includes(form.reason));
}

/** Enough of a project's attachments answer to pick one event's evidence (GET /projects/:id/attachments). */
export interface EvidenceSource {
  items: ReadonlyArray<Pick<AttachmentRow, 'id' | 'eventId' | 'fundMonth' | 'removedAt'>>;
  checklist: ReadonlyArray<Pick<EvidenceCheck, 'step' | 'eventId' | 'fundMonth' | 'isMet' | 'kinds'>>;
}

/**
 * The evidence of one counting event, as the office weighs it at 认定: the files filed for this event (a fund entry's
 * month; a stage's event) first, then the project's own files (neither event nor month); removed files left out. The
 * check says whether the plan's required documents for this step are there (null: the plan requires none).
 */
export function evidenceFor<T extends EvidenceSource['items'][number]>(
  row: Pick<VerificationRow, 'kind' | 'fundMonth'>,
  source: { items: readonly T[]; checklist: EvidenceSource['checklist'] },
): { forEvent: T[]; forProject: T[]; check: EvidenceSource['checklist'][number] | null } {
  const checks = source.checklist.filter(
    (c) => c.step === row.kind && (row.kind !== 'fund' || c.fundMonth === row.fundMonth),
  );
  const eventIds = new Set(checks.map((c) => c.eventId).filter((id): id is number => id !== null));
  const live = source.items.filter((a) => a.removedAt === null);
  const forEvent = live.filter((a) =>
    row.kind === 'fund' ? a.fundMonth === row.fundMonth : a.eventId !== null && eventIds.has(a.eventId),
  );
  const forProject = live.filter((a) => a.eventId === null && a.fundMonth === null);
  return { forEvent, forProject, check: checks[0] ?? null };
}
