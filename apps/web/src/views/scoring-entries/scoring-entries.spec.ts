import { describe, expect, it } from 'vitest';

import type { RankingGroup, ScoringConfig, ScoringEntryRow } from '@pacer/shared';

import {
  amountKinds,
  amountText,
  closedMonthsFrom,
  createEntryForm,
  entriesAtMonth,
  entryProblems,
  entryRequest,
  fitFormToItem,
  itemAppliesTo,
  manualItems,
  type EntryForm,
} from './scoring-entries';

const entryScoring: ScoringConfig = {
  items: [
    {
      code: 'C_QYZE',
      name: '签约项目总投资完成率',
      method: 'completion',
      indicator: 'QYZE',
      weight: '25',
      cap: '1.2',
    },
    {
      code: 'B_W500',
      name: '引进500强企业加分',
      method: 'bonus',
      rules: [{ counter: 'fortune500', points: '2', label: '500强项目' }],
      cap: '6',
    },
    {
      code: 'B_BIG',
      name: '重大项目加分',
      method: 'bonus',
      rules: [{ projects: 'signed', bands: [{ minWan: '100000', points: '4' }] }],
    },
    {
      code: 'D_REPORT',
      name: '月报迟报漏报扣分',
      method: 'deduction',
      base: '3',
      rules: [
        { counter: 'reportLate', points: '0.5', label: '迟报月报' },
        { counter: 'reportMissing', points: '1', label: '缺报月报' },
      ],
      floor: '0',
    },
    {
      code: 'D_INTEGRITY',
      name: '弄虚作假扣分',
      method: 'deduction',
      base: '0',
      floor: null,
      groups: ['towns'],
      rules: [{ counter: 'falsified', points: '0.2', label: '弄虚作假' }],
    },
    {
      code: 'S_BAND',
      name: '分档项目缺项扣分',
      method: 'band-shortfall',
      base: '5',
      perMissing: '1',
      bands: [
        { minWan: '10000', maxWan: '100000', required: 2, counter: 'band1', label: '亿元以上' },
        { minWan: '100000', required: 1, counter: 'band10', label: '10亿元以上' },
      ],
    },
    {
      code: 'S_LIST',
      name: '签约项目分档缺项',
      method: 'band-shortfall',
      base: '5',
      perMissing: '1',
      projects: 'signed',
      bands: [{ minWan: '10000', required: 2 }],
    },
  ],
};

const groups: RankingGroup[] = [
  { code: 'towns', name: '乡镇（街道）组', categories: ['town'] },
  { code: 'departments', name: '县直部门组', categories: ['department'] },
];

function row(extra: Partial<ScoringEntryRow>): ScoringEntryRow {
  return {
    id: 1,
    planId: 1,
    unitId: 3,
    unitName: '青山镇',
    itemCode: 'D_INTEGRITY',
    itemName: '弄虚作假扣分',
    month: '2026-09',
    counter: 'falsified',
    count: '1',
    points: null,
    reason: '青山镇上报的某食品加工项目到位资金经核查系虚报，按考核办法扣分',
    createdBy: '县投资促进中心 陈卫东',
    createdAt: '2026-10-12T02:00:00.000Z',
    ...extra,
  };
}

