import type { ActivityKind } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { findOrAddInvestor } from '../../../common/sql/investor.sql';
import type { DemoCalendar } from './calendar';
import { addDays, dayOf, DemoRandom, pad2, shanghai } from './random';
import { DEMO_UNITS, type DemoUnitSpec } from './units.seed';

/**
 * 招商活动 of the demo county (issue 17, docs/demo.md): for most units one to three activities a month from January up
 * to the day before seeding — trips to the unit's usual cities, receptions, a few expos and online meetings; about
 * one trip in five led by a county leader, with a department or park taking part. Each meets one to three
 * (fictional) companies, added to the 客商库 as they are named. An activity advances one of the unit's leads when the
 * leads part seeded some (found by unit, seeded before this part), and names its chain when the chains part seeded it.
 * Deterministic for a given day (its own PRNG stream, nothing read from the clock).
 */

export interface DemoActivity {
  code: string;
  kind: ActivityKind;
  title: string;
  unitCode: string;
  startDate: string;
  endDate: string;
  place: string;
  leadingOfficial: string;
  leadingOfficialTitle: string | null;
  ledByCountyLeader: boolean;
  participantUnitCodes: string[];
  participants: string[];
  companies: string[];
  outcome: string;
  chainName: string | null;
  /** Whether to link one of the unit's leads (if any were seeded). */
  advancesLead: boolean;
}

// county leaders who lead trips (链长 of the demo chains among them)
const COUNTY_LEADERS: ReadonlyArray<readonly [string, string]> = [
  ['王建军', '县委常委、常务副县长'],
  ['刘晓光', '副县长'],
  ['陈丽华', '县委常委、统战部部长'],
  ['赵振宇', '县委副书记、县长'],
];

const CITY_PROVINCE: Readonly<Record<string, string>> = {
  苏州: '江苏省苏州市',
  无锡: '江苏省无锡市',
  常州: '江苏省常州市',
  南京: '江苏省南京市',
  上海: '上海市',
  杭州: '浙江省杭州市',
  宁波: '浙江省宁波市',
  温州: '浙江省温州市',
  合肥: '安徽省合肥市',
  深圳: '广东省深圳市',
  东莞: '广东省东莞市',
  广州: '广东省广州市',
  厦门: '福建省厦门市',
  北京: '北京市',
  香港: '香港特别行政区',
  成都: '四川省成都市',
  郑州: '河南省郑州市',
  武汉: '湖北省武汉市',
};

const CHAIN_WORDS: Readonly<Record<string, readonly string[]>> = {
  智能制造: ['精密机械', '智能装备', '工业机器人', '数控科技'],
  新材料: ['新材料科技', '高分子材料', '特种纤维', '复合材料'],
  食品加工: ['食品', '农产品加工', '冷链食品', '粮油'],
  新能源: ['新能源科技', '储能技术', '光伏科技', '动力电池'],
  电子信息: ['电子科技', '半导体', '智能终端', '光电科技'],
  现代物流: ['供应链管理', '物流', '冷链物流', '智慧仓储'],
  文化旅游: ['文旅发展', '旅游开发', '康养产业', '文化传媒'],
  生物医药: ['生物医药', '医疗器械', '生物科技', '制药'],
};

const NAME_HEADS = [
  '华',
  '恒',
  '瑞',
  '鼎',
  '嘉',
  '博',
  '泰',
  '远',
  '盛',
  '德',
  '新',
  '宏',
  '中',
  '安',
  '润',
  '凯',
];
const NAME_TAILS = ['源', '达', '丰', '信', '科', '诚', '通', '和', '隆', '创', '晟', '峰'];
const STAFF = ['招商专员', '项目专员', '办公室主任', '分管负责人'];
const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '磊', '静', '强', '敏', '军', '燕', '涛', '丽', '杰', '霞', '斌', '婷'];

const OUTCOMES = [
  '达成初步投资意向，约定下月回访',
  '企业有意在园区设立区域生产基地，已提供用地和标准厂房资料',
  '交换了合作意向，企业将派考察组来县实地考察',
  '企业介绍了扩产计划，双方同意建立常态化对接机制',
  '对接产业链配套需求，推荐了两家本地配套企业',
  '企业对物流成本和用工有顾虑，会后整理专项政策答复',
];

function personName(random: DemoRandom): string {
  return `${random.pick(SURNAMES)}${random.pick(GIVEN)}${random.chance(0.5) ? random.pick(GIVEN) : ''}`;
}

function companyName(random: DemoRandom, city: string, chain: string): string {
  const words = CHAIN_WORDS[chain] ?? ['科技'];
  return `${city}${random.pick(NAME_HEADS)}${random.pick(NAME_TAILS)}${random.pick(words)}有限公司`;
}

const KINDS: ReadonlyArray<readonly [ActivityKind, number]> = [
  ['outbound', 45],
  ['reception', 35],
  ['expo', 10],
  ['online', 10],
];

/** The activities of the story year, up to the day before seeding, in date order per unit. */
export function buildDemoActivities(cal: DemoCalendar): DemoActivity[] {
  const random = new DemoRandom(0x17a_c71 + cal.storyYear);
  const activities: DemoActivity[] = [];
  const lastDay = dayOf(cal.lastEventDay);
  const partners = DEMO_UNITS.filter((u) => u.category === 'department' || u.category === 'park');
  let serial = 0;
  for (const unit of DEMO_UNITS) {
    if (unit.category === 'county' || (unit.leads === 0 && unit.pace < 60)) continue;
    for (let month = 1; month <= 12; month++) {
      const first = `${cal.storyYear}-${pad2(month)}-01`;
      if (dayOf(first) > lastDay) break;
      const count = random.weighted<number>([
        [0, 2],
        [1, 5],
        [2, 3],
        [3, unit.category === 'park' || unit.category === 'task_force' ? 2 : 0],
      ]);
      for (let i = 0; i < count; i++) {
        const start = addDays(first, random.int(0, 27));
        if (dayOf(start) > lastDay) continue;
        activities.push(buildOne(random, unit, start, lastDay, partners, ++serial));
      }
    }
  }
  return activities.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.code.localeCompare(b.code));
}

