import { formatAmount } from '@pacer/shared';

import type { DemoProject } from './projects.seed';
import type { DemoRandom } from './random';
import type { DemoUnitSpec } from './units.seed';

/** What a unit did in a month, as its monthly report tells it (taken from its own ledger). */
export interface MonthFacts {
  unit: DemoUnitSpec;
  month: number;
  signed: DemoProject[];
  started: DemoProject[];
  /** Projects the unit is negotiating at the end of the month. */
  negotiating: DemoProject[];
  fundsWan: number;
  leads: number;
  trips: number;
}

export interface Narrative {
  progressText: string;
  problemsText: string;
  nextPlanText: string;
}

function money(wan: number): string {
  return wan >= 10000
    ? formatAmount(wan, { withUnit: true })
    : formatAmount(wan, { unit: '万元', withUnit: true });
}

/** How a unit names itself: a town by its full name (城关镇), a department or park by its short one (商务局). */
const self = (f: MonthFacts) => (f.unit.category === 'town' ? f.unit.name : f.unit.shortName);

const OPENINGS = [
  (f: MonthFacts) => `${f.month}月份，${self(f)}坚持把招商引资作为“一号工程”，紧盯年度目标任务抓推进。`,
  (f: MonthFacts) => `本月，我单位围绕${f.unit.chains.slice(0, 2).join('、')}等产业链开展精准招商。`,
  (f: MonthFacts) => `${f.month}月，${self(f)}主要负责同志带队招商，推动在谈项目加快落地。`,
  (_f: MonthFacts) => `本月继续落实“一把手”招商和项目专班推进机制，各项工作有序推进。`,
];

// prettier-ignore
const PROBLEMS_BEHIND = [
  '一是签约项目总量偏小，缺少10亿元以上的重大项目支撑；二是部分在谈项目决策周期长，转化率不高。',
  '年度目标完成进度落后于序时进度，项目储备不足，信息来源渠道单一，以商招商作用发挥不够。',
  '外出招商频次偏少，对接的企业质量不高，有效线索转化为签约项目的比例偏低。',
  '土地指标紧张，部分意向项目因用地问题无法落地；标准化厂房供给不足，中小项目承接能力弱。',
];
// prettier-ignore
const PROBLEMS_ON_TRACK = [
  '部分签约项目开工前手续办理周期较长，环评、能评审批需进一步提速。',
  '要素保障压力较大，园区水电气配套和用工保障需提前谋划。',
  '个别已签约项目资金到位偏慢，需加强跟踪督促。',
  '产业链上下游配套项目储备不多，链主企业带动作用尚未充分显现。',
  '专业招商人员不足，懂产业、懂政策的队伍建设有待加强。',
];

const NEXT_STEPS = [
  (f: MonthFacts) =>
    `赴${f.unit.trips.join('、')}等地开展小分队招商，重点对接${f.unit.chains[0]}产业链企业。`,
  (f: MonthFacts) =>
    f.negotiating[0]
      ? `全力推进${f.negotiating[0].name}洽谈，力争早日签约。`
      : '加强与商会、协会和中介机构对接，拓宽项目信息渠道。',
  () => '对已签约项目实行“一个项目、一名领导、一套班子”跟踪服务，推动项目尽快开工。',
  () => '做好秋季投资洽谈会参会项目筹备，梳理一批重点在谈项目集中签约。',
  () => '开展已签约未开工项目专项清理，逐一研究解决用地、规划、审批等问题。',
  () => '加强项目线索筛选研判，建立线索台账，落实专人跟进。',
];

/** 工作进展 / 存在问题 / 下步计划 for one report, varied but consistent with the unit's ledger for the month. */
export function writeNarrative(r: DemoRandom, f: MonthFacts, isBehind: boolean): Narrative {
  const parts = [r.pick(OPENINGS)(f)];
  if (f.signed.length > 0) {
    const total = f.signed.reduce((s, p) => s + p.agreedWan, 0);
    const named = f.signed
      .slice(0, 2)
      .map((p) => `${p.name}（协议投资${money(p.agreedWan)}）`)
      .join('、');
    parts.push(
      f.signed.length === 1
        ? `新签约${named}。`
        : `新签约项目${f.signed.length}个，协议总投资${money(total)}，其中${named}${f.signed.length > 2 ? '等' : ''}。`,
    );
  } else {
    parts.push('本月暂无新签约项目，重点抓在谈项目推进和已签约项目落地。');
  }
  if (f.started.length > 0) {
    parts.push(
      `新开工项目${f.started.length}个（${f.started
        .map((p) => p.name)
        .slice(0, 2)
        .join('、')}）。`,
    );
  }
  if (f.fundsWan > 0) parts.push(`实现到位资金${money(f.fundsWan)}。`);
  parts.push(
    f.trips > 0
      ? `外出招商${f.trips}批次，赴${r.pick(f.unit.trips)}等地拜访对接企业${f.trips * r.int(3, 6)}家，新增有效项目线索${f.leads}条。`
      : `本月未安排外出招商，通过以商招商、驻外联络等方式新增有效项目线索${f.leads}条。`,
  );

  const problems = isBehind ? [r.pick(PROBLEMS_BEHIND)] : r.sample(PROBLEMS_ON_TRACK, r.int(1, 2));
  const steps = r.sample(NEXT_STEPS, 3).map((step, i) => `${['一', '二', '三'][i]}是${step(f)}`);
  return {
    progressText: parts.join(''),
    problemsText: problems.join(''),
    nextPlanText: steps.join(''),
  };
}
