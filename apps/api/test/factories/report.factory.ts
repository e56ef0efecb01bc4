import type {
  CountCredit,
  FormulaDef,
  IndicatorKind,
  IndicatorSource,
  LedgerRule,
  Measure,
} from '@pacer/shared';
import type { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';

// Plans, indicators, targets, projects and reports inserted with SQL, so these tests depend on no other module's routes.

export interface PlanSpec {
  rootUnitId: number;
  year?: number;
  name?: string;
  status?: 'draft' | 'published' | 'closed';
  reportDeadlineDay?: number;
  curve?: string[] | null;
  yellowBand?: string;
  countCredit?: CountCredit;
}

export async function insertPlan(dataSource: DataSource, spec: PlanSpec): Promise<number> {
  const year = spec.year ?? 2026;
  const rows = await dataSource.query(
    `INSERT INTO plan (year, root_unit_id, name, status, report_deadline_day, curve, yellow_band, count_credit)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      year,
      spec.rootUnitId,
      spec.name ?? `${year}年度招商引资目标考核`,
      spec.status ?? 'published',
      spec.reportDeadlineDay ?? 5,
      spec.curve ? JSON.stringify(spec.curve) : null,
      spec.yellowBand ?? '10',
      spec.countCredit ?? 'responsible',
    ],
  );
  return rows[0].id;
}

export interface IndicatorSpec {
  code: string;
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  source: IndicatorSource;
  ledgerRule?: LedgerRule;
  formula?: FormulaDef;
  isHeadline?: boolean;
}

const OUTSIDE_CITY = ['in_province', 'out_of_province', 'overseas'] as const;

/** A county's usual catalogue: three reported figures, six ledger rules, one ratio. */
export const STANDARD_INDICATORS: IndicatorSpec[] = [
  { code: 'XSLS', name: '项目线索', measure: '条', kind: 'count', source: 'reported' },
  {
    code: 'DWZJ',
    name: '实际到位资金',
    measure: '亿元',
    kind: 'amount',
    source: 'reported',
    isHeadline: true,
  },
  { code: 'WCPC', name: '外出招商批次', measure: '次', kind: 'count', source: 'reported' },
  {
    code: 'QYZTZ',
    name: '签约总投资',
    measure: '亿元',
    kind: 'amount',
    source: 'ledger',
    ledgerRule: { measure: 'sum_agreed', event: 'signed' },
  },
  {
    code: 'QYGS',
    name: '签约项目个数',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed' },
  },
  {
    code: 'SYYS',
    name: '10亿元以上项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '100000' },
  },
  {
    code: 'KGGS',
    name: '新开工项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'started' },
  },
  {
    code: 'SWDW',
    name: '市外到位资金',
    measure: '万元',
    kind: 'amount',
    source: 'ledger',
    ledgerRule: { measure: 'sum_funds', origins: [...OUTSIDE_CITY] },
  },
  {
    code: 'WBQ',
    name: '500强项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed', fortune500: true },
  },
  {
    code: 'KGL',
    name: '开工率',
    measure: '%',
    kind: 'ratio',
    source: 'formula',
    formula: { kind: 'ratio', numerator: 'KGGS', denominator: 'QYGS' },
  },
];

export async function insertIndicators(
  dataSource: DataSource,
  planId: number,
  specs: IndicatorSpec[] = STANDARD_INDICATORS,
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [i, spec] of specs.entries()) {
    const rows = await dataSource.query(
      `INSERT INTO indicator (plan_id, code, name, measure, kind, source, ledger_rule, formula, is_headline, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        planId,
        spec.code,
        spec.name,
        spec.measure,
        spec.kind,
        spec.source,
        spec.ledgerRule ? JSON.stringify(spec.ledgerRule) : null,
        spec.formula ? JSON.stringify(spec.formula) : null,
        spec.isHeadline ?? false,
        i,
      ],
    );
    ids[spec.code] = rows[0].id;
  }
  return ids;
}

export async function insertTarget(
  dataSource: DataSource,
  planId: number,
  unitId: number,
  indicatorId: number,
  value: string,
) {
  await dataSource.query(
    'INSERT INTO target (plan_id, unit_id, indicator_id, value) VALUES ($1, $2, $3, $4)',
    [planId, unitId, indicatorId, value],
  );
}

