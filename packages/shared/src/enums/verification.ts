/** 认定 (issue 15): the state of one counting event of a project. */
export const VerificationStatus = {
  /** 待认定: reported, not decided (or its figures changed after a decision, or appealed). */
  Pending: 'pending',
  /** 已认定 */
  Verified: 'verified',
  /** 不予认定, with a reason from the plan's list */
  Rejected: 'rejected',
} as const;
export type VerificationStatus = (typeof VerificationStatus)[keyof typeof VerificationStatus];
export const VERIFICATION_STATUSES: readonly VerificationStatus[] = Object.values(VerificationStatus);

/** The counting events that are verified: a project's stage dates and each month's funds in place. */
export const VerificationKind = {
  Signed: 'signed',
  Started: 'started',
  Producing: 'producing',
  Registered: 'registered',
  Fund: 'fund',
} as const;
export type VerificationKind = (typeof VerificationKind)[keyof typeof VerificationKind];
export const VERIFICATION_KINDS: readonly VerificationKind[] = Object.values(VerificationKind);
export const VERIFICATION_KIND_LABELS: Readonly<Record<VerificationKind, string>> = {
  signed: '签约',
  started: '开工',
  producing: '投产',
  registered: '入库',
  fund: '到位资金',
};

/** What the queue filters on: the three states, plus 申诉 (pending after an appeal). */
export const VERIFICATION_QUEUE_STATUSES = ['pending', 'appealed', 'verified', 'rejected'] as const;
export type VerificationQueueStatus = (typeof VERIFICATION_QUEUE_STATUSES)[number];

/** The reason a re-signing is refused by default (跨年重签); a plan lists it unless the county removed it. */
export const RESIGN_REASON = '跨年重签';

/** A plan's 不予认定 reasons unless the county configures its own (DOMAIN.md, issue 15). */
export const DEFAULT_VERIFICATION_REASONS: readonly string[] = [
  '佐证不足',
  '重复统计',
  '突击上报',
  RESIGN_REASON,
  '不符合认定标准',
];
export const VERIFICATION_REASON_MAX_LENGTH = 20;
export const VERIFICATION_REASONS_MAX = 20;
