import type {
  ActivityCompanyInput,
  ActivityDetail,
  ActivityKind,
  ActivityLeadInput,
  CreateActivityRequest,
  InvestorRef,
  UpdateActivityRequest,
} from '@pacer/shared';
import { ACTIVITY_KIND_LABELS } from '@pacer/shared';

// 记一次活动: the form's model, its defaults (today, the clerk's unit, 外出招商) and the requests it sends.

/** A company met as the form holds it: from the 客商库 (investorId) or typed (name). */
export interface CompanyEntry {
  investorId: number | null;
  name: string;
  creditCode: string | null;
  note: string;
}

export interface ActivityFormModel {
  kind: ActivityKind;
  title: string;
  unitId: number | null;
  startDate: string;
  endDate: string;
  place: string;
  leadingOfficial: string;
  leadingOfficialTitle: string;
  ledByCountyLeader: boolean;
  participantUnitIds: number[];
  participants: string[];
  companies: CompanyEntry[];
  outcome: string;
  leads: ActivityLeadInput[];
  chainId: number | null;
}

export function newActivityForm(
  today: string,
  unitId: number | null,
  kind: ActivityKind = 'outbound',
): ActivityFormModel {
  return {
    kind,
    title: '',
    unitId,
    startDate: today,
    endDate: '',
    place: '',
    leadingOfficial: '',
    leadingOfficialTitle: '',
    ledByCountyLeader: false,
    participantUnitIds: [],
    participants: [],
    companies: [],
    outcome: '',
    leads: [],
    chainId: null,
  };
}

export function formFromActivity(activity: ActivityDetail): ActivityFormModel {
  return {
    kind: activity.kind,
    title: activity.title,
    unitId: activity.unitId,
    startDate: activity.startDate,
    endDate: activity.endDate === activity.startDate ? '' : activity.endDate,
    place: activity.place,
    leadingOfficial: activity.leadingOfficial,
    leadingOfficialTitle: activity.leadingOfficialTitle ?? '',
    ledByCountyLeader: activity.ledByCountyLeader,
    participantUnitIds: activity.participantUnits.map((u) => u.unitId),
    participants: [...activity.participants],
    companies: activity.companies.map((c) => ({
      investorId: c.id,
      name: c.name,
      creditCode: c.creditCode,
      note: c.note ?? '',
    })),
    outcome: activity.outcome ?? '',
    leads: activity.leads.map((l) => ({ leadId: l.leadId, relation: l.relation })),
    chainId: activity.chainId,
  };
}

/** A company's name for comparing: spaces dropped, case folded (as the 客商库 matches names). */
export function companyKey(name: string): string {
  return name.replace(/\s/g, '').toLowerCase();
}

/** Adds a company typed or picked from the suggestions; a name already listed is not added twice. */
export function addCompany(list: readonly CompanyEntry[], company: string | InvestorRef): CompanyEntry[] {
  const entry: CompanyEntry =
    typeof company === 'string'
      ? { investorId: null, name: company.trim(), creditCode: null, note: '' }
      : { investorId: company.id, name: company.name, creditCode: company.creditCode, note: '' };
  if (entry.name === '' || list.some((c) => companyKey(c.name) === companyKey(entry.name))) return [...list];
  return [...list, entry];
}

/** The title a quick entry leaves blank: 「外出招商：江苏恒远动力电池有限公司」, else the kind and the place. */
export function titleOf(model: ActivityFormModel): string {
  const typed = model.title.trim();
  if (typed) return typed;
  const subject = model.companies[0]?.name ?? model.place.trim();
  const label = ACTIVITY_KIND_LABELS[model.kind];
  return (subject ? `${label}：${subject}` : label).slice(0, 200);
}

function companiesOf(model: ActivityFormModel): ActivityCompanyInput[] {
  return model.companies.map((c) => {
    const note = c.note.trim() || null;
    return c.investorId !== null
      ? { investorId: c.investorId, note }
      : { name: c.name.trim(), creditCode: c.creditCode, note };
  });
}

export function toCreateRequest(model: ActivityFormModel): CreateActivityRequest {
  return {
    kind: model.kind,
    title: titleOf(model),
    unitId: model.unitId!,
    startDate: model.startDate,
    ...(model.endDate ? { endDate: model.endDate } : {}),
    place: model.place.trim(),
    leadingOfficial: model.leadingOfficial.trim(),
    leadingOfficialTitle: model.leadingOfficialTitle.trim() || null,
    ledByCountyLeader: model.ledByCountyLeader,
    participantUnitIds: [...model.participantUnitIds],
    participants: model.participants.map((p) => p.trim()).filter((p) => p !== ''),
    companies: companiesOf(model),
    outcome: model.outcome.trim() || null,
    leads: [...model.leads],
    chainId: model.chainId,
  };
}

/** The edit: every field as the form holds it, with the version read (the API answers 409 when it moved). */
export function toUpdateRequest(model: ActivityFormModel, version: number): UpdateActivityRequest {
  const body = toCreateRequest(model);
  return { ...body, endDate: model.endDate || model.startDate, version };
}
