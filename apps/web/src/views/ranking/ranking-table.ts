import { dec } from '@pacer/shared';
import type { RankingColumn, RankingResponse, RankingRow } from '@pacer/shared';

// The ranking of one group as table rows: each scoring item's points in its own column ("—" when the unit is
// not scored on it, nothing when the item does not apply to the group).

export interface RankingTableRow extends RankingRow {
  totalText: string;
  /** item code → points text (a deduction: what was taken off, −0.50; 0.00 when nothing). */
  points: Record<string, string>;
}

/** The columns of a group: the plan's items, in scorecard order, that apply to at least one of its units. */
export function groupColumns(ranking: RankingResponse, group: string): RankingColumn[] {
  const codes = new Set(ranking.rows.filter((r) => r.group === group).flatMap((r) => r.items.map((i) => i.code)));
  return ranking.columns.filter((c) => codes.has(c.code));
}

/** U+2212: a deduction reads −3.00, as printed tables write it (not a hyphen). */
export const MINUS = '−';

/** A deduction's cell: what was taken off its base, signed (−0.50), or 0.00; the points themselves without a base. */
function deductionText(column: RankingColumn | undefined, points: string, decimals: number): string {
  if (column?.method !== 'deduction' || column.base === undefined) return dec(points).toFixed(decimals);
  const taken = dec(column.base).minus(points);
  const text = taken.abs().toFixed(decimals);
  if (dec(text).isZero()) return dec(0).toFixed(decimals);
  return taken.isPositive() ? `${MINUS}${text}` : `+${text}`;
}

export function groupRows(ranking: RankingResponse, group: string): RankingTableRow[] {
  const decimals = ranking.displayDecimals;
  const columns = new Map(ranking.columns.map((c) => [c.code, c]));
  return ranking.rows
    .filter((r) => r.group === group)
    .map((r) => ({
      ...r,
      totalText: dec(r.total).toFixed(decimals),
      points: Object.fromEntries(
        r.items.map((i) => [i.code, i.isScored ? deductionText(columns.get(i.code), i.points, decimals) : '—']),
      ),
    }));
}

/** A band of columns under one upper header: 完成率得分（分）, 加分（分）, 扣分（分）. */
export interface ColumnBand {
  key: string;
  /** The upper header, always saying the cells are points (分). */
  label: string;
  columns: Array<RankingColumn & { words: string[] }>;
}

type Translate = (key: string) => string;

/** The band of an item: completion items, other scored items, bonuses, deductions (with or without a base). */
function bandOf(column: RankingColumn): string {
  if (column.method === 'completion') return 'completion';
  if (column.method === 'bonus') return 'bonus';
  if (column.method === 'deduction') return column.base === undefined ? 'deductionPoints' : 'deduction';
  return 'points';
}

/** What the band's header already says, left out of each column's own header. */
const BAND_SUFFIX: Record<string, string> = { completion: '完成率', bonus: '加分', deduction: '扣分' };

/**
 * Words a header may break between (the table never breaks a header inside one): the vocabulary of 招商引资 item
 * names. A run of other characters stays whole when it is short, else breaks every two characters.
 */
const HEADER_WORDS = [
  '签约', '项目', '总投资', '投资', '10亿元', '亿元', '万元', '以上', '新引进', '引进', '500强', '世界', '中国',
  '民营', '实际', '到位', '资金', '新开工', '开工率', '开工', '入库', '线索', '外出', '招商', '批次', '企业',
  '加分', '扣分', '月报', '迟报', '漏报', '完成率', '得分', '个数', '外资', '内资', '市外', '省外', '境外',
  '固定资产', '产业', '园区', '工业', '服务业', '重大', '落地', '在谈', '储备', '考核', '基础', '工作', '弄虚作假',
];

/** A header split into words (see HEADER_WORDS), e.g. 签约项目总投资 → 签约 · 项目 · 总投资. */
export function headerWords(text: string): string[] {
  const words: string[] = [];
  let other = '';
  const flush = () => {
    if (other.length <= 4) {
      if (other) words.push(other);
    } else for (let i = 0; i < other.length; i += 2) words.push(other.slice(i, i + 2));
    other = '';
  };
  let i = 0;
  while (i < text.length) {
    const word = HEADER_WORDS.filter((w) => text.startsWith(w, i)).sort((a, b) => b.length - a.length)[0];
    if (word) {
      flush();
      words.push(word);
      i += word.length;
    } else {
      other += text[i];
      i += 1;
    }
  }
  flush();
  return words;
}

/**
 * The item columns in bands of consecutive items of one kind, each band headed in points: 完成率得分（分） over
 * 签约项目总投资 · 实际到位资金 …, 加分（分）, 扣分（分） (its cells are what was taken off, −0.50). A column's own
 * header drops what the band already says (完成率, 加分, 扣分) and breaks only between words.
 */
export function columnBands(columns: readonly RankingColumn[], t: Translate): ColumnBand[] {
  const bands: ColumnBand[] = [];
  for (const column of columns) {
    const band = bandOf(column);
    const suffix = BAND_SUFFIX[band];
    const own = suffix && column.name.endsWith(suffix) && column.name.length > suffix.length
      ? column.name.slice(0, -suffix.length)
      : column.name;
    const last = bands[bands.length - 1];
    const entry = { ...column, words: headerWords(own) };
    if (last && last.key.startsWith(`${band}:`)) last.columns.push(entry);
    else bands.push({ key: `${band}:${column.code}`, label: t(`ranking.bands.${band}`), columns: [entry] });
  }
  return bands;
}

/** The deduction items' bases, for the note under the table: 月报迟报漏报扣分 3 分. */
export function deductionBases(columns: readonly RankingColumn[]): Array<{ name: string; base: string }> {
  return columns
    .filter((c) => c.method === 'deduction' && c.base !== undefined)
    .map((c) => ({ name: c.name, base: dec(c.base!).toFixed() }));
}
