import type { ProjectStage } from '../enums/project-stage.js';
import type { DateString, DecimalString, Timestamp } from './common.js';
import type {
  ActivityKind,
  ChainLinkRef,
  ChainListItem,
  ChainSegment,
  LeadStatus,
} from './investment-work.js';

/**
 * 产业链 (issue 17 part 4): a chain of the county (链长制: a leader official, a lead department, a 专班), its links
 * (上游/中游/下游 环节) with their 招商目标企业, and the map (全景图 = every link and target; 现状图 = what the county has
 * on each link, coloured). The admin writes; every business role reads. A chain is matched to the ledger by name:
 * a project whose `industry_chain` text is the chain's name belongs to the chain, and to a link when its
 * `chainLinkId` says which (else it shows under 未归链环节).
 */

/** A company a link wants to attract (found in or added to the 客商库 by credit code, else name). */
export interface ChainTargetCompany {
  id: number;
  companyName: string;
  investorId: number | null;
  note: string | null;
}

/** A link of a chain with its description and targets. */
export interface ChainLinkDetail extends ChainLinkRef {
  description: string | null;
  sortOrder: number;
  targets: ChainTargetCompany[];
}

/** An item of `GET /chains`. */
export interface ChainSummary extends ChainListItem {
  description: string | null;
  leadUnitName: string | null;
  taskForceUnitName: string | null;
  sortOrder: number;
  /** The name is one of the industry chains of a plan that is not closed (the ledger's 所属产业链 choices). */
  isPlanChain: boolean;
  /** Live ledger projects of the chain (industry_chain = name, or on one of its links), every unit. */
  projectCount: number;
  /** …of which on no link yet (未归链环节). */
  unlinkedProjectCount: number;
  targetCount: number;
  updatedAt: Timestamp;
}

export interface ChainsResponse {
  items: ChainSummary[];
  /** The industry chains of the plans that are not closed and that no chain carries yet: offered to add. */
  planChainsWithoutChain: string[];
}

/** `GET /chains/:id`. A removed chain is still readable (with who removed it, when and why) but not listed. */
export interface ChainDetail extends ChainSummary {
  links: ChainLinkDetail[];
  removedAt: Timestamp | null;
  removedReason: string | null;
}

/** A target company in a request: the 客商库 company (by credit code when given, else by name), with a note. */
export interface ChainTargetInput {
  name: string;
  creditCode?: string | null;
  note?: string | null;
}

/**
 * A link in a request. With `id`: that link, renamed, moved or with new targets; without: a new link (a name the
 * chain had on a removed link brings that link back). The order of the list is the links' order.
 */
export interface ChainLinkInput {
  id?: number;
  segment: ChainSegment;
  name: string;
  description?: string | null;
  /** The link's whole target list (replaces it); omitted on an existing link = unchanged. */
  targets?: ChainTargetInput[];
}

export interface CreateChainRequest {
  name: string;
  description?: string | null;
  leaderName?: string | null;
  leaderTitle?: string | null;
  leadUnitId?: number | null;
  taskForceUnitId?: number | null;
  sortOrder?: number;
  links?: ChainLinkInput[];
}

/**
 * `PATCH /chains/:id` (carries `version`). `links`, when given, is the chain's whole list: a link left out is removed
 * (refused while a project or lead is on it). `removeReason` removes the chain softly (refused while a project, lead
 * or activity is on it).
 */
export interface UpdateChainRequest extends Partial<Omit<CreateChainRequest, 'links'>> {
  version: number;
  links?: ChainLinkInput[];
  removeReason?: string;
}

// ---------- the map ----------

/** How far the county is on a link, best first: 已投产 / 在建 / 已签约 / 在谈 / 空白. */
export const CHAIN_LINK_STATES = ['producing', 'started', 'signed', 'negotiating', 'gap'] as const;
export type ChainLinkState = (typeof CHAIN_LINK_STATES)[number];
export const CHAIN_LINK_STATE_LABELS: Readonly<Record<ChainLinkState, string>> = {
  producing: '已投产',
  started: '在建',
  signed: '已签约',
  negotiating: '在谈',
  gap: '空白',
};

/** Projects of one stage on a link: how many, their agreed investment and their funds in place to date (万元). */
export interface ChainStageFigure {
  count: number;
  agreedWan: DecimalString;
  fundsWan: DecimalString;
}

export interface ChainMapTarget extends ChainTargetCompany {
  /** A live lead (any unit) names this company. */
  hasLead: boolean;
  /** A live ledger project (any unit) names this company (by 客商库 id, credit code or name). */
  hasProject: boolean;
}

/** One link of the map; `linkId` null is 未归链环节 (projects of the chain on no link). */
export interface ChainMapLink {
  linkId: number | null;
  segment: ChainSegment | null;
  name: string;
  producing: ChainStageFigure;
  started: ChainStageFigure;
  signed: ChainStageFigure;
  /** Ledger projects at 洽谈 (or 线索) stage. */
  negotiating: ChainStageFigure;
  /** Leads 洽谈中 on the link (the lead table). */
  leadsNegotiating: number;
  /** Leads 新线索 or 洽谈中 on the link. */
  leadsOpen: number;
  targets: ChainMapTarget[];
  state: ChainLinkState;
}

export interface ChainMapProject {
  id: number;
  code: string;
  name: string;
  investorName: string;
  unitName: string;
  stage: ProjectStage;
  agreedInvestmentWan: DecimalString;
  fundsWan: DecimalString;
  signedDate: DateString | null;
  linkId: number | null;
}

export interface ChainMapLead {
  id: number;
  code: string;
  title: string;
  investorName: string;
  unitName: string;
  status: LeadStatus;
  intendedInvestmentWan: DecimalString | null;
  lastFollowUpOn: DateString | null;
  linkId: number | null;
}

export interface ChainMapActivity {
  id: number;
  code: string;
  title: string;
  kind: ActivityKind;
  unitName: string;
  startDate: DateString;
  endDate: DateString;
  place: string;
}

/**
 * `GET /chains/:id/map`. The figures per link are the county's (every unit: the 现状图 is the county's picture and
 * names no project); the lists of projects, leads and activities hold only what the caller may read (a reporter:
 * their units').
 */
export interface ChainMapResponse {
  chain: { id: number; name: string; leaderName: string | null; leaderTitle: string | null };
  links: ChainMapLink[];
  /** Projects of the chain on no link (industry_chain = the chain's name, no link chosen), or null when none. */
  unlinked: ChainMapLink | null;
  /** Names of the links with nothing (state `gap`), in order. */
  gaps: string[];
  projects: ChainMapProject[];
  leads: ChainMapLead[];
  activities: ChainMapActivity[];
}
