import {
  LEAD_TRANSITIONS,
  type ChainListItem,
  type CreateFollowUpRequest,
  type FollowUpWay,
  type LeadRow,
  type LeadStatus,
} from '@pacer/shared';

// 线索 screens: the rules the list, the lead page and its dialogs share (pure, unit-tested).

export type LeadFlag = 'dormant' | 'overdue';

/** The flags a lead row shows: 逾期 first (a date passed), then 沉睡. */
export function leadFlags(row: Pick<LeadRow, 'isDormant' | 'isOverdue'>): LeadFlag[] {
  const flags: LeadFlag[] = [];
  if (row.isOverdue) flags.push('overdue');
  if (row.isDormant) flags.push('dormant');
  return flags;
}

export { LEAD_STATUS_TAG as STATUS_TAG } from '@/utils/lead-status';

/** The statuses a lead may move to from its own. */
export function nextStatuses(status: LeadStatus): readonly LeadStatus[] {
  return LEAD_TRANSITIONS[status];
}

/** What a move asks for: a reason (shelving, or taking a shelved lead up again), a project (signing). */
export function moveNeeds(from: LeadStatus, to: LeadStatus): { reason: boolean; project: boolean } {
  return { reason: to === 'shelved' || from === 'shelved', project: to === 'signed' };
}

/** A follow-up being typed (the dialog's model). */
export interface FollowUpDraft {
  followedOn: string;
  way: FollowUpWay;
  people: string;
  agreed: string;
  nextStep: string;
  nextStepDue: string | null;
}

export function emptyFollowUp(today: string, people = ''): FollowUpDraft {
  return { followedOn: today, way: 'visit', people, agreed: '', nextStep: '', nextStepDue: null };
}

/** The fields a draft still misses (before it is sent): keys of the follow-up form. */
export function followUpProblems(draft: FollowUpDraft, today: string): Array<keyof FollowUpDraft> {
  const problems: Array<keyof FollowUpDraft> = [];
  if (!draft.followedOn || draft.followedOn > today) problems.push('followedOn');
  if (!draft.people.trim()) problems.push('people');
  if (!draft.agreed.trim()) problems.push('agreed');
  if (draft.nextStepDue && !draft.nextStep.trim()) problems.push('nextStep');
  return problems;
}

export function followUpRequest(draft: FollowUpDraft): CreateFollowUpRequest {
  return {
    followedOn: draft.followedOn,
    way: draft.way,
    people: draft.people.trim(),
    agreed: draft.agreed.trim(),
    nextStep: draft.nextStep.trim() || null,
    nextStepDue: draft.nextStep.trim() ? draft.nextStepDue : null,
  };
}

/** The chain-link picker's options, grouped by chain ("chain · link"); none when chains are absent. */
export function chainLinkOptions(chains: readonly ChainListItem[] | null): Array<{ label: string; options: Array<{ value: number; label: string }> }> {
  return (chains ?? [])
    .filter((c) => c.links.length > 0)
    .map((c) => ({ label: c.name, options: c.links.map((l) => ({ value: l.id, label: `${c.name} · ${l.name}` })) }));
}

/** A lead's amount typed by a clerk: decimal text in 万元 (half-width, no separators), or null when empty. */
export function amountText(input: string): string | null | 'invalid' {
  const text = input.replace(/[，,\s]/g, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (text === '') return null;
  return /^\d{1,14}(\.\d{1,4})?$/.test(text) ? text : 'invalid';
}
