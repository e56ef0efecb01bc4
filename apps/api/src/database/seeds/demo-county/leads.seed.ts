import { withCreditCodeCheckChar } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { findInvestorByName, findOrAddInvestor } from '../../../common/sql/investor.sql';

import type { DemoCalendar } from './calendar';
import { addDays, DemoRandom, shanghai } from './random';
import { REPORTING_UNITS } from './units.seed';

/**
 * 线索 of the demo county (issue 17, docs/demo.md): a few per reporting unit, from the industries the unit courts, with
 * follow-ups over the past months, mixed statuses (新线索, 洽谈中, 已签约 linked to one of the unit's signed projects,
 * 已搁置 with its reason), some next steps overdue and a few leads left 沉睡. Companies go into the 客商库 once (a few
 * are courted by two units). A lead names a chain link by its chain and link names (chains.data.ts) when the chains
 * part seeded them, and leaves it empty otherwise. Deterministic for a given day; nothing on or after the seeding day.
 */

interface LeadTemplate {
  industry: string;
  company: string;
  /** The credit code's serial (a valid code is built from it), or null when the clerk has none yet. */
  serial: number | null;
  title: string;
  amountWan: number;
  /** [chain name, link name] of chains.data.ts. */
  link?: [string, string];
}

// prettier-ignore
const TEMPLATES: readonly LeadTemplate[] = [
  { industry: '新能源', company: '江源锂业科技有限公司', serial: 1101, title: '年产2万吨电池级碳酸锂项目', amountWan: 180000, link: ['新能源', '锂电材料'] },
  { industry: '新能源', company: '远景动力电池有限公司', serial: 1102, title: '20GWh动力电池生产基地项目', amountWan: 500000, link: ['新能源', '电芯'] },
  { industry: '新能源', company: '绿储能源科技有限公司', serial: 1103, title: '工商业储能系统集成项目', amountWan: 60000, link: ['新能源', '储能系统'] },
  { industry: '新能源', company: '易充新能源服务有限公司', serial: null, title: '县域充换电网络建设运营项目', amountWan: 12000, link: ['新能源', '充换电设施'] },
  { industry: '新能源', company: '恒泰碳素材料有限公司', serial: 1104, title: '负极材料石墨化加工项目', amountWan: 85000, link: ['新能源', '正负极材料'] },
  { industry: '生物医药', company: '瑞康制药股份有限公司', serial: 1201, title: '口服固体制剂生产线项目', amountWan: 45000, link: ['生物医药', '化学制剂'] },
  { industry: '生物医药', company: '华生生物技术有限公司', serial: 1202, title: '重组蛋白药物中试基地项目', amountWan: 70000, link: ['生物医药', '生物制品'] },
  { industry: '生物医药', company: '安康医疗器械有限公司', serial: null, title: '医用耗材及体外诊断试剂项目', amountWan: 25000, link: ['生物医药', '医疗器械'] },
  { industry: '生物医药', company: '康源医药化工有限公司', serial: 1203, title: '高端医药中间体项目', amountWan: 38000, link: ['生物医药', '原料药及中间体'] },
  { industry: '智能制造', company: '灵动机器人科技有限公司', serial: 1301, title: '协作机器人整机制造项目', amountWan: 55000, link: ['智能制造', '工业机器人'] },
  { industry: '智能制造', company: '精工传动科技有限公司', serial: 1302, title: '精密减速器生产项目', amountWan: 32000, link: ['智能制造', '精密零部件'] },
  { industry: '智能制造', company: '海德数控机床有限公司', serial: 1303, title: '五轴数控机床装配基地项目', amountWan: 48000, link: ['智能制造', '数控机床'] },
  { industry: '智能制造', company: '智控软件技术有限公司', serial: null, title: '工业互联网平台区域中心项目', amountWan: 8000, link: ['智能制造', '工业软件'] },
  { industry: '新材料', company: '华瑞新材料股份有限公司', serial: 1401, title: '高性能改性塑料项目', amountWan: 40000 },
  { industry: '新材料', company: '中玻特种玻璃有限公司', serial: 1402, title: '光伏超白玻璃深加工项目', amountWan: 65000 },
  { industry: '新材料', company: '恒锐精密铸造有限公司', serial: null, title: '铝合金精密压铸件项目', amountWan: 22000, link: ['智能制造', '精密零部件'] },
  { industry: '食品加工', company: '浙江绿源食品集团有限公司', serial: 1501, title: '中央厨房及预制菜加工项目', amountWan: 30000 },
  { industry: '食品加工', company: '丰谷粮油有限公司', serial: 1502, title: '10万吨稻米精深加工项目', amountWan: 18000 },
  { industry: '食品加工', company: '鲜达冷链食品有限公司', serial: null, title: '果蔬冷链仓储加工中心项目', amountWan: 15000 },
  { industry: '现代物流', company: '通达供应链管理有限公司', serial: 1601, title: '区域分拨中心项目', amountWan: 26000 },
  { industry: '现代物流', company: '安运智慧物流有限公司', serial: null, title: '智慧物流园二期项目', amountWan: 35000 },
  { industry: '电子信息', company: '芯源微电子有限公司', serial: 1701, title: '功率半导体封装测试项目', amountWan: 90000 },
  { industry: '电子信息', company: '光弘电子科技有限公司', serial: 1702, title: '智能终端SMT贴片项目', amountWan: 28000 },
  { industry: '文化旅游', company: '山水文旅发展有限公司', serial: 1801, title: '古镇文旅综合体项目', amountWan: 50000 },
  { industry: '文化旅游', company: '乐途户外运动有限公司', serial: null, title: '山地户外运动营地项目', amountWan: 9000 },
];

