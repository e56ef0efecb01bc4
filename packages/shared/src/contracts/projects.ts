import type { ProjectStage } from '../enums/project-stage.js';
import type { Fortune500Kind, InvestorOrigin, ShareStatus } from '../enums/project-enums.js';
import type { DateString, DecimalString, MonthString, Timestamp } from './common.js';

/**
 * A unit's credit on a project. In a request: a co-credited unit (not the responsible one), share > 0.
 * In a ProjectRow: every credited unit, the responsible one first (its share is 100 − the others), summing to 100.
 */
export interface ProjectShare {
  unitId: number;
  unitName?: string;
  /** Percent, e.g. '60' (up to 4 decimals). */
  sharePct: DecimalString;
}

/**
 * A credited unit's share as the ledger shows it. `status` says whether it counts for that unit: a `pending` or
 * `declined` share counts for the responsible unit instead (docs/scoring.md §4, 分成确认).
 */
export interface ProjectShareRow extends ProjectShare {
  unitName: string;
  status: ShareStatus;
  /** Who proposed the share and when (null for a share confirmed when it was written). */
  proposedByName: string | null;
  proposedAt: Timestamp | null;
  /** Who confirmed or declined it and when. */
  decidedByName: string | null;
  decidedAt: Timestamp | null;
  /** Why it was declined. */
  declineReason: string | null;
}

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  investorName: string;
  investorCreditCode: string | null;
  origin: InvestorOrigin;
  industryChain: string | null;
  /** The 产业链 link (issue 17), when chosen; its chain is named by `industryChain`. */
  chainLinkId: number | null;
  chainLinkName: string | null;
  agreedInvestmentWan: DecimalString;
  fortune500Kind: Fortune500Kind | null;
  isChainLeader: boolean;
  isSpecialized: boolean;
  unitId: number;
  unitName: string;
  /** Every credited unit, the responsible one first; see ProjectShareRow for what counts. */
  shares: ProjectShareRow[];
  stage: ProjectStage;
  leadDate: DateString | null;
  negotiatingDate: DateString | null;
  signedDate: DateString | null;
  startedDate: DateString | null;
  producingDate: DateString | null;
  registeredDate: DateString | null;
  droppedDate: DateString | null;
  isExcluded: boolean;
  excludedReason: string | null;
  description: string | null;
  contact: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export interface ProjectEventRow {
  id: number;
  stage: ProjectStage | 'registered';
  eventDate: DateString;
  isCorrection: boolean;
  reason: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface ProjectFundRow {
  month: MonthString;
  amountWan: DecimalString;
  note: string | null;
  version: number;
  updatedAt: Timestamp;
}

export interface ProjectDetail extends ProjectRow {
  events: ProjectEventRow[];
  funds: ProjectFundRow[];
  duplicates: DuplicateCandidate[];
}

/** A project elsewhere (any unit, any year) that may be the same one: 一个项目多个单位报. */
export interface DuplicateCandidate {
  projectId: number;
  code: string;
  name: string;
  investorName: string;
  unitName: string;
  agreedInvestmentWan: DecimalString;
  signedDate: DateString | null;
  reason: 'same_credit_code' | 'similar_name_and_amount';
  /**
   * What makes it more than a look-alike (issue 15, counted once): `other_unit` — entered by another unit rather than
   * shared; `resigned_cross_year` — signed in an earlier year than this project (跨年重签); `resigned_after_drop` —
   * dropped, and this one signed again.
   */
  rules: DuplicateRule[];
}

export type DuplicateRule = 'other_unit' | 'resigned_cross_year' | 'resigned_after_drop';

export interface CreateProjectRequest {
  name: string;
  investorName: string;
  investorCreditCode?: string | null;
  origin: InvestorOrigin;
  industryChain?: string | null;
  /** A link of the chain named by `industryChain` (GET /chains); null or omitted = none chosen. */
  chainLinkId?: number | null;
  agreedInvestmentWan: DecimalString;
  fortune500Kind?: Fortune500Kind | null;
  isChainLeader?: boolean;
  isSpecialized?: boolean;
  unitId: number;
  /** Co-credited units; the responsible unit's share is what is left to 100. */
  shares?: ProjectShare[];
  /** Initial stage and its date (default: lead, today); a project is never registered dropped. */
  stage?: Exclude<ProjectStage, 'dropped'>;
  stageDate?: DateString;
  description?: string | null;
  contact?: string | null;
}

export interface UpdateProjectRequest extends Partial<Omit<CreateProjectRequest, 'stage' | 'stageDate'>> {
  version: number;
  isExcluded?: boolean;
  excludedReason?: string | null;
}

export interface ProjectEventRequest {
  stage: ProjectStage | 'registered';
  date: DateString;
  /** A date earlier than the current one, or a step back, is a correction and needs a reason. */
  reason?: string;
}

export interface PutFundRequest {
  amountWan: DecimalString;
  note?: string | null;
  /** The current version when the month already has a figure. */
  version?: number;
}

export interface DeleteProjectRequest {
  version: number;
  reason: string;
}

export interface ProjectsQuery {
  planId?: number;
  unitId?: number;
  stage?: ProjectStage;
  /** Size band lower bound in 万元, inclusive (e.g. 100000 for 10亿元以上: 以上 includes the value). */
  minAgreedWan?: DecimalString;
  /** Size band upper bound in 万元, exclusive, so that bands 3–10亿 / 10–20亿 tile without overlap. */
  maxAgreedWan?: DecimalString;
  origin?: InvestorOrigin;
  industryChain?: string;
  q?: string;
  page?: number;
  /** At most 200; default 20. */
  pageSize?: number;
  sort?: 'signedDate' | 'agreedInvestmentWan' | 'name' | 'updatedAt';
  order?: 'asc' | 'desc';
}

export interface ProjectSaveResponse {
  project: ProjectDetail;
  duplicates: DuplicateCandidate[];
}

/**
 * `GET /projects/duplicates`: the form's check before saving. A candidate has the same credit code, or the same
 * investor (case- and space-insensitive) with a similar name (character-bigram Dice ≥ 0.5) and an agreed amount
 * within ±20% (of the larger; skipped when no amount is given). Deleted projects are never candidates.
 */
export interface DuplicatesQuery {
  name?: string;
  investorName?: string;
  investorCreditCode?: string;
  agreedInvestmentWan?: DecimalString;
  /** The project being edited. */
  excludeId?: number;
}

export interface DuplicatesResponse {
  items: DuplicateCandidate[];
}

/** `GET /projects/pending-shares`: shares proposed to the caller's units (an admin: every unit), oldest first. */
export interface PendingShareRow {
  projectId: number;
  projectCode: string;
  projectName: string;
  investorName: string;
  agreedInvestmentWan: DecimalString;
  stage: ProjectStage;
  signedDate: DateString | null;
  /** The responsible unit that proposed the share. */
  responsibleUnitId: number;
  responsibleUnitName: string;
  /** The credited unit asked to confirm. */
  unitId: number;
  unitName: string;
  sharePct: DecimalString;
  proposedByName: string | null;
  proposedAt: Timestamp | null;
}

export interface PendingSharesResponse {
  items: PendingShareRow[];
}

export const SHARE_DECISIONS = ['confirmed', 'declined'] as const;
export type ShareDecision = (typeof SHARE_DECISIONS)[number];

/**
 * `POST /projects/:id/shares/:unitId/decision`: the credited unit's reporter (or an admin) confirms or declines a
 * pending share. `sharePct` is the share the caller saw: when the responsible unit has changed it since, 409.
 */
export interface ShareDecisionRequest {
  decision: ShareDecision;
  sharePct: DecimalString;
  /** Required to decline. */
  reason?: string;
}
