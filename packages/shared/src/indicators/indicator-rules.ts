import type { ErrorDetail } from '../contracts/errors.js';
import type { LedgerRule } from '../contracts/indicators.js';
import type {
  EntryMode,
  IndicatorKind,
  IndicatorSource,
  Measure,
  ReportFrequency,
} from '../enums/indicator-kind.js';
import {
  ENTRY_MODES,
  INDICATOR_KINDS,
  INDICATOR_SOURCES,
  MEASURES,
  REPORT_FREQUENCIES,
} from '../enums/indicator-kind.js';
import { LedgerMeasure } from '../enums/project-enums.js';
import { Dec } from '../money/decimal.js';
import { isDecimalString } from '../money/wan-yuan.js';
import { validateFormula } from './formula.js';
import { validateLedgerRule } from './ledger-rule.js';
import { validateWorkRule } from './work-rule.js';
import { issue, isPlainObject, joinPath } from './validation-issue.js';

/** An indicator code: a letter, then letters, digits or `_` (the same check as the database). */
export const INDICATOR_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** The display measures each kind may use; amounts are always stored in 万元 whatever the measure. */
export const MEASURES_BY_KIND: Readonly<Record<IndicatorKind, readonly Measure[]>> = {
  amount: ['亿元', '万元', '万美元'],
  count: ['个', '次', '条', '家', '批次', '人次'],
  ratio: ['%'],
};

/** Ratio targets and values are fractions ('0.6' = 60%); anything above 10 (1000%) is a typing error. */
export const MAX_RATIO_TARGET = '10';

export function isMeasureOfKind(kind: IndicatorKind, measure: Measure): boolean {
  return MEASURES_BY_KIND[kind]?.includes(measure) ?? false;
}

/** The kind a ledger measure produces: a count of projects, or an amount in 万元. */
export function kindOfLedgerMeasure(measure: LedgerMeasure): IndicatorKind {
  return measure === LedgerMeasure.Count ? 'count' : 'amount';
}

export interface IndicatorDefinition {
  kind: unknown;
  measure: unknown;
  source: unknown;
  ledgerRule?: unknown;
  workRule?: unknown;
  formula?: unknown;
  /** `month` (default) or `ytd`: only a reported amount or count is entered as 累计 (docs/scoring.md §10). */
  entryMode?: unknown;
  /** `monthly` (default), `quarterly` or `optional`: only a reported indicator may skip months (§11). */
  reportFrequency?: unknown;
}

/**
 * The shape of an indicator's definition, without its plan: known kind, measure and source, the measure fits
 * the kind, a ledger indicator has a valid rule (and only it), a formula indicator a valid formula and is a ratio.
 * `path` prefixes every field ('' for a top-level request).
 */
export function validateIndicatorDefinition(def: IndicatorDefinition, path = ''): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const kindOk = INDICATOR_KINDS.includes(def.kind as IndicatorKind);
  const measureOk = MEASURES.includes(def.measure as Measure);
  const sourceOk = INDICATOR_SOURCES.includes(def.source as IndicatorSource);
  if (!kindOk)
    issues.push(
      issue(
        joinPath(path, 'kind'),
        'isIn',
        '指标类型必须是 amount、count 或 ratio',
        'must be amount, count or ratio',
      ),
    );
  if (!measureOk)
    issues.push(
      issue(
        joinPath(path, 'measure'),
        'isIn',
        '计量单位不在允许范围内',
        `must be one of ${MEASURES.join(', ')}`,
      ),
    );
  if (!sourceOk)
    issues.push(
      issue(
        joinPath(path, 'source'),
        'isIn',
        '数据来源必须是 reported、ledger、formula 或 work',
        'must be reported, ledger, formula or work',
      ),
    );
  const kind = def.kind as IndicatorKind;
  if (kindOk && measureOk && !isMeasureOfKind(kind, def.measure as Measure)) {
    issues.push(
      issue(
        joinPath(path, 'measure'),
        'measureOfKind',
        `${kind} 类指标的计量单位只能是 ${MEASURES_BY_KIND[kind].join('、')}`,
        `a ${kind} indicator is measured in ${MEASURES_BY_KIND[kind].join(', ')}`,
      ),
    );
  }
  if (!sourceOk) return issues;
  const source = def.source as IndicatorSource;
  const ledgerPath = joinPath(path, 'ledgerRule');
  const formulaPath = joinPath(path, 'formula');
  if (source === 'ledger') {
    if (def.ledgerRule === undefined || def.ledgerRule === null) {
      issues.push(
        issue(ledgerPath, 'isDefined', '台账指标必须给出统计规则', 'is required for a ledger indicator'),
      );
    } else {
      const ruleIssues = validateLedgerRule(def.ledgerRule, ledgerPath);
      issues.push(...ruleIssues);
      const measure = (def.ledgerRule as LedgerRule).measure;
      if (ruleIssues.length === 0 && kindOk && kindOfLedgerMeasure(measure) !== kind) {
        issues.push(
          issue(
            joinPath(ledgerPath, 'measure'),
            'kindOfMeasure',
            `统计方式 ${measure} 得出的是 ${kindOfLedgerMeasure(measure)} 类数值，与指标类型 ${kind} 不符`,
            `${measure} yields a ${kindOfLedgerMeasure(measure)}, not a ${kind}`,
          ),
        );
      }
    }
  } else if (def.ledgerRule !== undefined && def.ledgerRule !== null) {
    issues.push(
      issue(ledgerPath, 'notAllowed', '只有台账指标可以设置统计规则', 'only a ledger indicator has a rule'),
    );
  }
  const workPath = joinPath(path, 'workRule');
  if (source === 'work') {
    if (def.workRule === undefined || def.workRule === null) {
      issues.push(
        issue(workPath, 'isDefined', '招商工作指标必须给出统计规则', 'is required for a work indicator'),
      );
    } else {
      issues.push(...validateWorkRule(def.workRule, workPath));
    }
    // every work measure is a count (线索转化率 is a formula over two of them)
    if (kindOk && kind !== 'count') {
      issues.push(
        issue(
          joinPath(path, 'kind'),
          'workIsCount',
          '招商工作指标是计数类（count）；线索转化率请用公式指标（签约线索 ÷ 新增线索）',
          'a work indicator is a count; a conversion rate is a formula over two of them',
        ),
      );
    }
  } else if (def.workRule !== undefined && def.workRule !== null) {
    issues.push(
      issue(workPath, 'notAllowed', '只有招商工作指标可以设置工作统计规则', 'only a work indicator has a work rule'),
    );
  }
  if (source === 'formula') {
    if (def.formula === undefined || def.formula === null) {
      issues.push(
        issue(formulaPath, 'isDefined', '公式指标必须给出公式', 'is required for a formula indicator'),
      );
    } else {
      issues.push(...validateFormula(def.formula, formulaPath));
    }
    const isSum = isPlainObject(def.formula) && def.formula.kind === 'total';
    if (kindOk && !isSum && kind !== 'ratio') {
      issues.push(
        issue(
          joinPath(path, 'kind'),
          'formulaIsRatio',
          '比率公式指标的类型必须是 ratio',
          'a ratio formula indicator is a ratio',
        ),
      );
    }
    // a sum of indicators (实施项目 = 新建 + 续建) is a count or an amount, never a rate
    if (kindOk && isSum && kind === 'ratio') {
      issues.push(
        issue(
          joinPath(path, 'kind'),
          'formulaSumKind',
          '求和公式指标的类型必须是 amount 或 count',
          'a sum formula indicator is an amount or a count',
        ),
      );
    }
  } else if (def.formula !== undefined && def.formula !== null) {
    issues.push(
      issue(formulaPath, 'notAllowed', '只有公式指标可以设置公式', 'only a formula indicator has a formula'),
    );
  }
  issues.push(...validateEntryMode(def, path), ...validateReportFrequency(def, path));
  return issues;
}

