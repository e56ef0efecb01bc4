import { type InvestorOrigin, withCreditCodeCheckChar } from '@pacer/shared';

import type { DemoRandom } from './random';

/** Where investors come from: city and district codes (GB/T 2260) for their credit codes. */
// prettier-ignore
const CITIES: Readonly<Record<Exclude<InvestorOrigin, 'overseas'>, ReadonlyArray<readonly [string, readonly string[]]>>> = {
  local: [['示范县', ['341100']]],
  in_province: [
    ['合肥', ['340104', '340111', '340103']], ['芜湖', ['340202', '340207']], ['蚌埠', ['340303']],
    ['马鞍山', ['340503']], ['安庆', ['340803']], ['阜阳', ['341202']], ['宣城', ['341802']], ['铜陵', ['340705']],
  ],
  out_of_province: [
    ['上海', ['310115', '310112', '310104']], ['北京', ['110105', '110108']], ['苏州', ['320505', '320506']],
    ['南京', ['320115']], ['无锡', ['320214']], ['常州', ['320411']], ['杭州', ['330106', '330110']],
    ['宁波', ['330212']], ['温州', ['330302']], ['深圳', ['440305', '440306']], ['广州', ['440106']],
    ['佛山', ['440606']], ['东莞', ['441900']], ['青岛', ['370212']], ['济南', ['370102']], ['武汉', ['420111']],
    ['成都', ['510107']], ['厦门', ['350206']], ['郑州', ['410105']], ['长沙', ['430104']],
  ],
};

const OVERSEAS: ReadonlyArray<readonly [string, string]> = [
  ['香港', '国际控股有限公司'],
  ['香港', '投资集团有限公司'],
  ['新加坡', '控股私人有限公司'],
  ['台湾', '精密股份有限公司'],
  ['韩国', '株式会社'],
];

const BRAND_HEAD = '恒瑞华天金宏鑫博信凯德盛安远嘉永联汇晟卓创泰中君合正弘佳润银绿越力融海光辰达';
const BRAND_TAIL = '达源泰通能业丰成创信盛诚邦宇辉晨鼎锐康和越兴杰恒航弘驰铭祥瑞';

const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  生物医药: ['生物科技有限公司', '药业有限公司', '医疗器械有限公司', '生物医药股份有限公司'],
  新能源: ['新能源科技有限公司', '能源科技股份有限公司', '电池科技有限公司', '光伏科技有限公司'],
  新材料: ['新材料股份有限公司', '材料科技有限公司', '新型建材有限公司'],
  食品加工: ['食品有限公司', '农业发展有限公司', '食品科技股份有限公司', '粮油有限公司'],
  智能制造: ['智能装备有限公司', '机械制造有限公司', '精密科技有限公司', '智能科技股份有限公司'],
  现代物流: ['供应链管理有限公司', '物流有限公司', '冷链物流有限公司'],
  文化旅游: ['文化旅游发展有限公司', '旅游开发有限公司', '文旅集团有限公司'],
  电子信息: ['电子科技有限公司', '信息技术有限公司', '光电科技股份有限公司', '微电子有限公司'],
};

/** A name for a project of that size, or null when the template does not fit it (a 2GWh plant is not 5000万). */
type NameTemplate = string | ((wan: number) => string | null);

const step = (wan: number, tiers: ReadonlyArray<readonly [number, number]>): number =>
  tiers.find(([min]) => wan >= min)?.[1] ?? tiers[tiers.length - 1]![1];

