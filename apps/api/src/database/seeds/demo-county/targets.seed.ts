import type { EntityManager } from 'typeorm';

import type { DemoPlanIds } from './plan.seed';
import { COUNTY_CODE } from './units.seed';

export const TARGET_COLUMNS = [
  'QYZE',
  'SHIYI',
  'YIYI',
  'W500',
  'DWZJ',
  'XKG',
  'RK',
  'XS',
  'PC',
  'QYXM',
] as const;
type Row = [code: string, ...values: Array<number | null>];

/**
 * Annual targets in stored units (万元 for amounts): the county's promises, then their decomposition.
 * Children add up to at least the county on every indicator except 新引进500强项目 (5 of 6: 分解不足 1), the
 * deliberate gap the targets screen shows. null = no target on that indicator ("—", not ranked on it).
 */
// prettier-ignore
const TABLE: readonly Row[] = [
  //            QYZE      SHIYI  YIYI  W500  DWZJ      XKG  RK   XS    PC    QYXM
  [COUNTY_CODE, 3000000,  10,    40,   6,    1200000,  100, 50,  300,  120,  160],
  ['T01',      150000,   1,     4,    null, 60000,    7,   3,   14,   6,    11],
  ['T02',      110000,   null,  3,    null, 44000,    6,   2,   12,   5,    9],
  ['T03',      90000,    null,  3,    null, 36000,    6,   2,   12,   5,    9],
  ['T04',      70000,    null,  2,    null, 28000,    6,   2,   10,   5,    9],
  ['T05',      190000,   1,     3,    null, 76000,    6,   3,   12,   5,    9],
  ['T06',      70000,    null,  2,    null, 28000,    6,   2,   10,   5,    9],
  ['T07',      90000,    null,  2,    null, 36000,    6,   2,   12,   5,    9],
  ['T08',      110000,   1,     3,    null, 44000,    7,   3,   14,   6,    9],
  ['T09',      40000,    null,  1,    null, 16000,    6,   1,   8,    4,    6],
  ['T10',      70000,    null,  2,    null, 28000,    6,   2,   10,   5,    9],
  ['D01',      50000,    null,  1,    null, 20000,    2,   1,   8,    4,    6],
  ['D02',      70000,    null,  2,    null, 28000,    2,   1,   12,   6,    8],
  ['D03',      70000,    null,  2,    null, 28000,    2,   1,   10,   4,    6],
  ['D04',      30000,    null,  null, null, 12000,    2,   1,   6,    2,    4],
  ['D05',      40000,    null,  1,    null, 16000,    2,   1,   6,    3,    4],
  ['D06',      30000,    null,  null, null, 12000,    2,   1,   6,    2,    2],
  ['D07',      15000,    null,  null, null, 6000,     2,   1,   4,    1,    2],
  ['D08',      15000,    null,  null, null, 6000,     2,   1,   4,    1,    2],
  ['D09',      15000,    null,  null, null, 6000,     2,   1,   4,    2,    2],
  ['D10',      10000,    null,  null, null, 4000,     2,   1,   4,    1,    2],
  ['P01',      900000,   3,     6,    2,    360000,   12,  8,   40,   15,   22],
  ['P02',      350000,   2,     4,    1,    140000,   9,   5,   30,   10,   11],
  ['Z01',      180000,   1,     2,    1,    72000,    6,   3,   30,   10,   8],
  ['Z02',      250000,   2,     2,    1,    100000,   6,   3,   30,   10,   8],
];

/** 开工率 is a ratio: every unit, like the county, aims at 60%. */
const KGL_TARGET = '0.6';

export interface DemoTarget {
  unitCode: string;
  indicatorCode: string;
  value: string;
}

export function buildDemoTargets(): DemoTarget[] {
  const targets: DemoTarget[] = [];
  for (const [unitCode, ...values] of TABLE) {
    values.forEach((value, i) => {
      if (value !== null && value !== undefined)
        targets.push({ unitCode, indicatorCode: TARGET_COLUMNS[i]!, value: String(value) });
    });
    targets.push({ unitCode, indicatorCode: 'KGL', value: KGL_TARGET });
  }
  return targets;
}

/** The target of a unit on an indicator, as a number (for the generators' sizing only). */
export function demoTargetOf(unitCode: string, indicatorCode: (typeof TARGET_COLUMNS)[number]): number {
  const row = TABLE.find((r) => r[0] === unitCode);
  const value = row?.[TARGET_COLUMNS.indexOf(indicatorCode) + 1];
  return typeof value === 'number' ? value : 0;
}

export async function insertDemoTargets(
  manager: EntityManager,
  plan: DemoPlanIds,
  unitIds: Record<string, number>,
  at: string,
): Promise<number> {
  const targets = buildDemoTargets();
  await manager.query(
    `INSERT INTO target (plan_id, unit_id, indicator_id, value, created_at, updated_at)
     SELECT $1, t.unit_id, t.indicator_id, t.value, $5::timestamptz, $5::timestamptz
       FROM unnest($2::int[], $3::int[], $4::numeric[]) AS t(unit_id, indicator_id, value)`,
    [
      plan.planId,
      targets.map((t) => unitIds[t.unitCode]!),
      targets.map((t) => plan.indicatorIds[t.indicatorCode]!),
      targets.map((t) => t.value),
      at,
    ],
  );
  return targets.length;
}
