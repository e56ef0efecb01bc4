import type { EntityManager } from 'typeorm';

import { findOrAddInvestor } from '../../../common/sql/investor.sql';
import { DEMO_CHAINS } from './chains.data';

/**
 * Which link of its chain a demo project sits on, read from its name (the names come from catalog.ts PROJECT_NAMES):
 * the first rule of the project's chain whose keyword the name contains. A project no rule matches (光伏, 氢能,
 * 中药饮片, 智能家电…) stays on no link: the map shows it under 未归链环节, as a real ledger would have some.
 */
export const DEMO_PROJECT_LINK_RULES: ReadonlyArray<{ chain: string; keyword: string; link: string }> = [
  { chain: '新能源', keyword: '储能电池', link: '储能系统' },
  { chain: '新能源', keyword: '结构件', link: '电芯' },
  { chain: '新能源', keyword: '隔膜', link: '锂电材料' },
  { chain: '新能源', keyword: '电池回收', link: '锂电材料' },
  { chain: '新能源', keyword: '汽车零部件', link: '整车配套' },
  { chain: '新能源', keyword: '充换电', link: '充换电设施' },
  { chain: '生物医药', keyword: '原料药', link: '原料药及中间体' },
  { chain: '生物医药', keyword: '固体制剂', link: '化学制剂' },
  { chain: '生物医药', keyword: '生物制剂', link: '生物制品' },
  { chain: '生物医药', keyword: '疫苗', link: '生物制品' },
  { chain: '生物医药', keyword: '发酵', link: '生物制品' },
  { chain: '生物医药', keyword: '医疗器械', link: '医疗器械' },
  { chain: '生物医药', keyword: '诊断试剂', link: '医疗器械' },
  { chain: '生物医药', keyword: '防护用品', link: '医疗器械' },
  { chain: '智能制造', keyword: '数控机床', link: '数控机床' },
  { chain: '智能制造', keyword: '机器人', link: '工业机器人' },
  { chain: '智能制造', keyword: '汽车零部件', link: '精密零部件' },
  { chain: '智能制造', keyword: '精密铸造', link: '精密零部件' },
  { chain: '智能制造', keyword: '液压件', link: '精密零部件' },
  { chain: '智能制造', keyword: '电机及控制', link: '精密零部件' },
  { chain: '智能制造', keyword: '智能装备', link: '系统集成与运维' },
];

/**
 * The demo's 3 产业链 (chains.data.ts) with their links and target companies (in the 客商库), then the link of every
 * demo project of those chains that a rule places. Runs after the projects; deterministic (names only).
 * Answers how many chains and placed projects there are.
 */
export async function insertDemoChains(
  manager: EntityManager,
  unitIds: Record<string, number>,
  adminId: number | null,
): Promise<{ chains: number; linkedProjects: number }> {
  for (const [c, chain] of DEMO_CHAINS.entries()) {
    const [row]: Array<{ id: number }> = await manager.query(
      `INSERT INTO industry_chain (name, description, leader_name, leader_title, lead_unit_id, task_force_unit_id,
                                   sort_order, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
      [
        chain.name,
        chain.description,
        chain.leaderName,
        chain.leaderTitle,
        unitIds[chain.leadUnit] ?? null,
        chain.taskForceUnit ? (unitIds[chain.taskForceUnit] ?? null) : null,
        (c + 1) * 10,
        adminId,
      ],
    );
    for (const [l, link] of chain.links.entries()) {
      const [linkRow]: Array<{ id: number }> = await manager.query(
        `INSERT INTO chain_link (chain_id, segment, name, sort_order) VALUES ($1, $2, $3, $4) RETURNING id`,
        [row!.id, link.segment, link.name, (l + 1) * 10],
      );
      for (const [t, company] of link.targets.entries()) {
        const investor = await findOrAddInvestor(manager, { name: company }, adminId);
        await manager.query(
          `INSERT INTO chain_target_company (link_id, company_name, investor_id, sort_order) VALUES ($1, $2, $3, $4)`,
          [linkRow!.id, company, investor.id, t],
        );
      }
    }
  }
  const placed: Array<{ id: number }> = await manager.query(
    `UPDATE project p SET chain_link_id = m.link_id
       FROM (SELECT DISTINCT ON (p.id) p.id, l.id AS link_id
               FROM project p
               JOIN jsonb_to_recordset($1::jsonb) AS r(chain text, keyword text, link text, ord int)
                 ON r.chain = p.industry_chain AND strpos(p.name, r.keyword) > 0
               JOIN industry_chain c ON c.name = r.chain AND c.removed_at IS NULL
               JOIN chain_link l ON l.chain_id = c.id AND l.name = r.link
              WHERE p.deleted_at IS NULL
              ORDER BY p.id, r.ord) m
      WHERE p.id = m.id
      RETURNING p.id`,
    [JSON.stringify(DEMO_PROJECT_LINK_RULES.map((rule, ord) => ({ ...rule, ord })))],
  );
  return { chains: DEMO_CHAINS.length, linkedProjects: placed.length };
}
