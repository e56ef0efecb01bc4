/**
 * The demo county's 产业链 (issue 17), as data only: the chains module seeds them, and the leads and activities of the
 * demo find a link by its chain and link names (a seed part whose chain is absent leaves the link empty). Each chain's
 * name is one of the plan's industry chains (plan.seed.ts INDUSTRY_CHAINS), so a ledger project's `industry_chain`
 * text names its chain. 链长制: one county leader, one lead department, one 专班 (where the county has one).
 */
export interface DemoChainLink {
  segment: 'upstream' | 'midstream' | 'downstream';
  name: string;
  /** 招商目标企业 of the link (fictional names). */
  targets: string[];
}

export interface DemoChain {
  name: string;
  description: string;
  leaderName: string;
  leaderTitle: string;
  /** Unit codes (units.seed.ts). */
  leadUnit: string;
  taskForceUnit: string | null;
  links: DemoChainLink[];
}

// prettier-ignore
export const DEMO_CHAINS: readonly DemoChain[] = [
  {
    name: '新能源',
    description: '以动力电池和储能为核心，向上游材料、下游整车配套和充换电设施延伸，打造县域新能源产业集群。',
    leaderName: '王建军', leaderTitle: '县委常委、常务副县长', leadUnit: 'D01', taskForceUnit: 'Z02',
    links: [
      { segment: 'upstream', name: '锂电材料', targets: ['江源锂业科技有限公司', '华瑞新材料股份有限公司'] },
      { segment: 'upstream', name: '正负极材料', targets: ['恒泰碳素材料有限公司'] },
      { segment: 'midstream', name: '电芯', targets: ['远景动力电池有限公司', '中科储能技术有限公司'] },
      { segment: 'midstream', name: '储能系统', targets: ['绿储能源科技有限公司'] },
      { segment: 'midstream', name: '电机电控', targets: ['精驰电驱动系统有限公司'] },
      { segment: 'downstream', name: '整车配套', targets: ['长风汽车零部件有限公司'] },
      { segment: 'downstream', name: '充换电设施', targets: ['易充新能源服务有限公司'] },
    ],
  },
  {
    name: '生物医药',
    description: '依托县高新技术产业园区，发展原料药、医疗器械和生物制品，承接长三角生物医药产业转移。',
    leaderName: '李红梅', leaderTitle: '副县长', leadUnit: 'D04', taskForceUnit: 'Z01',
    links: [
      { segment: 'upstream', name: '原料药及中间体', targets: ['康源医药化工有限公司'] },
      { segment: 'midstream', name: '化学制剂', targets: ['瑞康制药股份有限公司'] },
      { segment: 'midstream', name: '生物制品', targets: ['华生生物技术有限公司', '博瑞疫苗科技有限公司'] },
      { segment: 'midstream', name: '医疗器械', targets: ['安康医疗器械有限公司'] },
      { segment: 'downstream', name: '医药流通', targets: [] },
    ],
  },
  {
    name: '智能制造',
    description: '围绕数控装备和工业机器人补链强链，引进精密零部件配套，推动县内传统制造企业智能化改造。',
    leaderName: '陈志刚', leaderTitle: '副县长', leadUnit: 'D03', taskForceUnit: null,
    links: [
      { segment: 'upstream', name: '精密零部件', targets: ['精工传动科技有限公司', '恒锐精密铸造有限公司'] },
      { segment: 'upstream', name: '工业软件', targets: ['智控软件技术有限公司'] },
      { segment: 'midstream', name: '数控机床', targets: ['海德数控机床有限公司'] },
      { segment: 'midstream', name: '工业机器人', targets: ['灵动机器人科技有限公司'] },
      { segment: 'downstream', name: '系统集成与运维', targets: [] },
    ],
  },
];

/** The demo link of a chain by names, or undefined (used by the leads and activities of the demo). */
export function demoChainLink(chain: string, link: string): DemoChainLink | undefined {
  return DEMO_CHAINS.find((c) => c.name === chain)?.links.find((l) => l.name === link);
}
