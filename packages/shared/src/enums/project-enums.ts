/** Where the investor comes from (DOMAIN.md §1): 本市 / 市外省内 / 省外 / 境外. */
export const InvestorOrigin = {
  Local: 'local',
  InProvince: 'in_province',
  OutOfProvince: 'out_of_province',
  Overseas: 'overseas',
} as const;
export type InvestorOrigin = (typeof InvestorOrigin)[keyof typeof InvestorOrigin];
export const INVESTOR_ORIGINS: readonly InvestorOrigin[] = Object.values(InvestorOrigin);
export const INVESTOR_ORIGIN_LABELS: Readonly<Record<InvestorOrigin, string>> = {
  local: '本市',
  in_province: '市外省内',
  out_of_province: '省外',
  overseas: '境外',
};

/** 世界500强 / 中国企业500强 / 中国民营企业500强. */
export const Fortune500Kind = {
  World: 'world',
  China: 'china',
  ChinaPrivate: 'china_private',
} as const;
export type Fortune500Kind = (typeof Fortune500Kind)[keyof typeof Fortune500Kind];
export const FORTUNE500_KINDS: readonly Fortune500Kind[] = Object.values(Fortune500Kind);
export const FORTUNE500_LABELS: Readonly<Record<Fortune500Kind, string>> = {
  world: '世界500强',
  china: '中国企业500强',
  china_private: '中国民营企业500强',
};

export const PlanStatus = { Draft: 'draft', Published: 'published', Closed: 'closed' } as const;
export type PlanStatus = (typeof PlanStatus)[keyof typeof PlanStatus];

/** How a shared project's count is credited: to the responsible unit alone, or by share (fractional). */
export const CountCredit = { Responsible: 'responsible', Share: 'share' } as const;
export type CountCredit = (typeof CountCredit)[keyof typeof CountCredit];

/**
 * The month a plan's read screens (驾驶舱, 赛马榜, 单位详情, 大屏) open on: the latest closed month, the official one
 * (default), or the live month — the first month not closed yet, whose ranking can still move.
 */
export const ReadScreensMonth = { LatestClosed: 'latestClosed', Live: 'live' } as const;
export type ReadScreensMonth = (typeof ReadScreensMonth)[keyof typeof ReadScreensMonth];

/**
 * Which units of a plan carry their own reported figures (本级) beside their children's (issue 14 point 11):
 * `none` (default, as before: every unit below the root reports, the root only sums them, no 本级 lines);
 * `parents`: the same reporting, and every parent below the root shows its own part as a （本级） line;
 * `root`: the root reports too (县本级: its own monthly report, rolled up with its units'), and the root and every
 * parent show a （本级） line.
 */
export const OwnFigures = { None: 'none', Parents: 'parents', Root: 'root' } as const;
export type OwnFigures = (typeof OwnFigures)[keyof typeof OwnFigures];

/**
 * The state of a unit's share of a project (分成): a share credited to a unit the writer does not report for is
 * `pending` until that unit's reporter (or an admin) confirms or declines it; until confirmed it counts for the
 * responsible unit. The responsible unit's own share, and any share written by someone who reports for its unit
 * (an admin: every unit), is `confirmed` at once.
 */
export const ShareStatus = { Pending: 'pending', Confirmed: 'confirmed', Declined: 'declined' } as const;
export type ShareStatus = (typeof ShareStatus)[keyof typeof ShareStatus];
export const SHARE_STATUSES: readonly ShareStatus[] = Object.values(ShareStatus);
export const SHARE_STATUS_LABELS: Readonly<Record<ShareStatus, string>> = {
  pending: '待确认',
  confirmed: '已确认',
  declined: '已拒绝',
};

export const TrafficLight = { Green: 'green', Yellow: 'yellow', Red: 'red' } as const;
export type TrafficLight = (typeof TrafficLight)[keyof typeof TrafficLight];

/** The ledger events an indicator can count (plus `registered`, 入库, which is a date of its own). */
export const LedgerEvent = {
  Signed: 'signed',
  Started: 'started',
  Producing: 'producing',
  Registered: 'registered',
} as const;
export type LedgerEvent = (typeof LedgerEvent)[keyof typeof LedgerEvent];
export const LEDGER_EVENTS: readonly LedgerEvent[] = Object.values(LedgerEvent);

export const LedgerMeasure = { Count: 'count', SumAgreed: 'sum_agreed', SumFunds: 'sum_funds' } as const;
export type LedgerMeasure = (typeof LedgerMeasure)[keyof typeof LedgerMeasure];
export const LEDGER_MEASURES: readonly LedgerMeasure[] = Object.values(LedgerMeasure);
