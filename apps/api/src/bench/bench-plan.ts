import {
  type FormulaDef,
  type IndicatorKind,
  type IndicatorSource,
  type LedgerRule,
  type Measure,
  type RankingGroup,
  type ScoringConfig,
  validateScoringConfig,
} from '@pacer/shared';

/** The plan year of the synthetic province, and the month the routes are measured at. */
export const BENCH_YEAR = 2026;
export const BENCH_MONTH = '2026-06';

export const BENCH_GROUPS: RankingGroup[] = [
  { code: 'counties', name: '县（市、区）组', categories: ['county'] },
  { code: 'towns', name: '乡镇（街道）组', categories: ['town'] },
  { code: 'departments', name: '县直部门组', categories: ['department'] },
];

export interface BenchIndicator {
  code: string;
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  source: IndicatorSource;
  ledgerRule?: LedgerRule;
  formula?: FormulaDef;
  weight: string;
  isScored: boolean;
  isHeadline: boolean;
  /** A leaf unit's typical monthly report value (reported indicators): values are drawn in [0, 2 × this). */
  monthly?: number;
}

const OUTSIDE = ['in_province', 'out_of_province', 'overseas'] as const;

/** 15 indicators: 8 reported, 6 from the ledger (count, sum_agreed, sum_funds), one formula. */
// prettier-ignore
export const BENCH_INDICATORS: readonly BenchIndicator[] = [
  { code: 'QYZE', name: '签约项目总投资', measure: '亿元', kind: 'amount', source: 'ledger', ledgerRule: { measure: 'sum_agreed', event: 'signed' }, weight: '20', isScored: true, isHeadline: true },
  { code: 'QYXM', name: '签约项目个数', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed' }, weight: '0', isScored: false, isHeadline: false },
  { code: 'SHIYI', name: '10亿元以上项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '100000' }, weight: '10', isScored: true, isHeadline: true },
  { code: 'W500', name: '新引进500强项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', fortune500: true }, weight: '5', isScored: true, isHeadline: false },
  { code: 'DWZJ', name: '实际到位资金', measure: '亿元', kind: 'amount', source: 'ledger', ledgerRule: { measure: 'sum_funds', origins: [...OUTSIDE] }, weight: '15', isScored: true, isHeadline: true },
  { code: 'XKG', name: '新开工项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'started' }, weight: '8', isScored: true, isHeadline: false },
  { code: 'KGL', name: '开工率', measure: '%', kind: 'ratio', source: 'formula', formula: { kind: 'ratio', numerator: 'XKG', denominator: 'QYXM' }, weight: '4', isScored: true, isHeadline: false },
  { code: 'XS', name: '项目线索', measure: '条', kind: 'count', source: 'reported', weight: '4', isScored: true, isHeadline: false, monthly: 3 },
  { code: 'PC', name: '外出招商批次', measure: '次', kind: 'count', source: 'reported', weight: '4', isScored: true, isHeadline: false, monthly: 2 },
  { code: 'WZDW', name: '外资到位', measure: '万元', kind: 'amount', source: 'reported', weight: '5', isScored: true, isHeadline: false, monthly: 300 },
  { code: 'GDTZ', name: '产业项目固定资产投资', measure: '亿元', kind: 'amount', source: 'reported', weight: '10', isScored: true, isHeadline: true, monthly: 2500 },
  { code: 'HTWZ', name: '合同外资', measure: '万元', kind: 'amount', source: 'reported', weight: '5', isScored: true, isHeadline: false, monthly: 400 },
  { code: 'ZSHD', name: '招商推介活动', measure: '次', kind: 'count', source: 'reported', weight: '4', isScored: true, isHeadline: false, monthly: 1 },
  { code: 'KJQY', name: '引进科技型企业', measure: '个', kind: 'count', source: 'reported', weight: '3', isScored: true, isHeadline: false, monthly: 1 },
  { code: 'SSGX', name: '新引进企业税收', measure: '万元', kind: 'amount', source: 'reported', weight: '3', isScored: true, isHeadline: false, monthly: 150 },
];

const CAP = '1.2';

/**
 * The province's 考核办法: completion per scored indicator, a rank item, both bonus kinds (a counter and size bands
 * over the signed-project list), a band-shortfall item for towns and two deductions — so the ranking loads every
 * kind of engine input (targets, actuals, counters, the project list, manual entries).
 */
export const BENCH_SCORING: ScoringConfig = {
  items: [
    ...BENCH_INDICATORS.filter((i) => i.isScored).map((i) => ({
      code: `C_${i.code}`,
      name: `${i.name}完成率`,
      method: 'completion' as const,
      indicator: i.code,
      weight: i.weight,
      cap: CAP,
    })),
    {
      code: 'R_DWZJ',
      name: '到位资金完成率名次',
      method: 'rank' as const,
      indicator: 'DWZJ',
      weight: '10',
      step: '0.01',
      floor: '4',
    },
    {
      code: 'B_W500',
      name: '引进500强企业加分',
      method: 'bonus' as const,
      rules: [{ counter: 'fortune500', points: '2', label: '500强项目' }],
      cap: '6',
    },
    {
      code: 'B_MAJOR',
      name: '重大项目加分',
      method: 'bonus' as const,
      rules: [
        {
          projects: 'signed',
          label: '签约项目',
          bands: [
            { minWan: '100000', points: '4' },
            { minWan: '500000', points: '8' },
          ],
        },
      ],
      cap: '16',
    },
    {
      code: 'S_BANDS',
      name: '分档项目个数',
      method: 'band-shortfall' as const,
      groups: ['towns'],
      base: '2',
      perMissing: '0.1',
      projects: 'signed',
      bands: [
        { minWan: '30000', maxWan: '100000', required: 3 },
        { minWan: '100000', maxWan: '200000', required: 1 },
        { minWan: '200000', required: 1 },
      ],
    },
    {
      code: 'D_REPORT',
      name: '信息报送',
      method: 'deduction' as const,
      base: '3',
      rules: [
        { counter: 'reportMissing', points: '1', label: '缺报月报' },
        { counter: 'reportLate', points: '0.5', label: '迟报月报' },
      ],
    },
    {
      code: 'D_INTEGRITY',
      name: '项目推进与诚信',
      method: 'deduction' as const,
      base: '0.5',
      rules: [
        { counter: 'lateStart', points: '0.1', label: '未按期开工' },
        { counter: 'falsified', points: '0.2', label: '弄虚作假' },
      ],
    },
  ],
  coefficient: '1',
  listSize: 3,
} as ScoringConfig;

/** Fails fast when the configuration would not pass the engine (a 422 on every ranking would measure nothing). */
export function assertBenchScoringValid(): void {
  const issues = validateScoringConfig(
    BENCH_SCORING,
    BENCH_INDICATORS.map((i) => i.code),
    { groupCodes: BENCH_GROUPS.map((g) => g.code) },
  );
  if (issues.length > 0) {
    throw new Error(
      `the benchmark's scoring configuration is invalid: ${issues.map((i) => i.messageEn).join('; ')}`,
    );
  }
}
