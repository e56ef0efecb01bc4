import type { DateString, DecimalString, Timestamp } from './common.js';
import type { InvestorRef, LeadStatus } from './investment-work.js';
import type { Fortune500Kind, InvestorOrigin } from '../enums/project-enums.js';
import type { ProjectStage } from '../enums/project-stage.js';

/**
 * 客商库 (issue 17): one company once across the county, found by 统一社会信用代码 or by name, with every unit's leads
 * and ledger projects on its page. Routes: `GET/POST /investors`, `GET/PATCH /investors/:id`.
 */

/** A contact person of a company. */
export interface InvestorContact {
  id: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  note: string | null;
}

/** A contact as a request gives it (a PATCH replaces the whole list). */
export interface InvestorContactInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  note?: string | null;
}

/** `GET /investors?q=&page=&pageSize=`: name or credit code contains `q`. */
export interface InvestorsQuery {
  q?: string;
  page?: number;
  pageSize?: number;
}

/** A row of the 客商库 list. */
export interface InvestorListItem extends InvestorRef {
  origin: InvestorOrigin | null;
  industry: string | null;
  /** Leads of every unit naming this company. */
  leadCount: number;
  /** Live ledger projects of every unit matched to it (by investor id, credit code or name). */
  projectCount: number;
  updatedAt: Timestamp;
}

/** A lead of any unit on the company's page. */
export interface InvestorLeadRow {
  id: number;
  code: string;
  title: string;
  unitId: number;
  unitName: string;
  ownerName: string;
  status: LeadStatus;
  foundOn: DateString;
  lastFollowUpOn: DateString | null;
}

/** A ledger project of any unit on the company's page, and how it was matched to the company. */
export interface InvestorProjectRow {
  id: number;
  code: string;
  name: string;
  unitId: number;
  unitName: string;
  stage: ProjectStage;
  agreedInvestmentWan: DecimalString;
  matchedBy: 'investorId' | 'creditCode' | 'name';
}

/** `GET /investors/:id`. */
export interface InvestorDetail extends InvestorRef {
  origin: InvestorOrigin | null;
  industry: string | null;
  address: string | null;
  fortune500Kind: Fortune500Kind | null;
  note: string | null;
  contacts: InvestorContact[];
  leads: InvestorLeadRow[];
  projects: InvestorProjectRow[];
  /** Other companies of the library whose name is very similar (possibly the same company typed twice). */
  similar: InvestorRef[];
  version: number;
  updatedAt: Timestamp;
}

/** `POST /investors`: found by credit code (else by name) or added. */
export interface CreateInvestorRequest {
  name: string;
  creditCode?: string | null;
  origin?: InvestorOrigin | null;
  industry?: string | null;
  address?: string | null;
  note?: string | null;
  contacts?: InvestorContactInput[];
}

export interface CreateInvestorResponse {
  investor: InvestorDetail;
  /** false: the company was already in the library (by credit code or name); nothing was added. */
  added: boolean;
}

/** `PATCH /investors/:id` (the office edits a company; audited). */
export interface UpdateInvestorRequest {
  version: number;
  name?: string;
  creditCode?: string | null;
  origin?: InvestorOrigin | null;
  industry?: string | null;
  address?: string | null;
  note?: string | null;
  contacts?: InvestorContactInput[];
}
