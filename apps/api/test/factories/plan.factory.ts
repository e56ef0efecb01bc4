import type {
  FormulaDef,
  IndicatorKind,
  IndicatorSource,
  LedgerRule,
  Measure,
  PlanStatus,
  ScoringConfig,
} from '@pacer/shared';
import type { DataSource } from 'typeorm';

export interface PlanSpec {
  year?: number;
  rootUnitId: number;
  name?: string;
  status?: PlanStatus;
  industryChains?: string[];
  rankingGroups?: Array<{ code: string; name: string; categories: string[] }>;
  scoring?: ScoringConfig;
}

/** Inserts a plan row directly (tests of other routes); defaults as the API's. */
export async function insertPlan(dataSource: DataSource, spec: PlanSpec): Promise<number> {
  const year = spec.year ?? 2026;
  const rows = await dataSource.query(
    `INSERT INTO plan (year, root_unit_id, name, status, industry_chains, ranking_groups, scoring, published_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6::jsonb, $7::jsonb, CASE WHEN $4 <> 'draft' THEN now() END) RETURNING id`,
    [
      year,
      spec.rootUnitId,
      spec.name ?? `示范县${year}年度招商引资目标责任考核`,
      spec.status ?? 'draft',
      spec.industryChains ?? ['新能源汽车', '低空经济', '绿色食品加工'],
      JSON.stringify(spec.rankingGroups ?? []),
      JSON.stringify(spec.scoring ?? { items: [] }),
    ],
  );
  return rows[0].id as number;
}

export interface IndicatorSpec {
  code: string;
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  source: IndicatorSource;
  ledgerRule?: LedgerRule;
  formula?: FormulaDef;
  weight?: string;
  sortOrder?: number;
}

/** A typical county catalogue (DOMAIN.md §3): amounts in 万元 shown in 亿元, counts, a reported figure and a rate. */
export const STANDARD_INDICATORS: IndicatorSpec[] = [
  {
    code: 'signed_amount',
    name: '签约总投资',
    measure: '亿元',
    kind: 'amount',
    source: 'ledger',
    ledgerRule: { measure: 'sum_agreed', event: 'signed' },
    weight: '20',
  },
  {
    code: 'signed_count',
    name: '签约项目个数',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed' },
    weight: '10',
  },
  {
    code: 'started_count',
    name: '新开工项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'started' },
    weight: '10',
  },
  { code: 'funds', name: '实际到位资金', measure: '亿元', kind: 'amount', source: 'reported', weight: '30' },
  {
    code: 'start_rate',
    name: '开工率',
    measure: '%',
    kind: 'ratio',
    source: 'formula',
    formula: { kind: 'ratio', numerator: 'started_count', denominator: 'signed_count' },
    weight: '10',
  },
];

/** Inserts indicators of a plan; returns code → id. */
export async function insertIndicators(
  dataSource: DataSource,
  planId: number,
  specs: IndicatorSpec[] = STANDARD_INDICATORS,
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [i, spec] of specs.entries()) {
    const rows = await dataSource.query(
      `INSERT INTO indicator (plan_id, code, name, measure, kind, source, ledger_rule, formula, weight, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::numeric, $10) RETURNING id`,
      [
        planId,
        spec.code,
        spec.name,
        spec.measure,
        spec.kind,
        spec.source,
        spec.ledgerRule ? JSON.stringify(spec.ledgerRule) : null,
        spec.formula ? JSON.stringify(spec.formula) : null,
        spec.weight ?? '0',
        spec.sortOrder ?? (i + 1) * 10,
      ],
    );
    ids[spec.code] = rows[0].id as number;
  }
  return ids;
}
