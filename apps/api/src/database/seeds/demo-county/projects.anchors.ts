import type { Fortune500Kind, InvestorOrigin } from '@pacer/shared';

/**
 * The hand-written projects the demo's story hangs on: the ≥10亿 and ≥50亿 projects, the 500强 investors, the two
 * duplicate pairs, the excluded, dropped and 2025 ones. The rest of the ledger is generated around them.
 */
export interface AnchorProject {
  key: string;
  unit: string;
  /** A co-introducing unit credited 40% (the responsible unit keeps 60%). */
  partner?: string;
  name: string;
  investor: string;
  /** Division code for a generated credit code; null = the clerk left it blank (or an overseas parent). */
  division: string | null;
  /** Same investor and credit code as another anchor: a deliberate duplicate across units. */
  investorOf?: string;
  origin: InvestorOrigin;
  chain: string | null;
  agreedWan: number;
  fortune500?: Fortune500Kind;
  chainLeader?: boolean;
  specialized?: boolean;
  lead?: string;
  negotiating?: string;
  signed?: string;
  started?: string;
  registered?: string;
  producing?: string;
  dropped?: string;
  excludedReason?: string;
  description?: string;
}

// prettier-ignore
export const ANCHOR_PROJECTS: readonly AnchorProject[] = [
  // ---- ≥10亿 signed in 2026 (SHIYI) ----
  { key: 'A1', unit: 'P01', name: '年产20GWh储能电池项目', investor: '苏州恒能新能源科技股份有限公司', division: '320505', origin: 'out_of_province', chain: '新能源', agreedWan: 500000, chainLeader: true, lead: '2026-04-10', negotiating: '2026-06-02', signed: '2026-09-18', description: '2026年秋季投资洽谈会签约，计划2027年一季度开工，达产后年产值约80亿元' },
  { key: 'A2', unit: 'P01', name: '美的智能家电产业园项目', investor: '美的集团股份有限公司', division: null, origin: 'out_of_province', chain: '智能制造', agreedWan: 200000, fortune500: 'world', chainLeader: true, lead: '2025-11-15', negotiating: '2026-01-08', signed: '2026-03-28', started: '2026-06-18', registered: '2026-07-10', description: '春季招商推介会重点签约项目，一期建设4条智能生产线' },
  { key: 'A3', unit: 'Z01', partner: 'P01', name: '生物医药产业园二期', investor: '上海瑞康生物医药集团有限公司', division: '310115', origin: 'out_of_province', chain: '生物医药', agreedWan: 180000, lead: '2025-12-05', negotiating: '2026-01-20', signed: '2026-03-28', started: '2026-07-06', registered: '2026-08-03', description: '专班首谈、经开区落地，按6:4分成计入' },
  { key: 'A4', unit: 'P02', name: '高性能玻璃纤维复合材料项目', investor: '中国建材集团有限公司', division: null, origin: 'out_of_province', chain: '新材料', agreedWan: 150000, fortune500: 'world', lead: '2026-01-06', negotiating: '2026-02-25', signed: '2026-04-22', started: '2026-08-08', registered: '2026-08-25' },
  { key: 'A5', unit: 'P02', name: '集成电路封装测试项目', investor: '深圳芯联微电子有限公司', division: '440305', origin: 'out_of_province', chain: '电子信息', agreedWan: 120000, specialized: true, lead: '2026-02-14', negotiating: '2026-04-01', signed: '2026-06-30', started: '2026-10-12' },
  { key: 'A6', unit: 'Z02', name: '年产10万吨新能源电池材料项目', investor: '宁波锂源新材料科技股份有限公司', division: '330212', origin: 'out_of_province', chain: '新能源', agreedWan: 200000, chainLeader: true, lead: '2026-01-10', negotiating: '2026-03-02', signed: '2026-05-16', started: '2026-08-20', registered: '2026-09-05' },
  { key: 'A7', unit: 'T01', name: '智能装备制造基地', investor: '杭州精工智能装备股份有限公司', division: '330106', origin: 'out_of_province', chain: '智能制造', agreedWan: 130000, specialized: true, lead: '2025-10-20', negotiating: '2025-12-15', signed: '2026-02-26', started: '2026-05-20', registered: '2026-06-15' },
  { key: 'A8', unit: 'T08', name: '东湖文旅综合体项目', investor: '南京文投文旅发展集团有限公司', division: '320115', origin: 'out_of_province', chain: '文化旅游', agreedWan: 108000, lead: '2026-05-12', negotiating: '2026-07-20', signed: '2026-10-20' },
  { key: 'A10', unit: 'T05', name: '200MW渔光互补光伏发电项目', investor: '合肥晶阳新能源开发有限公司', division: '340111', origin: 'in_province', chain: '新能源', agreedWan: 100000, lead: '2026-06-08', negotiating: '2026-08-18', signed: '2026-11-12', description: '协议投资额恰为10亿元（10亿元以上含本数）' },
  // ---- just under the band ----
  { key: 'A9', unit: 'T02', name: '年产30万吨农产品精深加工项目', investor: '青岛鲁丰食品集团有限公司', division: '370212', origin: 'out_of_province', chain: '食品加工', agreedWan: 95000, lead: '2026-03-03', negotiating: '2026-04-28', signed: '2026-07-15', started: '2026-09-28', registered: '2026-10-20' },
  // ---- 500强 investors (W500) ----
  { key: 'A12', unit: 'T05', name: '正大现代农业产业园项目', investor: '正大集团', division: null, origin: 'overseas', chain: '食品加工', agreedWan: 60000, fortune500: 'world', lead: '2026-01-15', negotiating: '2026-02-20', signed: '2026-04-10', started: '2026-07-22', registered: '2026-08-15' },
  { key: 'A13', unit: 'T07', name: '顺丰电商快递分拨中心项目', investor: '顺丰控股股份有限公司', division: null, origin: 'out_of_province', chain: '现代物流', agreedWan: 35000, fortune500: 'china', lead: '2026-02-10', negotiating: '2026-04-08', signed: '2026-06-12', started: '2026-09-10', registered: '2026-10-09' },
  { key: 'A14', unit: 'D05', name: '新希望生猪屠宰及肉制品加工项目', investor: '新希望集团有限公司', division: null, origin: 'out_of_province', chain: '食品加工', agreedWan: 30000, fortune500: 'china_private', lead: '2026-04-02', negotiating: '2026-06-10', signed: '2026-08-26' },
  { key: 'A15', unit: 'P02', name: '绿色建材产业园项目', investor: '安徽海螺集团有限责任公司', division: null, origin: 'in_province', chain: '新材料', agreedWan: 550000, fortune500: 'world', chainLeader: true, lead: '2026-06-18', negotiating: '2026-08-05', description: '已完成三轮洽谈，力争年底前签约' },
  // ---- two deliberate duplicates: the same investor and credit code in two units ----
  { key: 'DP1a', unit: 'T03', name: '精密零部件加工项目', investor: '苏州博远精密机械有限公司', division: '320506', origin: 'out_of_province', chain: '智能制造', agreedWan: 12000, lead: '2026-03-18', negotiating: '2026-04-20', signed: '2026-06-05', started: '2026-08-12' },
  { key: 'DP1b', unit: 'D03', name: '博远精密零部件生产项目', investor: '苏州博远精密机械有限公司', division: null, investorOf: 'DP1a', origin: 'out_of_province', chain: '智能制造', agreedWan: 12000, lead: '2026-04-02', negotiating: '2026-05-06', signed: '2026-06-09' },
  { key: 'DP2a', unit: 'T06', name: '年产2万吨改性塑料项目', investor: '宁波甬兴新材料有限公司', division: '330212', origin: 'out_of_province', chain: '新材料', agreedWan: 8000, lead: '2026-06-20', negotiating: '2026-07-28', signed: '2026-09-12' },
  { key: 'DP2b', unit: 'P02', name: '甬兴改性塑料生产项目', investor: '宁波甬兴新材料有限公司', division: null, investorOf: 'DP2a', origin: 'out_of_province', chain: '新材料', agreedWan: 8000, lead: '2026-07-01', negotiating: '2026-08-10', signed: '2026-09-15' },
  // ---- excluded from counting (kept in the ledger with the reason) ----
  { key: 'E1', unit: 'T04', name: '宏达建材整体搬迁项目', investor: '示范县宏达建材有限公司', division: '341100', origin: 'local', chain: '新材料', agreedWan: 15000, lead: '2026-03-10', negotiating: '2026-04-06', signed: '2026-05-08', started: '2026-07-01', excludedReason: '本地企业迁建，不计入考核' },
  { key: 'E2', unit: 'D08', name: '城南片区商住综合开发项目', investor: '合肥置信房地产开发有限公司', division: '340104', origin: 'in_province', chain: null, agreedWan: 60000, lead: '2026-01-22', negotiating: '2026-03-05', signed: '2026-04-18', excludedReason: '房地产开发项目，按考核办法不计入' },
  { key: 'E3', unit: 'D09', name: '县城公交枢纽站建设项目', investor: '示范县城市建设投资有限公司', division: '341100', origin: 'local', chain: '现代物流', agreedWan: 12000, lead: '2026-01-05', signed: '2026-03-20', started: '2026-05-18', excludedReason: '政府投资类项目，不计入考核' },
  // ---- dropped ----
  { key: 'X1', unit: 'Z02', name: '锂电池正极材料项目', investor: '长沙邦泰锂电材料有限公司', division: '430104', origin: 'out_of_province', chain: '新能源', agreedWan: 150000, lead: '2026-01-15', negotiating: '2026-03-10', dropped: '2026-07-30', description: '投资方战略调整，项目终止' },
  { key: 'X2', unit: 'T09', name: '生态农业观光园项目', investor: '合肥绿野农业发展有限公司', division: '340104', origin: 'in_province', chain: '文化旅游', agreedWan: 6000, lead: '2026-02-20', negotiating: '2026-04-12', dropped: '2026-06-30', description: '用地规划调整，投资方放弃' },
  { key: 'X3', unit: 'D04', name: '新型显示材料中试基地项目', investor: '深圳华显光电科技有限公司', division: '440306', origin: 'out_of_province', chain: '电子信息', agreedWan: 20000, lead: '2026-03-05', negotiating: '2026-05-18', dropped: '2026-09-25', description: '投资方选址其他地区' },
  { key: 'X4', unit: 'T10', name: '智能仓储物流项目', investor: '杭州速达供应链管理有限公司', division: '330110', origin: 'out_of_province', chain: '现代物流', agreedWan: 8000, lead: '2026-01-28', negotiating: '2026-03-06', signed: '2026-04-28', dropped: '2026-10-15', description: '签约后投资方资金链断裂，已解除协议' },
  { key: 'X5', unit: 'D06', name: '温泉康养度假区项目', investor: '上海悦途旅游开发有限公司', division: '310104', origin: 'out_of_province', chain: '文化旅游', agreedWan: 30000, lead: '2025-11-10', negotiating: '2026-01-20', dropped: '2026-05-10', description: '投资方经营困难，终止洽谈' },
  // ---- signed in 2025 (history; some start or produce in 2026) ----
  { key: 'H1', unit: 'P02', name: '光伏玻璃生产基地项目', investor: '嘉兴晶辉光能科技有限公司', division: '330402', origin: 'out_of_province', chain: '新能源', agreedWan: 520000, chainLeader: true, lead: '2025-03-12', negotiating: '2025-05-20', signed: '2025-09-26', started: '2025-12-18', registered: '2026-01-08', producing: '2026-10-30' },
  { key: 'H2', unit: 'P01', name: '年产5万吨高端铝型材项目', investor: '佛山华铝新材料股份有限公司', division: '440606', origin: 'out_of_province', chain: '新材料', agreedWan: 120000, lead: '2025-06-10', negotiating: '2025-08-22', signed: '2025-11-20', started: '2026-03-15', registered: '2026-04-02' },
  { key: 'H3', unit: 'T01', name: '农产品冷链仓储项目', investor: '芜湖鲜达冷链物流有限公司', division: '340202', origin: 'in_province', chain: '现代物流', agreedWan: 18000, lead: '2025-02-10', negotiating: '2025-04-01', signed: '2025-06-18', started: '2025-09-10', registered: '2025-10-08', producing: '2026-05-20' },
  { key: 'H4', unit: 'T08', name: '电子信息产业园标准化厂房项目', investor: '深圳宏鑫电子科技有限公司', division: '440305', origin: 'out_of_province', chain: '电子信息', agreedWan: 40000, lead: '2025-03-01', negotiating: '2025-05-10', signed: '2025-08-08', started: '2025-11-02', registered: '2025-12-01', producing: '2026-08-18' },
  { key: 'H5', unit: 'Z01', name: '中药饮片加工项目', investor: '亳州济安中药饮片有限公司', division: '341602', origin: 'in_province', chain: '生物医药', agreedWan: 15000, lead: '2025-08-05', negotiating: '2025-10-12', signed: '2025-12-12', started: '2026-02-25', registered: '2026-03-20' },
  { key: 'H6', unit: 'D03', name: '汽车线束生产项目', investor: '常州联创汽车电子有限公司', division: '320411', origin: 'out_of_province', chain: '智能制造', agreedWan: 25000, lead: '2025-05-06', negotiating: '2025-07-15', signed: '2025-10-15', started: '2026-01-18', registered: '2026-02-10', producing: '2026-09-06' },
  { key: 'H7', unit: 'T02', name: '预制菜加工项目', investor: '杭州味鲜食品科技有限公司', division: '330106', origin: 'out_of_province', chain: '食品加工', agreedWan: 8000, lead: '2025-09-02', negotiating: '2025-10-20', signed: '2025-12-28', description: '厂房装修延期，预计2027年初开工' },
];

/**
 * 跨年重签 (issue 15): the investor of 青山镇's 2026 signing A9 signed a first phase with 龙泉镇 the year before. Added after
 * the generated ledger (so no other project's random stream moves) and with no funds in place: last year's history
 * only, it counts in no figure of the plan year, but A9's signing is caught as a re-signing in the 认定 queue.
 */
// prettier-ignore
export const RESIGNED_ORIGINAL: AnchorProject = { key: 'R1', unit: 'T05', name: '鲁丰农产品精深加工一期项目', investor: '青岛鲁丰食品集团有限公司', division: null, investorOf: 'A9', origin: 'out_of_province', chain: '食品加工', agreedWan: 90000, lead: '2025-01-08', negotiating: '2025-02-20', signed: '2025-04-18', started: '2025-08-10', registered: '2025-09-01', description: '2025年在龙泉镇签约并开工的一期项目' };