const SOURCES = [
  ['outbound', 5],
  ['visit', 3],
  ['expo', 3],
  ['business_referral', 2],
  ['agency', 1],
  ['online', 1],
] as const;

const AGREED = [
  '企业介绍了扩产计划，对我县区位和配套表示兴趣',
  '就用地规模、能耗指标和建设周期交换意见',
  '企业提出标准厂房代建需求，我方介绍了园区政策',
  '双方初步商定投资规模和分期建设安排',
  '企业高层来县实地考察了拟选地块',
  '就供地方式、税收贡献和就业岗位进行了洽谈',
  '企业已完成内部立项，待董事会审议',
  '对接了上下游配套企业，企业希望尽快签订投资意向书',
];
const NEXT_STEPS = [
  '邀请企业高层来县实地考察',
  '报送项目用地和能耗需求清单',
  '起草投资意向书',
  '组织自然资源、发改等部门联合会商',
  '提交项目可行性研究报告',
  '安排县领导赴企业总部拜访',
];
const SHELVED = ['企业投资计划调整，暂缓布局', '项目能耗指标无法满足，企业转投他地', '企业资金链紧张，项目暂停'];
const WAYS = ['visit', 'reception', 'call', 'meeting', 'online'] as const;
const CONTACT_NAMES = ['张伟', '王芳', '李强', '刘洋', '陈明', '杨静', '赵磊', '周婷'];
const CONTACT_TITLES = ['投资发展部总监', '副总经理', '战略投资部经理', '董事长助理'];

interface DemoLeadsResult {
  leads: number;
  followUps: number;
}