export interface ProjectSpec {
  code: string;
  name: string;
  investorName: string;
  unitId: number;
  agreedWan: string;
  origin?: 'local' | 'in_province' | 'out_of_province' | 'overseas';
  industryChain?: string | null;
  fortune500Kind?: 'world' | 'china' | 'china_private' | null;
  isChainLeader?: boolean;
  isSpecialized?: boolean;
  stage?: 'lead' | 'negotiating' | 'signed' | 'started' | 'producing' | 'dropped';
  signedDate?: string | null;
  startedDate?: string | null;
  producingDate?: string | null;
  registeredDate?: string | null;
  /** Co-credit, responsible unit included; must sum to 100 (checked at commit). */
  shares?: Array<{ unitId: number; pct: string }>;
}

/** A project and its shares, in one transaction (the share-sum trigger checks at commit). */
export async function insertProject(dataSource: DataSource, spec: ProjectSpec): Promise<number> {
  return dataSource.transaction(async (m) => {
    const rows = await m.query(
      `INSERT INTO project (code, name, investor_name, origin, industry_chain, agreed_investment_wan, fortune500_kind,
                            is_chain_leader, is_specialized, unit_id, stage, signed_date, started_date, producing_date,
                            registered_date)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
      [
        spec.code,
        spec.name,
        spec.investorName,
        spec.origin ?? 'out_of_province',
        spec.industryChain ?? null,
        spec.agreedWan,
        spec.fortune500Kind ?? null,
        spec.isChainLeader ?? false,
        spec.isSpecialized ?? false,
        spec.unitId,
        spec.stage ?? (spec.startedDate ? 'started' : spec.signedDate ? 'signed' : 'negotiating'),
        spec.signedDate ?? null,
        spec.startedDate ?? null,
        spec.producingDate ?? null,
        spec.registeredDate ?? null,
      ],
    );
    const id: number = rows[0].id;
    for (const share of spec.shares ?? []) {
      await m.query('INSERT INTO project_share (project_id, unit_id, share_pct) VALUES ($1, $2, $3)', [
        id,
        share.unitId,
        share.pct,
      ]);
    }
    return id;
  });
}

export async function insertFund(
  dataSource: DataSource,
  projectId: number,
  month: string,
  amountWan: string,
) {
  await dataSource.query('INSERT INTO project_fund (project_id, month, amount_wan) VALUES ($1, $2, $3)', [
    projectId,
    month,
    amountWan,
  ]);
}

/** Through the API: get-or-create the draft, save the values, submit; optionally approve. Answers the report id. */
export async function reportThroughApi(
  http: TestAgent,
  auth: { reporter: string; admin: string },
  report: {
    planId: number;
    unitId: number;
    month: string;
    values: Record<number, string>;
    approve?: boolean;
  },
): Promise<number> {
  const created = await http
    .post(`/api/v1/plans/${report.planId}/reports`)
    .set('Authorization', auth.reporter)
    .send({ unitId: report.unitId, month: report.month });
  if (created.status !== 201)
    throw new Error(`create report: ${created.status} ${JSON.stringify(created.body)}`);
  const values = Object.entries(report.values).map(([indicatorId, value]) => ({
    indicatorId: Number(indicatorId),
    value,
  }));
  // the reporter confirms any plausibility warning (the figures are the test's own; clerk-entry tests the warnings)
  const saved = await http
    .put(`/api/v1/reports/${created.body.id}`)
    .set('Authorization', auth.reporter)
    .send({
      version: created.body.version,
      values,
      progressText: '本月按计划推进招商工作。',
      confirmWarnings: true,
    });
  if (saved.status !== 200) throw new Error(`save report: ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await http
    .post(`/api/v1/reports/${created.body.id}/submit`)
    .set('Authorization', auth.reporter)
    .send({ version: saved.body.version });
  if (submitted.status !== 200)
    throw new Error(`submit report: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  if (report.approve) {
    const approved = await http
      .post(`/api/v1/reports/${created.body.id}/approve`)
      .set('Authorization', auth.admin)
      .send({ version: submitted.body.version });
    if (approved.status !== 200)
      throw new Error(`approve report: ${approved.status} ${JSON.stringify(approved.body)}`);
  }
  return created.body.id;
}
