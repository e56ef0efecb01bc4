import { Dec, type CreateProjectRequest, withCreditCodeCheckChar } from '@pacer/shared';
import type { DataSource } from 'typeorm';

/**
 * A 统一社会信用代码 with a correct check character: '91' (enterprise, registered by 市场监管),
 * a 6-digit division code and a 9-character organisation code made from `serial`.
 */
export function creditCode(serial: number, division = '350900'): string {
  return withCreditCodeCheckChar(`91${division}${String(serial).padStart(8, '0')}X`.slice(0, 17));
}

/** Real investors with their published (valid) codes, and made-up ones with generated valid codes. */
export const INVESTORS = {
  catl: { name: '宁德时代新能源科技股份有限公司', creditCode: '91350900587527783P' },
  byd: { name: '比亚迪股份有限公司', creditCode: '91440300192317458F' },
  pharma: { name: '江苏康瑞生物医药有限公司', creditCode: creditCode(31_207_001, '320700') },
  food: { name: '河南金穗食品股份有限公司', creditCode: creditCode(41_105_002, '410100') },
  robot: { name: '苏州智造机器人科技有限公司', creditCode: creditCode(32_050_003, '320500') },
  logistics: { name: '顺达现代物流集团有限公司', creditCode: creditCode(44_030_004, '440300') },
} as const;

export const INDUSTRY_CHAINS = ['新能源', '生物医药', '食品加工', '智能制造', '现代物流'] as const;

/** A valid create body for the API (override what the test is about). */
export function projectPayload(
  unitId: number,
  overrides: Partial<CreateProjectRequest> = {},
): CreateProjectRequest {
  return {
    name: '年产10万吨新能源电池材料项目',
    investorName: INVESTORS.catl.name,
    investorCreditCode: INVESTORS.catl.creditCode,
    origin: 'out_of_province',
    industryChain: '新能源',
    agreedInvestmentWan: '150000',
    fortune500Kind: 'china_private',
    isChainLeader: true,
    isSpecialized: false,
    unitId,
    ...overrides,
  };
}

export interface ProjectSpec {
  unitId: number;
  name: string;
  investorName?: string;
  investorCreditCode?: string | null;
  origin?: 'local' | 'in_province' | 'out_of_province' | 'overseas';
  industryChain?: string | null;
  agreedInvestmentWan?: string;
  stage?: 'lead' | 'negotiating' | 'signed' | 'started' | 'producing' | 'dropped';
  signedDate?: string | null;
  startedDate?: string | null;
  /** Co-credited units; the responsible unit keeps 100 − their sum. */
  shares?: Array<{ unitId: number; sharePct: string }>;
  code?: string;
  createdAt?: string;
}

/** Inserts a project straight into the ledger (fixtures for filters and other modules), shares included. */
export async function insertProject(dataSource: DataSource, spec: ProjectSpec): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const [{ id }] = await manager.query(`SELECT nextval('project_id_seq')::int AS id`);
    const createdAt = spec.createdAt ?? new Date().toISOString();
    const code = spec.code ?? `XM${createdAt.slice(0, 4)}-${String(id).padStart(6, '0')}`;
    await manager.query(
      `INSERT INTO project (id, code, name, investor_name, investor_credit_code, origin, industry_chain, agreed_investment_wan,
                            unit_id, stage, signed_date, started_date, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
      [
        id,
        code,
        spec.name,
        spec.investorName ?? INVESTORS.robot.name,
        spec.investorCreditCode === undefined ? null : spec.investorCreditCode,
        spec.origin ?? 'out_of_province',
        spec.industryChain === undefined ? '智能制造' : spec.industryChain,
        spec.agreedInvestmentWan ?? '50000',
        spec.unitId,
        spec.stage ?? (spec.signedDate ? 'signed' : 'lead'),
        spec.signedDate ?? null,
        spec.startedDate ?? null,
        createdAt,
      ],
    );
    const others = spec.shares ?? [];
    const responsible = others.reduce((left, s) => left.minus(s.sharePct), new Dec(100)).toFixed();
    await manager.query(
      `INSERT INTO project_share (project_id, unit_id, share_pct)
       SELECT $1, u, p::numeric FROM unnest($2::int[], $3::text[]) AS t(u, p)`,
      [id, [spec.unitId, ...others.map((s) => s.unitId)], [responsible, ...others.map((s) => s.sharePct)]],
    );
    return id;
  });
}