/** The demo's leads, follow-ups and status trails, in the caller's transaction. */
export async function insertDemoLeads(
  manager: EntityManager,
  unitIds: Record<string, number>,
  reporterIdByUnit: Record<string, number>,
  cal: DemoCalendar,
): Promise<DemoLeadsResult> {
  const rnd = new DemoRandom(20261217);
  const today = cal.today;
  const linkIds = new Map<string, number>(
    (
      (await manager.query(
        `SELECT c.name AS chain, l.name AS link, l.id FROM chain_link l JOIN industry_chain c ON c.id = l.chain_id
          WHERE l.removed_at IS NULL AND c.removed_at IS NULL`,
      )) as Array<{ chain: string; link: string; id: number }>
    ).map((r) => [`${r.chain}\u0000${r.link}`, r.id]),
  );
  const investorIds = new Map<string, number>();
  const investorOf = async (t: LeadTemplate): Promise<number> => {
    const known = investorIds.get(t.company);
    if (known) return known;
    // a chain's target company (chains.seed.ts, seeded before) is the same company: its lead is on that row
    const existing = await findInvestorByName(manager, t.company);
    if (existing !== undefined) {
      investorIds.set(t.company, existing);
      return existing;
    }
    const code = t.serial === null ? null : withCreditCodeCheckChar(`91330100MA${String(t.serial).padStart(7, '0')}`.slice(0, 17));
    const [{ id }] = await manager.query(
      `INSERT INTO investor (name, credit_code, origin, industry, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [t.company, code, rnd.pick(['out_of_province', 'out_of_province', 'in_province', 'local'] as const), t.industry, shanghai(addDays(today, -200), 9)],
    );
    investorIds.set(t.company, id);
    // the company's contact for investment (phone masked like the ledger's contacts)
    if (t.serial !== null) {
      await manager.query(
        `INSERT INTO investor_contact (investor_id, name, title, phone, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [id, rnd.pick(CONTACT_NAMES), rnd.pick(CONTACT_TITLES), `1${rnd.int(30, 89)}****${String(rnd.int(0, 9999)).padStart(4, '0')}`, shanghai(addDays(today, -200), 9)],
      );
    }
    return id;
  };
  // a unit's signed projects, for its signed leads (the lead is the project's story: its name and its investor)
  type SignedProject = { unitId: number; id: number; name: string; investorName: string; creditCode: string | null };
  const signedProjects = new Map<number, SignedProject[]>();
  for (const row of (await manager.query(
    `SELECT unit_id AS "unitId", id, name, investor_name AS "investorName", investor_credit_code AS "creditCode"
       FROM project WHERE deleted_at IS NULL AND stage IN ('signed', 'started', 'producing') ORDER BY id`,
  )) as SignedProject[]) {
    signedProjects.set(row.unitId, [...(signedProjects.get(row.unitId) ?? []), row]);
  }

  let leads = 0;
  let followUps = 0;
  let serial = 0;
  for (const unit of REPORTING_UNITS) {
    if (unit.code === 'D07' || unit.code === 'D10') continue; // two departments without leads: "most units"
    const unitId = unitIds[unit.code]!;
    const userId = reporterIdByUnit[unit.code] ?? null;
    const fits = TEMPLATES.filter((t) => unit.chains.includes(t.industry));
    const pool = fits.length > 0 ? fits : TEMPLATES;
    const count = unit.category === 'park' || unit.category === 'task_force' ? rnd.int(4, 5) : rnd.int(2, 3);
    const used = new Set<string>();
    for (let i = 0; i < count; i++) {
      const t = rnd.pick(pool);
      if (used.has(t.title)) continue;
      used.add(t.title);
      serial += 1;
      const foundOn = addDays(today, -rnd.int(25, 210));
      const roll = rnd.next();
      // 已签约 only where the unit has a signed project to link; 沉睡: an open lead whose last follow-up is long ago
      const projects = signedProjects.get(unitId) ?? [];
      let status: 'new' | 'negotiating' | 'signed' | 'shelved' =
        roll < 0.25 ? 'new' : roll < 0.7 ? 'negotiating' : roll < 0.85 && projects.length > 0 ? 'signed' : roll < 0.85 ? 'negotiating' : 'shelved';
      const age = Number((new Date(`${today}T00:00:00Z`).getTime() - new Date(`${foundOn}T00:00:00Z`).getTime()) / 86400000);
      const isDormant = status !== 'signed' && status !== 'shelved' && rnd.chance(0.2) && age > 45;
      // follow-up days, ascending, between the found day and yesterday (a dormant lead's stop 35+ days ago)
      const lastPossible = isDormant ? -rnd.int(35, Math.min(age - 1, 80)) : -rnd.int(1, 20);
      const n = status === 'new' ? (age < 30 ? 0 : 1) : rnd.int(1, 4);
      const days: string[] = [];
      for (let k = 0; k < n; k++) {
        const from = -age + 1;
        const span = lastPossible - from;
        days.push(addDays(today, k === n - 1 ? lastPossible : from + Math.floor((span * (k + 1)) / (n + 1))));
      }
      days.sort();
      const amount = String(Math.round((t.amountWan * rnd.int(80, 120)) / 100 / 100) * 100);
      const link = t.link ? (linkIds.get(`${t.link[0]}\u0000${t.link[1]}`) ?? null) : null;
      const lastFollowUp = days.at(-1) ?? null;
      // open leads carry a next step: a few are overdue (the reminder went out the day after)
      let nextStep: string | null = null;
      let nextStepDue: string | null = null;
      let reminded: string | null = null;
      if (status === 'new' || status === 'negotiating') {
        nextStep = rnd.pick(NEXT_STEPS);
        const overdue = isDormant || rnd.chance(0.25);
        nextStepDue = overdue ? addDays(lastFollowUp ?? foundOn, rnd.int(5, 15)) : addDays(today, rnd.int(3, 30));
        if (nextStepDue >= today) nextStepDue = overdue ? addDays(today, -1) : nextStepDue;
        if (nextStepDue < addDays(today, -1)) reminded = addDays(nextStepDue, 1);
      }
      const statusChangedOn =
        status === 'new' ? foundOn : days.length > 0 ? days[Math.floor(days.length / 2)]! : addDays(foundOn, 3);
      if (status === 'signed' && days.length === 0) status = 'negotiating';
      const signed = status === 'signed' ? projects.shift()! : null;
      if (signed) signedProjects.set(unitId, projects);
      const projectId = signed?.id ?? null;
      const shelvedReason = status === 'shelved' ? rnd.pick(SHELVED) : null;
      const investorId = signed
        ? (await findOrAddInvestor(manager, { name: signed.investorName, creditCode: signed.creditCode }, null)).id
        : await investorOf(t);
      // the signed project names its company in the 客商库 (as signing a lead does)
      if (signed) await manager.query(`UPDATE project SET investor_id = $2 WHERE id = $1 AND investor_id IS NULL`, [signed.id, investorId]);
      const title = signed ? signed.name : `${t.company.replace(/(股份)?有限公司|集团/gu, '')}${t.title}`;
      const code = `XS${foundOn.slice(0, 4)}-${String(serial).padStart(6, '0')}`;
      const [{ id }] = await manager.query(
        `INSERT INTO lead (code, title, unit_id, owner_user_id, owner_name, task_force_unit_id, investor_id, chain_link_id,
                           intended_investment_wan, source, status, shelved_reason, project_id, found_on, status_changed_on,
                           last_follow_up_on, next_step, next_step_due, next_step_reminded_on, created_by, updated_by,
                           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $4, $4, $20, $21)
         RETURNING id`,
        [
          code,
          title,
          unitId,
          userId,
          unit.reporterName,
          t.industry === '新能源' && unit.code !== 'Z02' && rnd.chance(0.5) ? unitIds.Z02 : t.industry === '生物医药' && unit.code !== 'Z01' && rnd.chance(0.5) ? unitIds.Z01 : null,
          investorId,
          link,
          amount,
          rnd.weighted(SOURCES),
          status,
          shelvedReason,
          projectId,
          foundOn,
          statusChangedOn,
          lastFollowUp,
          nextStep,
          nextStepDue,
          reminded,
          shanghai(foundOn, 10),
          shanghai(lastFollowUp ?? foundOn, 17),
        ],
      );
      leads += 1;
      // the trail: found (new), then the status it holds, on its day
      await manager.query(
        `INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_on, reason, changed_by, created_at)
         VALUES ($1, NULL, 'new', $2, NULL, $3, $4)`,
        [id, foundOn, userId, shanghai(foundOn, 10)],
      );
      if (status !== 'new') {
        await manager.query(
          `INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_on, reason, changed_by, created_at)
           VALUES ($1, 'new', $2, $3, $4, $5, $6)`,
          [id, status, statusChangedOn, shelvedReason, userId, shanghai(statusChangedOn, 16)],
        );
      }
      for (let k = 0; k < days.length; k++) {
        const isLast = k === days.length - 1;
        await manager.query(
          `INSERT INTO lead_follow_up (lead_id, followed_on, way, people, agreed, next_step, next_step_due, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            days[k],
            rnd.pick(WAYS),
            `${unit.reporterName}、${t.company.slice(0, 4)}投资部负责人`,
            rnd.pick(AGREED),
            isLast ? nextStep : rnd.pick(NEXT_STEPS),
            isLast ? nextStepDue : addDays(days[k]!, 10),
            userId,
            shanghai(days[k]!, 18),
          ],
        );
        followUps += 1;
      }
    }
  }
  return { leads, followUps };
}
