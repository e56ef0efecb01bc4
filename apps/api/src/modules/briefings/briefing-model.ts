import type { ChainBriefingRow } from '../chains/chains.service';
import type {
  CellDisplay,
  VerificationKind,
  RankingResponse,
  ReportStatus,
  ScoredCell,
  TrafficLight,
  TrendSeriesInput,
} from '@pacer/shared';

/** A headline indicator of the county (the plan's root) at the month, from the frozen snapshot. */
export interface BriefingHeadline {
  indicatorId: number;
  code: string;
  name: string;
  measure: string;
  kind: string;
  actual: string;
  target: string | null;
  completion: string | null;
  expected: string;
  gapPp: string | null;
  light: TrafficLight | null;
  /** false: no value (0 ÷ 0, a rate not reported): printed "—" (issue 16). Absent = a value. */
  hasValue?: boolean;
  /** The published completion % and gap, rounded by the plan's rules (absent in snapshots frozen before). */
  display?: CellDisplay;
  /**
   * Assessed units with a red light on the indicator, in tree order (more than NAMES_SHOWN_LIMIT of them: upper
   * levels first, each level in tree order).
   */
  redUnits: string[];
}

/** An assessed unit's cells, for the appendix's 指标完成情况 sheet. */
export interface BriefingUnitFigures {
  unitName: string;
  unitCode: string;
  depth: number;
  cells: ReadonlyMap<number, ScoredCell>;
  /** A parent's （本级） line: its own part, not a unit of its own (issue 14 point 11). */
  isOwn?: boolean;
}

/** A reporting unit's report of the month (status null: no report at all). */
export interface BriefingReportLine {
  unitName: string;
  unitCode: string;
  status: ReportStatus | null;
  isLate: boolean;
  submittedAt: string | null;
}

/** One kind of counting event of the plan's tree in the year up to the month, split by 认定 state. */
export interface BriefingVerificationLine {
  kind: VerificationKind;
  verifiedCount: number;
  verifiedWan: string;
  pendingCount: number;
  pendingWan: string;
  rejectedCount: number;
  rejectedWan: string;
}

/** A 不予认定 event for the annex (what counties publish). */
export interface BriefingRejection {
  unitName: string;
  projectCode: string;
  projectName: string;
  kind: VerificationKind;
  /** The stage date or the fund month. */
  when: string;
  amountWan: string | null;
  reason: string;
  note: string | null;
  isAppealed: boolean;
}

/**
 * 认定 (issue 15), present only where the plan has indicators that count only verified events: those indicators, the
 * counts and amounts split 已认定/待认定/不予认定, and the 不予认定 annex. Read from the verification records when the
 * version is generated (like the report lines), up to the month's end.
 */
export interface BriefingVerification {
  verifiedOnlyIndicators: string[];
  lines: BriefingVerificationLine[];
  rejected: BriefingRejection[];
}

/**
 * Everything the 通报 shows, gathered once and rendered twice (.docx and .xlsx). Figures, ranks, movement and lists
 * come from the month's frozen snapshot only (the same views as GET /plans/:id/ranking); report discipline comes
 * from the report records when the version is generated.
 */
export interface BriefingModel {
  /** The 产业链 section (the plan's `briefingChains`): one row per live chain; null when the plan leaves it out. */
  chains?: ChainBriefingRow[] | null;
  planId: number;
  planName: string;
  year: number;
  month: string;
  monthNo: number;
  /** The plan's root unit, e.g. 示范县. */
  countyName: string;
  /** 县 / 市 / 区 …: 全县 in the text. */
  scopeWord: string;
  /** 发文机关 and the 文号. */
  issuer: string;
  docNumber: string;
  /** 成文日期, YYYY-MM-DD (Asia/Shanghai) of the generation. */
  issueDate: string;
  title: string;
  /** The 总体情况 paragraph (briefing-text.ts summaryText). */
  summary: string;
  snapshotComputedAt: string;
  /** Time progress at the month (fraction). */
  expected: string;
  /** Percentage points below time progress where yellow ends and red begins. */
  yellowBand: string;
  displayDecimals: number;
  headlines: BriefingHeadline[];
  /**
   * The plan's rules stated in words under the figures (issue 16): an indicator's own time progress
   * (实际使用外资数据滞后1个月，按1–5月序时进度计算), the rounding of the published figures.
   */
  ruleNotes?: string[];
  units: BriefingUnitFigures[];
  ranking: RankingResponse;
  /** The county's trend of the first headline indicator, from the frozen months (null without one). */
  trend: { series: TrendSeriesInput; kind: string } | null;
  reports: BriefingReportLine[];
  verification?: BriefingVerification;
}
