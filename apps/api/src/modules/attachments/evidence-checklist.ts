import type {
  AttachmentRow,
  EvidenceCheck,
  EvidenceStep,
  ProjectEventRow,
  ProjectFundRow,
  ProjectRow,
  RequiredDocuments,
} from '@pacer/shared';
import { Dec, EVIDENCE_STEPS } from '@pacer/shared';

const STAGE_DATE: Record<
  Exclude<EvidenceStep, 'fund'>,
  'signedDate' | 'startedDate' | 'producingDate' | 'registeredDate'
> = {
  signed: 'signedDate',
  started: 'startedDate',
  producing: 'producingDate',
  registered: 'registeredDate',
};

/**
 * The project's evidence checklist: for every step the plan requires documents for and the project has reached
 * (a stage with its date; every month with funds in place above 0), whether a live attachment of one of the kinds
 * supports it — attached to that stage's event (the latest), that fund month, or the project as a whole (a stage only).
 */
export function evidenceChecklist(
  project: Pick<ProjectRow, 'signedDate' | 'startedDate' | 'producingDate' | 'registeredDate'>,
  events: readonly Pick<ProjectEventRow, 'id' | 'stage'>[],
  funds: readonly Pick<ProjectFundRow, 'month' | 'amountWan'>[],
  attachments: readonly Pick<AttachmentRow, 'kind' | 'eventId' | 'fundMonth' | 'removedAt'>[],
  required: RequiredDocuments,
): EvidenceCheck[] {
  const live = attachments.filter((a) => a.removedAt === null);
  const checks: EvidenceCheck[] = [];
  for (const step of EVIDENCE_STEPS) {
    const kinds = required[step];
    if (!kinds?.length) continue;
    if (step === 'fund') {
      for (const f of funds) {
        if (new Dec(f.amountWan).lte(0)) continue;
        const isMet = live.some((a) => kinds.includes(a.kind) && a.fundMonth === f.month);
        checks.push({ step, kinds: [...kinds], eventId: null, fundMonth: f.month, isMet });
      }
      continue;
    }
    if (!project[STAGE_DATE[step]]) continue;
    const event = [...events].reverse().find((e) => e.stage === step) ?? null;
    const eventId = event?.id ?? null;
    const isMet = live.some(
      (a) => kinds.includes(a.kind) && a.fundMonth === null && (a.eventId === null || a.eventId === eventId),
    );
    checks.push({ step, kinds: [...kinds], eventId, fundMonth: null, isMet });
  }
  return checks;
}
