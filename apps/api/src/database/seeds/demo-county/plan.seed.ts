import type {
  FormulaDef,
  IndicatorKind,
  IndicatorSource,
  LedgerRule,
  Measure,
  RankingGroup,
  ScoringConfig,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { DEMO_MONTH_CLOSE_DAY, DEMO_REPORT_DEADLINE_DAY } from './calendar';

export const INDUSTRY_CHAINS = [
  '生物医药',
  '新能源',
  '新材料',
  '食品加工',
  '智能制造',
  '现代物流',
  '文化旅游',
  '电子信息',
];

export const RANKING_GROUPS: RankingGroup[] = [
  { code: 'towns', name: '乡镇（街道）组', categories: ['town'] },
  { code: 'departments', name: '县直部门组', categories: ['department'] },
  { code: 'parks', name: '园区和产业专班组', categories: ['park', 'task_force'] },
];

/** The plan of a year (the story year's, and in January the new year's as well). */
export const DEMO_PLAN = {
  name: (year: number) => `示范县${year}年度招商引资目标任务`,
  status: 'published',
  curve: null,
  reportDeadlineDay: DEMO_REPORT_DEADLINE_DAY,
  monthCloseDay: DEMO_MONTH_CLOSE_DAY,
  yellowBand: '10',
  countCredit: 'responsible',
} as const;

/** When a year's plan was drafted and published (the 12th of January; a new year's plan seeded earlier: the day before). */
export function demoPlanDates(
  year: number,
  lastEventDay: string,
): { createdAt: string; publishedAt: string } {
  const published = `${year}-01-12` <= lastEventDay ? `${year}-01-12` : lastEventDay;
  return { createdAt: `${year - 1}-12-28T09:30:00+08:00`, publishedAt: `${published}T10:00:00+08:00` };
}

export interface DemoIndicatorSpec {
  code: string;
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  source: IndicatorSource;
  ledgerRule?: LedgerRule;
  formula?: FormulaDef;
  /** Points in the completion scoring; the scored weights sum to 100. */
  weight: string;
  isScored: boolean;
  isHeadline: boolean;
  description: string;
}

const OUTSIDE_MONEY = ['in_province', 'out_of_province', 'overseas'] as const;

/** The catalogue, in display order; amounts are stored in 万元 whatever the display measure. */
// prettier-ignore
export const DEMO_INDICATORS: readonly DemoIndicatorSpec[] = [
  { code: 'QYZE', name: '签约项目总投资', measure: '亿元', kind: 'amount', source: 'ledger', ledgerRule: { measure: 'sum_agreed', event: 'signed' }, weight: '25', isScored: true, isHeadline: true, description: '年内签约项目协议投资额合计（共享项目按比例计入）' },
  { code: 'SHIYI', name: '10亿元以上项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '100000' }, weight: '15', isScored: true, isHeadline: true, description: '年内签约、协议投资额10亿元及以上的项目个数' },
  { code: 'YIYI', name: '亿元以上项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '10000' }, weight: '10', isScored: true, isHeadline: true, description: '年内签约、协议投资额1亿元及以上的项目个数' },
  { code: 'W500', name: '新引进500强项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed', fortune500: true }, weight: '10', isScored: true, isHeadline: true, description: '年内签约、投资方为世界500强、中国企业500强或中国民营企业500强的项目' },
  { code: 'DWZJ', name: '实际到位资金', measure: '亿元', kind: 'amount', source: 'ledger', ledgerRule: { measure: 'sum_funds', origins: [...OUTSIDE_MONEY] }, weight: '15', isScored: true, isHeadline: true, description: '项目逐月到位资金合计，只计市外（省内市外、省外、境外）资金' },
  { code: 'XKG', name: '新开工项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'started' }, weight: '8', isScored: true, isHeadline: false, description: '年内开工的项目个数（含往年签约、今年开工）' },
  { code: 'RK', name: '入库项目', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'registered' }, weight: '5', isScored: true, isHeadline: false, description: '年内纳入固定资产投资统计库的项目个数' },
  { code: 'XS', name: '项目线索', measure: '条', kind: 'count', source: 'reported', weight: '4', isScored: true, isHeadline: false, description: '各单位月报填报的新增有效项目线索' },
  { code: 'PC', name: '外出招商批次', measure: '次', kind: 'count', source: 'reported', weight: '4', isScored: true, isHeadline: false, description: '各单位月报填报的外出招商批次（以出差审批单为准）' },
  { code: 'QYXM', name: '签约项目个数', measure: '个', kind: 'count', source: 'ledger', ledgerRule: { measure: 'count', event: 'signed' }, weight: '0', isScored: false, isHeadline: false, description: '年内签约项目个数（开工率的分母，只统计不赋分）' },
  { code: 'KGL', name: '开工率', measure: '%', kind: 'ratio', source: 'formula', formula: { kind: 'ratio', numerator: 'XKG', denominator: 'QYXM' }, weight: '4', isScored: true, isHeadline: false, description: '新开工项目个数 ÷ 签约项目个数' },
];

const CAP = '1.2';

/**
 * The scoring (docs/scoring.md): completion (完成率赋分, capped at 120%) per scored indicator, a bonus per 500强
 * project and a deduction per late or missing monthly report. It passes the engine's validateScoringConfig.
 */
export const DEMO_SCORING: ScoringConfig = {
  items: [
    ...DEMO_INDICATORS.filter((i) => i.isScored).map((i) => ({
      code: `C_${i.code}`,
      name: `${i.name}完成率`,
      method: 'completion' as const,
      indicator: i.code,
      weight: i.weight,
      cap: CAP,
    })),
    {
      code: 'B_W500',
      name: '引进500强企业加分',
      method: 'bonus' as const,
      rules: [{ counter: 'fortune500', points: '2', label: '500强项目' }],
      cap: '6',
    },
    {
      code: 'D_REPORT',
      name: '月报迟报漏报扣分',
      method: 'deduction' as const,
      base: '3',
      rules: [
        { counter: 'reportLate', points: '0.5', label: '迟报月报' },
        { counter: 'reportMissing', points: '1', label: '缺报月报' },
      ],
      floor: '0',
    },
  ],
  coefficient: '1',
  listSize: 3,
};

export interface DemoPlanIds {
  planId: number;
  /** Indicator code → id. */
  indicatorIds: Record<string, number>;
}

/** Inserts a year's plan and its catalogue (one statement each). */
export async function insertDemoPlan(
  manager: EntityManager,
  rootUnitId: number,
  year: number,
  lastEventDay: string,
): Promise<DemoPlanIds> {
  const { createdAt, publishedAt } = demoPlanDates(year, lastEventDay);
  const plans = await manager.query(
    `INSERT INTO plan (year, root_unit_id, name, status, curve, report_deadline_day, month_close_day, yellow_band,
                       ranking_groups, count_credit, industry_chains, scoring, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, NULL, $5, $6, $7::numeric, $8::jsonb, $9, $10::text[], $11::jsonb, $12::timestamptz,
             $13::timestamptz, $12::timestamptz)
     RETURNING id`,
    [
      year,
      rootUnitId,
      DEMO_PLAN.name(year),
      DEMO_PLAN.status,
      DEMO_PLAN.reportDeadlineDay,
      DEMO_PLAN.monthCloseDay,
      DEMO_PLAN.yellowBand,
      JSON.stringify(RANKING_GROUPS),
      DEMO_PLAN.countCredit,
      INDUSTRY_CHAINS,
      JSON.stringify(DEMO_SCORING),
      publishedAt,
      createdAt,
    ],
  );
  const planId: number = plans[0].id;
  const rows: Array<{ id: number; code: string }> = await manager.query(
    `INSERT INTO indicator (plan_id, code, name, measure, kind, source, ledger_rule, formula, weight, cap, is_scored,
                            is_headline, sort_order, description)
     SELECT $1, code, name, measure, kind, source, ledger_rule, formula, weight, cap, is_scored, is_headline, ord * 10,
            description
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::numeric[],
                   $10::numeric[], $11::boolean[], $12::boolean[], $13::text[])
            WITH ORDINALITY AS t(code, name, measure, kind, source, ledger_rule, formula, weight, cap, is_scored,
                                 is_headline, description, ord)
     RETURNING id, code`,
    [
      planId,
      DEMO_INDICATORS.map((i) => i.code),
      DEMO_INDICATORS.map((i) => i.name),
      DEMO_INDICATORS.map((i) => i.measure),
      DEMO_INDICATORS.map((i) => i.kind),
      DEMO_INDICATORS.map((i) => i.source),
      DEMO_INDICATORS.map((i) => (i.ledgerRule ? JSON.stringify(i.ledgerRule) : null)),
      DEMO_INDICATORS.map((i) => (i.formula ? JSON.stringify(i.formula) : null)),
      DEMO_INDICATORS.map((i) => i.weight),
      DEMO_INDICATORS.map((i) => (i.isScored ? CAP : null)),
      DEMO_INDICATORS.map((i) => i.isScored),
      DEMO_INDICATORS.map((i) => i.isHeadline),
      DEMO_INDICATORS.map((i) => i.description),
    ],
  );
  return { planId, indicatorIds: Object.fromEntries(rows.map((r) => [r.code, r.id])) };
}
