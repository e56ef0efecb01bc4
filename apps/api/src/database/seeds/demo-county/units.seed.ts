import type { EntityManager } from 'typeorm';

import type { UnitsRepository } from '../../../modules/units/units.repository';

export type DemoCategory = 'county' | 'town' | 'department' | 'park' | 'task_force';

export interface DemoUnitSpec {
  code: string;
  name: string;
  shortName: string;
  category: DemoCategory;
  /** The unit's reporter login (short pinyin) and the person behind it; none for the county. */
  reporter: string | null;
  reporterName: string | null;
  /**
   * How the unit does this year, in percent of its signing target reached by late November (time progress is
   * 91.7%): the knob behind the generated ledger and reports, so the lights come out green, yellow and red.
   */
  pace: number;
  /** Generated signed projects of 2026 (on top of the hand-written ones in projects.seed.ts), and open leads. */
  fillers: number;
  leads: number;
  /** Industry chains the unit's generated projects come from (repeat a chain to weight it). */
  chains: string[];
  /** Where its teams go for 外出招商 (report narratives). */
  trips: string[];
}

export const COUNTY_CODE = 'XIAN';

const MANUFACTURING = ['智能制造', '智能制造', '新材料', '食品加工', '新能源', '电子信息', '现代物流'];
const RURAL = ['食品加工', '食品加工', '文化旅游', '现代物流', '新材料', '智能制造'];

