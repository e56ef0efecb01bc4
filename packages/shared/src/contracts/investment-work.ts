/**
 * 招商工作 (issue 17): the words and references the leads, activities, investors and chains share. Each part's own
 * contracts (leads.ts, activities.ts, investors.ts, chains.ts) build on these; a value here is stored as is in the
 * database's CHECK lists (migration 1765700000000-InvestmentWork).
 */

/** Where a lead came from. */
export const LEAD_SOURCES = [
  'outbound',
  'visit',
  'expo',
  'business_referral',
  'agency',
  'online',
  'other',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Readonly<Record<LeadSource, string>> = {
  outbound: '外出招商',
  visit: '来访',
  expo: '展会/推介会',
  business_referral: '以商招商',
  agency: '中介',
  online: '线上',
  other: '其他',
};

/** 新线索 → 洽谈中 → 已签约 (links a ledger project) | 已搁置 (with a reason). */
export const LEAD_STATUSES = ['new', 'negotiating', 'signed', 'shelved'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_STATUS_LABELS: Readonly<Record<LeadStatus, string>> = {
  new: '新线索',
  negotiating: '洽谈中',
  signed: '已签约',
  shelved: '已搁置',
};

/** How a follow-up was made. */
export const FOLLOW_UP_WAYS = ['visit', 'reception', 'call', 'meeting', 'online', 'other'] as const;
export type FollowUpWay = (typeof FOLLOW_UP_WAYS)[number];
export const FOLLOW_UP_WAY_LABELS: Readonly<Record<FollowUpWay, string>> = {
  visit: '上门拜访',
  reception: '来访接待',
  call: '电话沟通',
  meeting: '会议洽谈',
  online: '线上沟通',
  other: '其他',
};

/** 招商活动 kinds. */
export const ACTIVITY_KINDS = ['outbound', 'reception', 'expo', 'online'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  outbound: '外出招商',
  reception: '来访接待',
  expo: '展会推介',
  online: '线上洽谈',
};

/** 上游 / 中游 / 下游 of an industry chain. */
export const CHAIN_SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;
export type ChainSegment = (typeof CHAIN_SEGMENTS)[number];
export const CHAIN_SEGMENT_LABELS: Readonly<Record<ChainSegment, string>> = {
  upstream: '上游',
  midstream: '中游',
  downstream: '下游',
};

/** A company of the county's 客商库 as other objects name it. */
export interface InvestorRef {
  id: number;
  name: string;
  /** 统一社会信用代码, when known. */
  creditCode: string | null;
}

/** A company named in a request: an existing one by id, or found (by credit code, else by name) or added. */
export type InvestorInput = { investorId: number } | { name: string; creditCode?: string | null };

/** One link of a chain as leads, projects and activities name it. */
export interface ChainLinkRef {
  id: number;
  chainId: number;
  chainName: string;
  segment: ChainSegment;
  name: string;
}

/** An item of `GET /chains` (the chains module may add fields; these are what pickers rely on). */
export interface ChainListItem {
  id: number;
  name: string;
  leaderName: string | null;
  leaderTitle: string | null;
  leadUnitId: number | null;
  taskForceUnitId: number | null;
  links: ChainLinkRef[];
  version: number;
}
