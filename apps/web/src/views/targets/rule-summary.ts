import type {
  FormulaDef,
  FormulaOperand,
  IndicatorRow,
  LedgerRule,
  ScoringConfig,
  ScoringItemConfig,
  ScoringPlanConfig,
} from '@pacer/shared';
import { Dec, operandText, totalText, WAN_PER_YI, workRuleText } from '@pacer/shared';

// An indicator's definition and a scoring item in one readable line, e.g.
// 「台账：签约项目，协议投资额 ≥ 10亿元，计数」.

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** 万元 → '10亿元' / '5000万元': whole 亿 when it is one, else 万元. */
export function boundText(wan: string, t: Translate): string {
  const value = new Dec(wan);
  if (value.gte(WAN_PER_YI)) {
    return t('targets.rule.yi', { value: value.div(WAN_PER_YI).toDecimalPlaces(4).toFixed() });
  }
  return t('targets.rule.wan', { value: value.toFixed() });
}

function ledgerParts(rule: LedgerRule, t: Translate): string[] {
  const parts: string[] = [];
  if (rule.measure === 'sum_funds') parts.push(t('targets.rule.funds'));
  else if (rule.event) parts.push(t(`targets.rule.events.${rule.event}`));
  if (rule.minAgreedWan !== undefined)
    parts.push(t('targets.rule.min', { value: boundText(rule.minAgreedWan, t) }));
  if (rule.maxAgreedWan !== undefined)
    parts.push(t('targets.rule.max', { value: boundText(rule.maxAgreedWan, t) }));
  if (rule.origins?.length) {
    parts.push(
      t('targets.rule.origins', {
        list: rule.origins.map((o) => t(`projects.origins.${o}`)).join(t('targets.rule.sep')),
      }),
    );
  }
  if (rule.industryChains?.length) {
    parts.push(t('targets.rule.chains', { list: rule.industryChains.join(t('targets.rule.sep')) }));
  }
  if (rule.fortune500 === true) parts.push(t('targets.rule.fortune500'));
  else if (Array.isArray(rule.fortune500) && rule.fortune500.length) {
    parts.push(rule.fortune500.map((k) => t(`projects.fortune500.${k}`)).join(t('targets.rule.sep')));
  }
  if (rule.chainLeader) parts.push(t('targets.rule.chainLeader'));
  if (rule.specialized) parts.push(t('targets.rule.specialized'));
  if (rule.measure !== 'sum_funds') parts.push(t(`targets.rule.measures.${rule.measure}`));
  if (rule.verifiedOnly) parts.push(t('targets.rule.verifiedOnly'));
  return parts;
}

function formulaText(
  formula: FormulaDef,
  nameOf: (code: string) => string,
  t: Translate,
  measures?: { self: string; of: (code: string) => string | undefined },
): string {
  if (formula.kind === 'ratio') {
    const side = (o: FormulaOperand) => (typeof o === 'string' ? nameOf(o) : `(${operandText(o, nameOf)})`);
    return `${side(formula.numerator)} ÷ ${side(formula.denominator)}`;
  }
  // a total at an explicit exchange rate says the conversion (issue 16 rule 12)
  if (formula.kind === 'total')
    return measures ? totalText(formula, nameOf, measures.self, measures.of) : operandText(formula, nameOf);
  return formula.parts
    .map((p) => `${new Dec(p.weight).toFixed()} × (${nameOf(p.numerator)} ÷ ${nameOf(p.denominator)})`)
    .join(' + ')
    .concat(t('targets.rule.weighted'));
}

/** One line for an indicator's source: 台账 / 月度填报 / 公式, with the rule. */
export function indicatorRuleSummary(
  indicator: IndicatorRow,
  all: readonly IndicatorRow[],
  t: Translate,
): string {
  const nameOf = (code: string) => all.find((i) => i.code === code)?.name ?? code;
  if (indicator.source === 'ledger' && indicator.ledgerRule) {
    return `${t('targets.rule.ledger')}${ledgerParts(indicator.ledgerRule, t).join(t('targets.rule.comma'))}`;
  }
  if (indicator.source === 'work' && indicator.workRule) {
    // 招商工作 (issue 17): counted from the activities and leads; the rule's words come from @pacer/shared
    return `${t('targets.rule.work')}${workRuleText(indicator.workRule)}`;
  }
  if (indicator.source === 'formula' && indicator.formula) {
    return `${t('targets.rule.formula')}${formulaText(indicator.formula, nameOf, t, {
      self: indicator.measure,
      of: (code) => all.find((i) => i.code === code)?.measure,
    })}`;
  }
  // a reported rate is a level: its latest approved figure (issue 16)
  return indicator.kind === 'ratio' ? t('targets.rule.reportedLevel') : t('targets.rule.reported');
}

/**
 * The plan's rules for one indicator in words (issue 16): its own time progress (a lag, its own curve) and the
 * rounding of its published completion when it has its own. Empty when the indicator follows the plan.
 */
export function indicatorSettingsSummary(scoring: ScoringConfig, code: string, t: Translate): string {
  const indicators = (scoring as ScoringPlanConfig).indicators;
  const settings = indicators && Object.hasOwn(indicators, code) ? indicators[code] : undefined;
  if (!settings) return '';
  const parts: string[] = [];
  const lag = settings.timeProgress?.lagMonths ?? 0;
  if (settings.timeProgress?.curve) parts.push(t('targets.rule.ownCurve'));
  if (lag > 0) parts.push(t('targets.rule.lag', { n: lag }));
  const rounding = settings.rounding;
  const mode = rounding?.completion?.mode ?? rounding?.mode;
  const decimals = rounding?.completion?.decimals ?? rounding?.decimals;
  if (mode !== undefined || decimals !== undefined) {
    parts.push(
      t('targets.rule.rounding', {
        mode: t(`targets.rule.modes.${mode ?? 'half-up'}`),
        decimals: decimals ?? '—',
      }),
    );
  }
  return parts.join(t('targets.rule.comma'));
}

const SCORING_METHOD_KEYS = new Set([
  'completion',
  'composite',
  'threshold',
  'tiers',
  'relative',
  'rank',
  'bonus',
  'deduction',
  'band-shortfall',
]);

export function scoringMethodLabel(method: string, t: Translate): string {
  return SCORING_METHOD_KEYS.has(method) ? t(`targets.scoringMethods.${method}`) : method;
}

function asText(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The figures of a scoring item worth a glance: weight, cap, points per item, base points. */
export function scoringItemSummary(item: ScoringItemConfig, t: Translate): string {
  const parts: string[] = [];
  const weight = asText(item.weight);
  const cap = asText(item.cap);
  const perItem = asText(item.pointsPerItem);
  const maxPoints = asText(item.maxPoints);
  const base = asText(item.basePoints);
  if (weight) parts.push(t('targets.scoring.weight', { value: weight }));
  if (cap) parts.push(t('targets.scoring.cap', { value: new Dec(cap).mul(100).toFixed() }));
  if (perItem) parts.push(t('targets.scoring.perItem', { value: perItem }));
  if (maxPoints) parts.push(t('targets.scoring.maxPoints', { value: maxPoints }));
  if (base) parts.push(t('targets.scoring.base', { value: base }));
  const late = asText(item.perLateReport);
  const missing = asText(item.perMissingReport);
  if (late) parts.push(t('targets.scoring.perLate', { value: late }));
  if (missing) parts.push(t('targets.scoring.perMissing', { value: missing }));
  return parts.join(t('targets.rule.comma'));
}