/** 示范县: 10 towns and streets, 10 county departments, 2 parks, 2 industry task forces (sort order as listed). */
// prettier-ignore
export const DEMO_UNITS: readonly DemoUnitSpec[] = [
  { code: COUNTY_CODE, name: '示范县', shortName: '示范县', category: 'county', reporter: null, reporterName: null, pace: 0, fillers: 0, leads: 0, chains: [], trips: [] },
  // towns and streets (乡镇、街道)
  { code: 'T01', name: '城关镇', shortName: '城关', category: 'town', reporter: 'chengguan', reporterName: '李娜', pace: 104, fillers: 5, leads: 1, chains: MANUFACTURING, trips: ['苏州', '无锡', '上海'] },
  { code: 'T02', name: '青山镇', shortName: '青山', category: 'town', reporter: 'qingshan', reporterName: '王海峰', pace: 92, fillers: 6, leads: 1, chains: RURAL, trips: ['杭州', '宁波'] },
  { code: 'T03', name: '桥头镇', shortName: '桥头', category: 'town', reporter: 'qiaotou', reporterName: '张丽君', pace: 88, fillers: 6, leads: 1, chains: MANUFACTURING, trips: ['常州', '南京'] },
  { code: 'T04', name: '白沙镇', shortName: '白沙', category: 'town', reporter: 'baisha', reporterName: '刘志强', pace: 62, fillers: 5, leads: 1, chains: RURAL, trips: ['合肥', '南京'] },
  { code: 'T05', name: '龙泉镇', shortName: '龙泉', category: 'town', reporter: 'longquan', reporterName: '陈静', pace: 90, fillers: 7, leads: 1, chains: ['新能源', '食品加工', '智能制造', '新材料'], trips: ['深圳', '东莞'] },
  { code: 'T06', name: '石门镇', shortName: '石门', category: 'town', reporter: 'shimen', reporterName: '杨帆', pace: 88, fillers: 5, leads: 1, chains: ['新材料', '新材料', '智能制造', '食品加工'], trips: ['宁波', '温州'] },
  { code: 'T07', name: '河西街道', shortName: '河西', category: 'town', reporter: 'hexi', reporterName: '赵敏', pace: 74, fillers: 7, leads: 1, chains: ['现代物流', '现代物流', '电子信息', '智能制造'], trips: ['上海', '杭州'] },
  { code: 'T08', name: '东城街道', shortName: '东城', category: 'town', reporter: 'dongcheng', reporterName: '黄磊', pace: 102, fillers: 5, leads: 1, chains: ['电子信息', '文化旅游', '现代物流', '智能制造'], trips: ['深圳', '广州', '厦门'] },
  { code: 'T09', name: '柳林乡', shortName: '柳林', category: 'town', reporter: 'liulin', reporterName: '周建国', pace: 48, fillers: 3, leads: 1, chains: ['食品加工', '食品加工', '文化旅游'], trips: ['合肥'] },
  { code: 'T10', name: '高桥镇', shortName: '高桥', category: 'town', reporter: 'gaoqiao', reporterName: '吴晓燕', pace: 94, fillers: 5, leads: 1, chains: MANUFACTURING, trips: ['苏州', '温州'] },
  // county departments (县直部门)
  { code: 'D01', name: '县发展和改革局', shortName: '发改局', category: 'department', reporter: 'fgj', reporterName: '徐明', pace: 82, fillers: 5, leads: 1, chains: ['新能源', '现代物流', '新材料', '智能制造'], trips: ['北京', '上海'] },
  { code: 'D02', name: '县商务局', shortName: '商务局', category: 'department', reporter: 'swj', reporterName: '孙婷', pace: 84, fillers: 7, leads: 1, chains: ['现代物流', '食品加工', '电子信息', '智能制造'], trips: ['上海', '深圳', '香港'] },
  { code: 'D03', name: '县工业和信息化局', shortName: '工信局', category: 'department', reporter: 'gxj', reporterName: '马俊', pace: 86, fillers: 5, leads: 1, chains: ['智能制造', '智能制造', '电子信息', '新材料'], trips: ['苏州', '常州', '无锡'] },
  { code: 'D04', name: '县科学技术局', shortName: '科技局', category: 'department', reporter: 'kjj', reporterName: '朱慧', pace: 55, fillers: 2, leads: 1, chains: ['电子信息', '生物医药', '新材料'], trips: ['合肥', '杭州'] },
  { code: 'D05', name: '县农业农村局', shortName: '农业农村局', category: 'department', reporter: 'nyj', reporterName: '胡建华', pace: 92, fillers: 3, leads: 1, chains: ['食品加工'], trips: ['成都', '郑州'] },
  { code: 'D06', name: '县文化和旅游局', shortName: '文旅局', category: 'department', reporter: 'wlj', reporterName: '郭雪', pace: 50, fillers: 2, leads: 1, chains: ['文化旅游'], trips: ['杭州', '南京'] },
  { code: 'D07', name: '县自然资源和规划局', shortName: '自然资源局', category: 'department', reporter: 'zrzyj', reporterName: '何伟', pace: 40, fillers: 1, leads: 0, chains: ['新材料', '新能源'], trips: ['合肥'] },
  { code: 'D08', name: '县住房和城乡建设局', shortName: '住建局', category: 'department', reporter: 'zjj', reporterName: '林晓东', pace: 86, fillers: 2, leads: 0, chains: ['新材料', '智能制造'], trips: ['上海'] },
  { code: 'D09', name: '县交通运输局', shortName: '交通运输局', category: 'department', reporter: 'jtj', reporterName: '罗刚', pace: 50, fillers: 2, leads: 1, chains: ['现代物流'], trips: ['武汉', '郑州'] },
  { code: 'D10', name: '县市场监督管理局', shortName: '市场监管局', category: 'department', reporter: 'scjgj', reporterName: '梁红', pace: 70, fillers: 2, leads: 0, chains: ['食品加工', '生物医药'], trips: ['杭州'] },
  // parks (开发区、园区)
  { code: 'P01', name: '县经济开发区', shortName: '经开区', category: 'park', reporter: 'jkq', reporterName: '宋志远', pace: 90, fillers: 14, leads: 3, chains: ['智能制造', '智能制造', '新能源', '新材料', '电子信息'], trips: ['上海', '苏州', '深圳', '杭州'] },
  { code: 'P02', name: '县高新技术产业园区', shortName: '高新区', category: 'park', reporter: 'gxq', reporterName: '郑云', pace: 80, fillers: 7, leads: 3, chains: ['新材料', '电子信息', '电子信息', '生物医药'], trips: ['深圳', '合肥', '北京'] },
  // industry task forces (产业招商专班)
  { code: 'Z01', name: '生物医药产业招商专班', shortName: '生物医药专班', category: 'task_force', reporter: 'swyy', reporterName: '谢芳', pace: 84, fillers: 8, leads: 2, chains: ['生物医药'], trips: ['上海', '苏州', '北京'] },
  { code: 'Z02', name: '新能源产业招商专班', shortName: '新能源专班', category: 'task_force', reporter: 'xny', reporterName: '韩冰', pace: 94, fillers: 6, leads: 2, chains: ['新能源'], trips: ['深圳', '宁波', '常州'] },
];

export const REPORTING_UNITS: readonly DemoUnitSpec[] = DEMO_UNITS.filter((u) => u.category !== 'county');

export function demoUnit(code: string): DemoUnitSpec {
  const unit = DEMO_UNITS.find((u) => u.code === code);
  if (!unit) throw new Error(`no demo unit ${code}`);
  return unit;
}

/** Inserts the tree through the repository (which keeps unit_closure right); answers code → id. */
export async function insertDemoUnits(
  manager: EntityManager,
  units: UnitsRepository,
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [i, spec] of DEMO_UNITS.entries()) {
    ids[spec.code] = await units.insert(manager, {
      code: spec.code,
      name: spec.name,
      shortName: spec.shortName,
      category: spec.category,
      parentId: spec.category === 'county' ? null : ids[COUNTY_CODE]!,
      sortOrder: i * 10,
    });
  }
  return ids;
}