/** `reportFrequency`: `monthly`, `quarterly` or `optional`; the last two only for a reported indicator. */
function validateReportFrequency(def: IndicatorDefinition, path: string): ErrorDetail[] {
  if (def.reportFrequency === undefined || def.reportFrequency === null) return [];
  const field = joinPath(path, 'reportFrequency');
  if (!REPORT_FREQUENCIES.includes(def.reportFrequency as ReportFrequency)) {
    return [
      issue(
        field,
        'isIn',
        '报送频率必须是 monthly（每月）、quarterly（按季度）或 optional（有则报送）',
        'must be monthly, quarterly or optional',
      ),
    ];
  }
  if (def.reportFrequency !== 'monthly' && def.source !== 'reported') {
    return [
      issue(
        field,
        'reportedOnly',
        '只有需填报的指标可以按季度或可选报送',
        'only a reported indicator is reported quarterly or optionally',
      ),
    ];
  }
  return [];
}

/** `entryMode`: `month` or `ytd`; `ytd` only for a reported amount or count (a rate is a level, not a flow). */
function validateEntryMode(def: IndicatorDefinition, path: string): ErrorDetail[] {
  if (def.entryMode === undefined || def.entryMode === null) return [];
  const field = joinPath(path, 'entryMode');
  if (!ENTRY_MODES.includes(def.entryMode as EntryMode)) {
    return [issue(field, 'isIn', '填报方式必须是 month（当月数）或 ytd（累计数）', 'must be month or ytd')];
  }
  if (def.entryMode === 'ytd' && (def.source !== 'reported' || def.kind === 'ratio')) {
    return [
      issue(
        field,
        'ytdEntry',
        '只有需填报的金额或个数类指标可以按累计填报（比率是水平值，按当月填报）',
        'only a reported amount or count is entered year-to-date (a rate is a level)',
      ),
    ];
  }
  return [];
}

/** A target value: a decimal string ≥ 0 (14 digits, 4 decimals at most); for a ratio at most MAX_RATIO_TARGET. */
export function validateTargetValue(kind: IndicatorKind, value: unknown, path = 'value'): ErrorDetail[] {
  if (!isDecimalString(value)) {
    return [
      issue(
        path,
        'isDecimalString',
        '必须是不小于 0 的数值文本（最多14位整数、4位小数）',
        'must be a decimal string ≥ 0 with at most 4 decimals',
      ),
    ];
  }
  if (kind === 'ratio' && new Dec(value).gt(MAX_RATIO_TARGET)) {
    return [
      issue(
        path,
        'ratioMax',
        `比率目标是小数（0.6 即 60%），不能大于 ${MAX_RATIO_TARGET}`,
        `a ratio target is a fraction and at most ${MAX_RATIO_TARGET}`,
      ),
    ];
  }
  return [];
}