describe('manualItems (what the form offers)', () => {
  const items = manualItems(entryScoring);
  const byCode = (code: string) => items.find((i) => i.code === code)!;

  it('should offer bonus, deduction and band-shortfall items with counters, in the plan order', () => {
    expect(items.map((i) => i.code)).toEqual(['B_W500', 'B_BIG', 'D_REPORT', 'D_INTEGRITY', 'S_BAND']);
  });

  it('should give each item the counters its rules or bands name, with their labels', () => {
    expect(byCode('B_W500').counters).toEqual([{ counter: 'fortune500', label: '500强项目' }]);
    expect(byCode('D_REPORT').counters.map((c) => c.label)).toEqual(['迟报月报', '缺报月报']);
    expect(byCode('S_BAND').counters.map((c) => c.counter)).toEqual(['band1', 'band10']);
    // a band rule counts projects of a list, not a counter: only points can be entered
    expect(byCode('B_BIG').counters).toEqual([]);
    expect(amountKinds(byCode('B_BIG'))).toEqual(['points']);
  });

  it('should take counts only for a band-shortfall item, and drop one with no counter at all', () => {
    expect(byCode('S_BAND').acceptsPoints).toBe(false);
    expect(amountKinds(byCode('S_BAND'))).toEqual(['count']);
    expect(amountKinds(byCode('D_REPORT'))).toEqual(['count', 'points']);
    expect(items.some((i) => i.code === 'S_LIST')).toBe(false);
  });

  it('should limit an item with groups to the units of those groups', () => {
    expect(itemAppliesTo(byCode('D_INTEGRITY'), 'town', groups)).toBe(true);
    expect(itemAppliesTo(byCode('D_INTEGRITY'), 'department', groups)).toBe(false);
    expect(itemAppliesTo(byCode('D_INTEGRITY'), 'park', groups)).toBe(false);
    expect(itemAppliesTo(byCode('D_REPORT'), 'park', groups)).toBe(true);
  });

  it('should preselect the only counter and switch to points where counts are not taken', () => {
    const form = createEntryForm('2026-10', 3);
    expect(fitFormToItem({ ...form, itemCode: 'D_INTEGRITY' }, byCode('D_INTEGRITY'))).toMatchObject({
      kind: 'count',
      counter: 'falsified',
    });
    expect(fitFormToItem({ ...form, itemCode: 'D_REPORT' }, byCode('D_REPORT')).counter).toBe('');
    expect(
      fitFormToItem({ ...form, itemCode: 'B_BIG', counter: 'falsified' }, byCode('B_BIG')),
    ).toMatchObject({
      kind: 'points',
      counter: '',
    });
  });
});

describe('entryProblems (the form rules)', () => {
  const items = manualItems(entryScoring);
  const integrity = items.find((i) => i.code === 'D_INTEGRITY')!;
  const valid: EntryForm = {
    unitId: 3,
    itemCode: 'D_INTEGRITY',
    month: '2026-10',
    kind: 'count',
    counter: 'falsified',
    count: '1',
    points: '',
    reason: '青山镇上报的某食品加工项目到位资金经核查系虚报，按考核办法扣分',
  };
  const problems = (form: Partial<EntryForm>, category = 'town') =>
    entryProblems({ ...valid, ...form }, integrity, category, groups);

  it('should accept a complete entry', () => {
    expect(problems({})).toEqual({});
    expect(problems({ kind: 'points', counter: '', count: '', points: '0.2' })).toEqual({});
  });

  it('should require a reason, blanks not counting', () => {
    expect(problems({ reason: '' })).toEqual({ reason: 'reasonRequired' });
    expect(problems({ reason: '   ' })).toEqual({ reason: 'reasonRequired' });
  });

  it('should require a counter and a count (0 allowed: 报无) for a count', () => {
    expect(problems({ counter: '', count: '' })).toEqual({
      counter: 'counterRequired',
      count: 'countRequired',
    });
    // no item yet: its message comes first, not the counter's
    expect(entryProblems({ ...valid, itemCode: '', counter: '' }, null, 'town', groups)).toEqual({
      itemCode: 'itemRequired',
    });
    // issue 14 point 13: an explicit zero records "reported none", unlike no entry
    expect(problems({ count: '0' })).toEqual({});
    expect(problems({ count: '-1' })).toEqual({ count: 'amountFormat' });
    expect(problems({ count: '1.5' })).toEqual({});
  });

  it('should require points above 0 with at most 4 decimals for points, and not ask for a counter', () => {
    expect(problems({ kind: 'points', counter: '', count: '' })).toEqual({ points: 'pointsRequired' });
    expect(problems({ kind: 'points', points: '0.00' })).toEqual({ points: 'positive' });
    expect(problems({ kind: 'points', points: '0.12345' })).toEqual({ points: 'amountFormat' });
    expect(problems({ kind: 'points', points: '1,5' })).toEqual({ points: 'amountFormat' });
  });

  it('should require a unit, an item and a month, and a unit the item applies to', () => {
    expect(entryProblems({ ...valid, unitId: null, itemCode: '', month: '' }, null, null, groups)).toEqual({
      unitId: 'unitRequired',
      itemCode: 'itemRequired',
      month: 'monthRequired',
    });
    expect(problems({}, 'department')).toEqual({ unitId: 'notApplicable' });
  });

  it('should send either the count of a counter or points, never both', () => {
    expect(entryRequest({ ...valid, points: '3', reason: '  补记弄虚作假扣分  ' })).toEqual({
      unitId: 3,
      itemCode: 'D_INTEGRITY',
      month: '2026-10',
      counter: 'falsified',
      count: '1',
      reason: '补记弄虚作假扣分',
    });
    expect(entryRequest({ ...valid, kind: 'points', points: ' 0.2 ' })).toEqual({
      unitId: 3,
      itemCode: 'D_INTEGRITY',
      month: '2026-10',
      points: '0.2',
      reason: valid.reason,
    });
  });
});

