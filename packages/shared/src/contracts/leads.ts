import type { DateString, DecimalString, Timestamp } from './common.js';
import type {
  ChainLinkRef,
  FollowUpWay,
  InvestorInput,
  InvestorRef,
  LeadSource,
  LeadStatus,
} from './investment-work.js';

/**
 * 线索 (issue 17): a lead with an owner and a trail. Routes: `GET/POST /leads`, `GET/PATCH /leads/:id`,
 * `GET/POST /leads/:id/follow-ups`, `GET /leads/summary`, `GET/PUT /leads/settings`.
 */

/** Statuses a lead is still being worked on in (沉睡 and 逾期 apply to these only). */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['new', 'negotiating'];

/** The moves a PATCH may make: 新线索 → 洽谈中 → 已签约 | 已搁置; a shelved lead is taken up again (with a reason). */
export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['negotiating', 'signed', 'shelved'],
  negotiating: ['signed', 'shelved'],
  signed: [],
  shelved: ['new', 'negotiating'],
};

/** Days without a follow-up after which an open lead is 沉睡, unless the county set another number. */
export const DEFAULT_DORMANT_DAYS = 30;

/** A row of the leads list (and the head of a lead's page). */
export interface LeadRow {
  id: number;
  code: string;
  title: string;
  unitId: number;
  unitName: string;
  /** The responsible person: a user of the unit, or only a name. */
  ownerUserId: number | null;
  ownerName: string;
  /** 专班 (a task_force unit). */
  taskForceUnitId: number | null;
  taskForceUnitName: string | null;
  investor: InvestorRef;
  chainLink: ChainLinkRef | null;
  intendedInvestmentWan: DecimalString | null;
  source: LeadSource;
  status: LeadStatus;
  shelvedReason: string | null;
  /** The ledger project a signed lead links. */
  projectId: number | null;
  projectCode: string | null;
  projectName: string | null;
  foundOn: DateString;
  statusChangedOn: DateString;
  lastFollowUpOn: DateString | null;
  nextStep: string | null;
  nextStepDue: DateString | null;
  /** Days since the last follow-up (or since the lead was found, when it has none). */
  quietDays: number;
  /** 沉睡: open and no follow-up for the county's number of days. */
  isDormant: boolean;
  /** 逾期: open and the next step's date has passed. */
  isOverdue: boolean;
  description: string | null;
  version: number;
  updatedAt: Timestamp;
}

export interface LeadStatusChangeRow {
  id: number;
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus;
  changedOn: DateString;
  reason: string | null;
  changedByName: string | null;
}

export interface LeadFollowUpRow {
  id: number;
  followedOn: DateString;
  way: FollowUpWay;
  people: string;
  agreed: string;
  nextStep: string | null;
  nextStepDue: DateString | null;
  createdByName: string | null;
  createdAt: Timestamp;
}

/** `GET /leads/:id`. */
export interface LeadDetail extends LeadRow {
  statusChanges: LeadStatusChangeRow[];
  followUps: LeadFollowUpRow[];
}

/** `GET /leads`: filters (a reporter sees their units' subtree only). */
export interface LeadsQuery {
  /** The unit or any unit below it. */
  unitId?: number;
  status?: LeadStatus;
  source?: LeadSource;
  ownerUserId?: number;
  chainLinkId?: number;
  investorId?: number;
  isDormant?: boolean;
  isOverdue?: boolean;
  /** Text in the title, code, owner or company. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** `POST /leads`. */
export interface CreateLeadRequest {
  title: string;
  unitId: number;
  /** A user of the unit (the name is then theirs unless given). */
  ownerUserId?: number | null;
  /** Required when no ownerUserId. */
  ownerName?: string | null;
  taskForceUnitId?: number | null;
  investor: InvestorInput;
  chainLinkId?: number | null;
  intendedInvestmentWan?: DecimalString | null;
  source: LeadSource;
  /** Default today; not in the future. */
  foundOn?: DateString;
  description?: string | null;
  nextStep?: string | null;
  nextStepDue?: DateString | null;
}

/**
 * `PATCH /leads/:id` (carries version). A status change: to `signed` with `projectId` (a ledger project of the same
 * unit), to `shelved` with `reason`; taking up a shelved lead again also needs `reason`.
 */
export interface UpdateLeadRequest {
  version: number;
  title?: string;
  ownerUserId?: number | null;
  ownerName?: string;
  taskForceUnitId?: number | null;
  chainLinkId?: number | null;
  intendedInvestmentWan?: DecimalString | null;
  source?: LeadSource;
  description?: string | null;
  status?: LeadStatus;
  /** The day of the status change (default today; not in the future, not before the last change). */
  statusChangedOn?: DateString;
  reason?: string | null;
  projectId?: number | null;
}

/** `POST /leads/:id/follow-ups`: a new follow-up sets the lead's last follow-up, next step and its date. */
export interface CreateFollowUpRequest {
  followedOn: DateString;
  way: FollowUpWay;
  people: string;
  agreed: string;
  nextStep?: string | null;
  nextStepDue?: DateString | null;
}

export interface FollowUpsResponse {
  items: LeadFollowUpRow[];
}

/** `GET /leads/summary`: the caller's open leads, 沉睡 and 逾期 (the dashboard's card). */
export interface LeadsSummary {
  open: number;
  negotiating: number;
  dormant: number;
  overdue: number;
  dormantDays: number;
}

/** `GET/PUT /leads/settings` (PUT: admin). */
export interface LeadsSettings {
  dormantDays: number;
}