// prettier-ignore
const PROJECT_NAMES: Readonly<Record<string, readonly NameTemplate[]>> = {
  生物医药: [
    (w) => (w >= 10000 ? `年产${step(w, [[40000, 1500], [20000, 1000], [0, 500]])}吨原料药及中间体项目` : null),
    '高端医疗器械生产基地项目', '中药饮片及配方颗粒生产项目', '生物制剂研发生产项目', '体外诊断试剂生产项目',
    (w) => (w >= 8000 ? `年产${step(w, [[30000, 20], [15000, 10], [0, 5]])}亿片固体制剂项目` : null),
    '医用防护用品生产项目', '生物发酵及功能糖项目', '动物疫苗生产项目',
  ],
  新能源: [
    (w) => (w >= 40000 ? `年产${Math.max(2, Math.round(w / 25000))}GWh储能电池项目` : null),
    (w) => `${Math.max(5, Math.round(w / 2000) * 5)}MW分布式光伏发电项目`,
    '新能源汽车零部件项目', '锂电池隔膜生产项目', '光伏支架及组件生产项目', '动力电池回收及梯次利用项目', '氢能装备制造项目',
    '充换电站建设运营项目', '动力电池结构件项目',
  ],
  新材料: [
    (w) => (w >= 8000 ? `年产${step(w, [[40000, 5], [20000, 3], [12000, 2], [0, 1]])}万吨高性能复合材料项目` : null),
    (w) => `年产${step(w, [[20000, 6], [8000, 3], [0, 1]])}万吨改性塑料项目`,
    '特种玻璃深加工项目', '新型环保建材项目', '碳纤维制品项目', '高端铝型材深加工项目', '功能性薄膜材料项目', '装配式建筑构件项目',
  ],
  食品加工: [
    (w) => `年产${step(w, [[50000, 10], [20000, 5], [8000, 2], [0, 1]])}万吨农产品精深加工项目`,
    '中央厨房及预制菜项目',
    (w) => (w >= 4000 ? `年产${step(w, [[30000, 30], [10000, 20], [0, 10]])}万吨粮油加工项目` : null),
    '肉制品深加工项目', '果蔬冷链加工项目', '休闲食品生产基地项目', '乳制品加工项目', '茶叶精制加工项目', '功能饮品生产项目',
    '稻虾综合种养及加工项目',
  ],
  智能制造: [
    '智能装备制造基地', '高端数控机床项目', '工业机器人生产项目', '汽车零部件生产项目', '精密铸造项目', '智能家电生产线项目',
    '农机装备制造项目', '液压件生产项目', '电机及控制系统项目', '环保装备制造项目',
  ],
  现代物流: [
    '冷链物流中心', '智慧物流园项目', '电商快递分拨中心项目', '农产品仓储物流项目', '多式联运物流枢纽项目', '城乡配送中心项目',
    '供应链管理总部项目',
  ],
  文化旅游: ['乡村旅游度假区项目', '文旅综合体项目', '康养旅游项目', '研学实践基地项目', '民宿集群项目', '露营地及户外运动基地项目'],
  电子信息: [
    '电子元器件生产项目', '智能终端制造项目', '数据中心项目', 'PCB电路板生产项目', '传感器研发生产项目', '光电显示模组项目',
    '连接器及线束项目', '半导体材料项目',
  ],
};

export interface DemoInvestor {
  name: string;
  /** The brand (two characters), used to tell projects of the same template apart. */
  brand: string;
  city: string;
  creditCode: string | null;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 组织机构代码 (GB 11714): 8 digits and their check character. */
function organisationCode(r: DemoRandom): string {
  const body = Array.from({ length: 8 }, () => r.int(0, 9));
  const sum = body.reduce((s, d, i) => s + d * ORG_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return `${body.join('')}${check === 10 ? 'X' : check === 11 ? '0' : String(check)}`;
}

/** A 统一社会信用代码 of a company (9 = 市场监管, 1 = 企业) with correct check characters (GB 32100-2015). */
export function demoCreditCode(r: DemoRandom, division: string): string {
  return withCreditCodeCheckChar(`91${division}${organisationCode(r)}`);
}

/**
 * A plausible, unused investor for a chain and origin. Most have a credit code; some clerks leave it blank
 * (`withCode` false), and overseas parents have none.
 */
export function makeInvestor(
  r: DemoRandom,
  chain: string,
  origin: InvestorOrigin,
  usedNames: Set<string>,
  withCode: boolean,
): DemoInvestor {
  for (;;) {
    const brand = `${r.pick([...BRAND_HEAD])}${r.pick([...BRAND_TAIL])}`;
    if (brand[0] === brand[1]) continue;
    let name: string;
    let city: string;
    let creditCode: string | null = null;
    if (origin === 'overseas') {
      const [place, suffix] = r.pick(OVERSEAS);
      city = place;
      name = `${place}${brand}${suffix}`;
    } else {
      const [cityName, districts] = r.pick(CITIES[origin]);
      city = cityName;
      name = `${cityName}${brand}${r.pick(SUFFIXES[chain] ?? SUFFIXES['智能制造']!)}`;
      const division = r.pick(districts);
      if (withCode) creditCode = demoCreditCode(r, division);
    }
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    return { name, brand, city, creditCode };
  }
}

/** A project name for the chain and size, unique within the ledger (the investor's brand tells two alike apart). */
export function makeProjectName(
  r: DemoRandom,
  chain: string,
  brand: string,
  agreedWan: number,
  usedNames: Set<string>,
): string {
  const templates = PROJECT_NAMES[chain] ?? PROJECT_NAMES['智能制造']!;
  let base: string | null = null;
  while (base === null) {
    const template = r.pick(templates);
    base = typeof template === 'string' ? template : template(agreedWan);
  }
  const candidates = [base, `${brand}${base}`, `${brand}${base}（二期）`, `${brand}${base}（三期）`];
  // ledgers often lead with the investor's brand
  if (r.chance(0.35)) candidates.shift();
  const name = candidates.find((c) => !usedNames.has(c)) ?? `${brand}${base}（四期）`;
  usedNames.add(name);
  return name;
}

/** Contact people for the ledger's 联系人 column. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾';
const TITLES = ['总经理', '副总经理', '投资总监', '项目经理', '董事长助理', '行政总监'];

export function makeContact(r: DemoRandom): string {
  // masked the way ledgers print phone numbers, so no real number is ever invented
  const phone = `1${r.pick(['38', '39', '58', '59', '86', '88', '35', '37'])}****${String(r.int(0, 9999)).padStart(4, '0')}`;
  return `${r.pick([...SURNAMES])}${r.pick(TITLES)} ${phone}`;
}