describe('the list at a month', () => {
  const rows = [
    row({ id: 1, month: '2026-09' }),
    row({ id: 2, month: '2026-10', unitId: 9, unitName: '东城街道' }),
    row({ id: 3, month: '2026-11', itemCode: 'B_W500', counter: null, count: null, points: '2' }),
  ];

  it('should list the entries counting in the month, the latest first, optionally for one unit', () => {
    expect(entriesAtMonth(rows, '2026-10').map((r) => r.id)).toEqual([2, 1]);
    expect(entriesAtMonth(rows, '2026-11').map((r) => r.id)).toEqual([3, 2, 1]);
    expect(entriesAtMonth(rows, '2026-11', 3).map((r) => r.id)).toEqual([3, 1]);
    expect(entriesAtMonth(rows, '2026-08')).toEqual([]);
  });

  it('should name the closed months an entry reaches into', () => {
    const plan = { year: 2026, monthCloseDay: 10 };
    const now = new Date('2026-11-25T08:00:00Z');
    expect(closedMonthsFrom('2026-09', plan, now)).toEqual(['2026-09', '2026-10']);
    expect(closedMonthsFrom('2026-11', plan, now)).toEqual([]);
    // November closes on 10 December
    expect(closedMonthsFrom('2026-11', plan, new Date('2026-12-10T02:00:00Z'))).toEqual(['2026-11']);
  });

  it('should read an entry as a count with its label, or points added or taken off', () => {
    const items = manualItems(entryScoring);
    const item = (code: string) => items.find((i) => i.code === code)!;
    expect(amountText(rows[0]!, item('D_INTEGRITY'))).toEqual([
      { key: 'count', named: { label: '弄虚作假', count: '1' } },
    ]);
    expect(amountText(rows[2]!, item('B_W500'))).toEqual([{ key: 'add', named: { points: '2' } }]);
    expect(amountText(row({ counter: null, count: null, points: '0.2' }), item('D_INTEGRITY'))).toEqual([
      { key: 'off', named: { points: '0.2' } },
    ]);
    // an item no longer in the plan: the counter's code stands in for its label
    expect(amountText(row({ counter: 'falsified', count: '2' }), null)).toEqual([
      { key: 'count', named: { label: 'falsified', count: '2' } },
    ]);
  });

  it('should read an explicit zero count as 报无 (reported none), not as a count', () => {
    const items = manualItems(entryScoring);
    const integrity = items.find((i) => i.code === 'D_INTEGRITY')!;
    expect(amountText(row({ counter: 'falsified', count: '0' }), integrity)).toEqual([
      { key: 'none', named: { label: '弄虚作假', count: '0' } },
    ]);
  });
});
