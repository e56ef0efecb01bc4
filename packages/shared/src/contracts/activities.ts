import type { ActivityKind, InvestorInput, InvestorRef } from './investment-work.js';

/**
 * 招商活动 (issue 17 part 2): a trip, a reception, an expo or an online meeting of a unit, with the units and people
 * taking part, the companies met and the leads it created or advanced. A reporter sees the activities of their units
 * (organising or taking part); admin and leader read all.
 */

/** How an activity touched a lead. */
export const ACTIVITY_LEAD_RELATIONS = ['created', 'advanced'] as const;
export type ActivityLeadRelation = (typeof ACTIVITY_LEAD_RELATIONS)[number];
export const ACTIVITY_LEAD_RELATION_LABELS: Readonly<Record<ActivityLeadRelation, string>> = {
  created: '新增线索',
  advanced: '推进线索',
};

export interface ActivityUnitRef {
  unitId: number;
  unitName: string;
}

export interface ActivityCompany extends InvestorRef {
  note: string | null;
}

export interface ActivityLeadRef {
  leadId: number;
  title: string;
  relation: ActivityLeadRelation;
}

/** An item of `GET /activities`. */
export interface ActivityRow {
  id: number;
  /** HD<year>-<id>. */
  code: string;
  kind: ActivityKind;
  title: string;
  /** The organising unit. */
  unitId: number;
  unitName: string;
  startDate: string;
  endDate: string;
  place: string;
  leadingOfficial: string;
  leadingOfficialTitle: string | null;
  /** 领导带队: a county leader led it. */
  ledByCountyLeader: boolean;
  /** The units taking part beside the organising one. */
  participantUnits: ActivityUnitRef[];
  /** People taking part, as typed. */
  participants: string[];
  companies: ActivityCompany[];
  outcome: string | null;
  leads: ActivityLeadRef[];
  chainId: number | null;
  chainName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ActivityDetail = ActivityRow;

export interface ActivitiesQuery {
  /** The organising unit or a unit taking part, with its subtree. */
  unitId?: number;
  kind?: ActivityKind;
  /** `YYYY-MM`: activities that start in the month. */
  month?: string;
  ledByCountyLeader?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** A company met: an existing one by id, or found (credit code, else name) or added to the 客商库. */
export type ActivityCompanyInput = InvestorInput & { note?: string | null };

export interface ActivityLeadInput {
  leadId: number;
  relation: ActivityLeadRelation;
}

export interface CreateActivityRequest {
  kind: ActivityKind;
  title: string;
  unitId: number;
  startDate: string;
  /** Defaults to the start date. */
  endDate?: string;
  place: string;
  leadingOfficial: string;
  leadingOfficialTitle?: string | null;
  ledByCountyLeader?: boolean;
  participantUnitIds?: number[];
  participants?: string[];
  companies?: ActivityCompanyInput[];
  outcome?: string | null;
  leads?: ActivityLeadInput[];
  chainId?: number | null;
}

/** Lists given replace the stored ones. */
export interface UpdateActivityRequest extends Partial<CreateActivityRequest> {
  version: number;
}

/** Soft removal: the row stays with who, when and why. */
export interface RemoveActivityRequest {
  version: number;
  reason: string;
}

/** Counts behind the list's header (the same filters). */
export interface ActivitiesPage {
  items: ActivityRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Over every matching activity, not only the page. */
  ledByCountyLeaderCount: number;
  companiesMet: number;
}
