import type {
  AttachmentKind,
  AttachmentRow,
  EvidenceCheck,
  ProjectDetail,
  UploadAttachmentRequest,
} from '@pacer/shared';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MIME, ATTACHMENT_TYPES } from '@pacer/shared';

// The 佐证材料 section's pure parts: what the file picker offers, what an upload supports, sizes, the checklist.

/** The file picker's `accept`: every accepted extension and content type (the server checks the content anyway). */
export const ATTACHMENT_ACCEPT = [
  ...ATTACHMENT_TYPES.flatMap((t) => ATTACHMENT_EXTENSIONS[t].map((e) => `.${e}`)),
  ...new Set(Object.values(ATTACHMENT_MIME)),
].join(',');

/** What a file supports: the project as a whole, one stage event, or one month's funds. */
export type SupportTarget = 'project' | `event:${number}` | `fund:${string}`;

export interface SupportOption {
  value: SupportTarget;
  /** i18n key and its params. */
  labelKey: string;
  params: Record<string, string>;
}

const COUNTED_STAGES = new Set(['signed', 'started', 'producing', 'registered']);

/** The project, then its counting stage events (newest first), then its fund months (newest first). */
export function supportOptions(project: Pick<ProjectDetail, 'events' | 'funds'>): SupportOption[] {
  const options: SupportOption[] = [
    { value: 'project', labelKey: 'projects.attachments.support.project', params: {} },
  ];
  for (const e of [...project.events].reverse()) {
    if (!COUNTED_STAGES.has(e.stage)) continue;
    options.push({
      value: `event:${e.id}`,
      labelKey: 'projects.attachments.support.event',
      params: { stage: e.stage, date: e.eventDate },
    });
  }
  for (const f of [...project.funds].reverse()) {
    options.push({
      value: `fund:${f.month}`,
      labelKey: 'projects.attachments.support.fund',
      params: { month: f.month },
    });
  }
  return options;
}

/** The kind a clerk most likely attaches to that target (签约 → 合同, 开工 → 开工照片, 到位 → 资金凭证). */
export function defaultKind(target: SupportTarget, project: Pick<ProjectDetail, 'events'>): AttachmentKind {
  if (target.startsWith('fund:')) return 'fundVoucher';
  if (target.startsWith('event:')) {
    const stage = project.events.find((e) => e.id === Number(target.slice(6)))?.stage;
    if (stage === 'signed') return 'contract';
    if (stage === 'started') return 'startPhoto';
    if (stage === 'registered' || stage === 'producing') return 'other';
  }
  return 'contract';
}

export function uploadFields(
  kind: AttachmentKind,
  target: SupportTarget,
  note: string,
): UploadAttachmentRequest {
  const fields: UploadAttachmentRequest = { kind };
  if (target.startsWith('event:')) fields.eventId = Number(target.slice(6));
  if (target.startsWith('fund:')) fields.fundMonth = target.slice(5);
  if (note.trim()) fields.note = note.trim();
  return fields;
}

/** The target an attachment supports, as a SupportTarget. */
export function targetOf(row: Pick<AttachmentRow, 'eventId' | 'fundMonth'>): SupportTarget {
  if (row.eventId !== null) return `event:${row.eventId}`;
  if (row.fundMonth !== null) return `fund:${row.fundMonth}`;
  return 'project';
}

export { formatBytes } from '@/utils/format';

/** Shown as a thumbnail (the browser scales the image; HEIC is not shown by most browsers). */
export function isThumbnail(row: Pick<AttachmentRow, 'type'>): boolean {
  return row.type === 'jpeg' || row.type === 'png';
}

/** How many checklist lines still miss their evidence. */
export function missingCount(checklist: readonly EvidenceCheck[]): number {
  return checklist.filter((c) => !c.isMet).length;
}

/** A client-side first check (the server decides): over the per-file limit, or over what the project has left. */
export function sizeProblem(
  file: Pick<File, 'size'>,
  limits: { maxFileBytes: number; maxProjectBytes: number; usedBytes: number },
): 'tooLarge' | 'projectFull' | null {
  if (file.size > limits.maxFileBytes) return 'tooLarge';
  if (limits.usedBytes + file.size > limits.maxProjectBytes) return 'projectFull';
  return null;
}

/** One tag of the checklist: a stage, or all fund months together (met n of total, the months missing). */
export interface ChecklistTag {
  step: EvidenceCheck['step'];
  kinds: AttachmentKind[];
  isMet: boolean;
  months: { met: number; total: number; missing: string[] } | null;
}

export function checklistTags(checklist: readonly EvidenceCheck[]): ChecklistTag[] {
  const tags: ChecklistTag[] = checklist
    .filter((c) => c.fundMonth === null)
    .map((c) => ({ step: c.step, kinds: c.kinds, isMet: c.isMet, months: null }));
  const funds = checklist.filter((c) => c.fundMonth !== null);
  if (funds.length) {
    const missing = funds.filter((c) => !c.isMet).map((c) => c.fundMonth!);
    tags.push({
      step: 'fund',
      kinds: funds[0]!.kinds,
      isMet: missing.length === 0,
      months: { met: funds.length - missing.length, total: funds.length, missing },
    });
  }
  return tags;
}
