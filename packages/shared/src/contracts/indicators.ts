import type {
  EntryMode,
  IndicatorKind,
  IndicatorSource,
  Measure,
  ReportFrequency,
} from '../enums/indicator-kind.js';
import type { Fortune500Kind, InvestorOrigin, LedgerEvent, LedgerMeasure } from '../enums/project-enums.js';
import type { WorkRule } from '../indicators/work-rule.js';
import type { DecimalString } from './common.js';

/**
 * A ledger indicator: a filter over a unit's projects plus a measure (DOMAIN.md §3).
 * Count and sum_agreed take the projects whose `event` date falls in the plan's year up to the month;
 * sum_funds adds the per-project funds of the plan's months so far.
 * Dropped, excluded and deleted projects never count.
 */
export interface LedgerRule {
  measure: LedgerMeasure;
  /** Required for count and sum_agreed; sum_funds takes none. */
  event?: LedgerEvent;
  /** Inclusive lower bound of agreed investment (以上 includes the value), 万元. */
  minAgreedWan?: DecimalString;
  /** Exclusive upper bound, 万元. */
  maxAgreedWan?: DecimalString;
  origins?: InvestorOrigin[];
  industryChains?: string[];
  /** true = any 500强 kind; a list = those kinds only. */
  fortune500?: boolean | Fortune500Kind[];
  chainLeader?: boolean;
  specialized?: boolean;
  /** 仅计已认定: count only events (or fund entries) the office marked 已认定; all reported ones when absent/false. */
  verifiedOnly?: boolean;
}

/** A formula indicator: a ratio of two indicators, or a weighted mix of ratios (weights sum to 1). */
/** A sum or difference of indicators: Σ add − Σ subtract (e.g. 签约 − 终止). */
export type FormulaTerms = { add: string[]; subtract?: string[] };
/** One side of a ratio: an indicator code, or a sum/difference of indicators. */
export type FormulaOperand = string | FormulaTerms;

export type FormulaDef =
  | { kind: 'ratio'; numerator: FormulaOperand; denominator: FormulaOperand }
  | { kind: 'weighted'; parts: Array<{ numerator: string; denominator: string; weight: DecimalString }> }
  /** 实施项目 = 新建 + 续建: a count or amount that rolls up from its parts (issue 16, rule 6). */
  | ({
      kind: 'total';
      /**
       * 元 per 美元 (e.g. '7.1'): a total in 万元 may add parts in 万美元 (and one in 万美元 parts in 万元), each
       * converted at this rate, said in the 通报 (issue 16 rule 12). Without it, parts of another currency are refused.
       */
      exchangeRate?: DecimalString;
    } & FormulaTerms);

export interface IndicatorRow {
  id: number;
  planId: number;
  code: string;
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  source: IndicatorSource;
  ledgerRule: LedgerRule | null;
  /** A work indicator's rule (source `work`); absent or null otherwise. */
  workRule?: WorkRule | null;
  formula: FormulaDef | null;
  /** Points of the indicator in the default completion scoring. */
  weight: DecimalString;
  /** Completion cap as a fraction, e.g. '1.2' = 120%; null = no cap. */
  cap: DecimalString | null;
  isScored: boolean;
  isHeadline: boolean;
  sortOrder: number;
  description: string | null;
  /**
   * A reported indicator: units enter the month's figure (`month`) or the year's 累计 (`ytd`, the month's increment
   * derived by Pacer; docs/scoring.md §10). Always `month` for other sources and for rates.
   */
  entryMode: EntryMode;
  /**
   * A reported indicator: every month (`monthly`), only in 3/6/9/12 (`quarterly`) or when there is something to
   * report (`optional`); a month not reported is no value, never 0 (docs/scoring.md §11). `monthly` for other sources.
   */
  reportFrequency: ReportFrequency;
  version: number;
}

export interface IndicatorsResponse {
  planId: number;
  /** By sort order, then id. */
  items: IndicatorRow[];
}

export interface CreateIndicatorRequest {
  code: string;
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  source: IndicatorSource;
  ledgerRule?: LedgerRule;
  workRule?: WorkRule;
  formula?: FormulaDef;
  weight?: DecimalString;
  cap?: DecimalString | null;
  isScored?: boolean;
  isHeadline?: boolean;
  sortOrder?: number;
  description?: string;
  /** Default `month`; `ytd` only for a reported amount or count. */
  entryMode?: EntryMode;
  /** Default `monthly`; `quarterly` or `optional` only for a reported indicator. */
  reportFrequency?: ReportFrequency;
}

export interface UpdateIndicatorRequest extends Partial<Omit<CreateIndicatorRequest, 'code' | 'source'>> {
  version: number;
}