function buildOne(
  random: DemoRandom,
  unit: DemoUnitSpec,
  start: string,
  lastDay: number,
  partners: readonly DemoUnitSpec[],
  serial: number,
): DemoActivity {
  const kind = random.weighted(KINDS);
  const city = random.pick(unit.trips);
  const chain = random.pick(unit.chains);
  const away = kind === 'outbound' || kind === 'expo';
  const days = kind === 'outbound' ? random.int(1, 3) : kind === 'expo' ? 2 : 1;
  const end = dayOf(addDays(start, days - 1)) <= lastDay ? addDays(start, days - 1) : start;
  const led = kind === 'outbound' ? random.chance(0.25) : kind === 'reception' && random.chance(0.1);
  const [leader, leaderTitle] = random.pick(COUNTY_LEADERS);
  const official = led ? leader : (unit.reporterName ?? personName(random));
  const officialTitle = led ? leaderTitle : `${unit.shortName}${random.pick(['主要负责人', '分管负责人'])}`;
  const companies = [
    ...new Set(Array.from({ length: random.int(1, 3) }, () => companyName(random, city, chain))),
  ];
  const partner =
    led && random.chance(0.7) ? random.pick(partners.filter((p) => p.code !== unit.code)) : null;
  const place =
    kind === 'reception'
      ? `${unit.shortName}招商服务中心`
      : kind === 'online'
        ? '视频会议'
        : (CITY_PROVINCE[city] ?? city);
  const title =
    kind === 'outbound'
      ? `${led ? '县领导带队' : ''}赴${city}开展${chain}产业招商`
      : kind === 'reception'
        ? `接待${companies[0]}考察团`
        : kind === 'expo'
          ? `参加${city}${chain}产业投资推介会`
          : `与${companies[0]}线上洽谈`;
  return {
    code: `HD${start.slice(0, 4)}-D${String(serial).padStart(5, '0')}`,
    kind,
    title,
    unitCode: unit.code,
    startDate: start,
    endDate: end,
    place,
    leadingOfficial: official,
    leadingOfficialTitle: officialTitle,
    ledByCountyLeader: led,
    participantUnitCodes: partner ? [partner.code] : [],
    participants: away
      ? Array.from(
          { length: random.int(1, 3) },
          () => `${personName(random)}（${unit.shortName}${random.pick(STAFF)}）`,
        )
      : [],
    companies,
    outcome: random.pick(OUTCOMES),
    chainName: chain,
    advancesLead: random.chance(0.3),
  };
}

/** Inserts the activities with their units, companies (found or added to the 客商库) and leads; answers how many. */
export async function insertDemoActivities(
  manager: EntityManager,
  unitIds: Record<string, number>,
  reporterIdByUnit: Record<string, number>,
  cal: DemoCalendar,
): Promise<number> {
  const activities = buildDemoActivities(cal);
  const chains = new Map<string, number>(
    (
      (await manager.query(`SELECT id, name FROM industry_chain WHERE removed_at IS NULL`)) as Array<{
        id: number;
        name: string;
      }>
    ).map((c) => [c.name, c.id]),
  );
  const leadsByUnit = new Map<number, number[]>();
  for (const row of (await manager.query(`SELECT id, unit_id AS "unitId" FROM lead ORDER BY id`)) as Array<{
    id: number;
    unitId: number;
  }>) {
    leadsByUnit.set(row.unitId, [...(leadsByUnit.get(row.unitId) ?? []), row.id]);
  }
  for (const [n, a] of activities.entries()) {
    const unitId = unitIds[a.unitCode]!;
    const userId = reporterIdByUnit[a.unitCode] ?? null;
    const at = shanghai(a.endDate, 18, 0);
    const [{ id }] = await manager.query(
      `INSERT INTO activity (code, kind, title, unit_id, start_date, end_date, place, leading_official,
                             leading_official_title, led_by_county_leader, participants, outcome, chain_id,
                             created_by, updated_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13, $14, $14, $15, $15) RETURNING id`,
      [
        `HD${a.startDate.slice(0, 4)}-${String(n + 1).padStart(6, '0')}`,
        a.kind,
        a.title,
        unitId,
        a.startDate,
        a.endDate,
        a.place,
        a.leadingOfficial,
        a.leadingOfficialTitle,
        a.ledByCountyLeader,
        a.participants,
        a.outcome,
        a.chainName ? (chains.get(a.chainName) ?? null) : null,
        userId,
        at,
      ],
    );
    for (const code of a.participantUnitCodes) {
      await manager.query('INSERT INTO activity_unit (activity_id, unit_id) VALUES ($1, $2)', [
        id,
        unitIds[code],
      ]);
    }
    for (const name of a.companies) {
      const investor = await findOrAddInvestor(manager, { name }, userId);
      await manager.query(
        `INSERT INTO activity_company (activity_id, investor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [id, investor.id],
      );
    }
    const leads = leadsByUnit.get(unitId) ?? [];
    if (a.advancesLead && leads.length > 0) {
      await manager.query(
        `INSERT INTO activity_lead (activity_id, lead_id, relation) VALUES ($1, $2, 'advanced')`,
        [id, leads[n % leads.length]],
      );
    }
  }
  return activities.length;
}
