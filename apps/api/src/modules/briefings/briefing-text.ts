import {
  Dec,
  formatAmount,
  formatNumber,
  formatPercent,
  movementLabel,
  type RankMovement,
} from '@pacer/shared';

import { NAMES_SHOWN_LIMIT } from './briefing-excerpt';
import type { BriefingHeadline, BriefingModel } from './briefing-model';

/** 1—10月 (an em dash, as 公文 write ranges); January alone is 1月. */
export function periodLabel(monthNo: number): string {
  return monthNo === 1 ? '1月' : `1—${monthNo}月`;
}

/** 县 of 示范县, 市 of 某某市: the word after 全 in the text (县 by default). */
export function scopeWordOf(rootName: string): string {
  const last = rootName.slice(-1);
  return ['县', '市', '区', '省', '旗', '州'].includes(last) ? last : '县';
}

export function briefingTitle(monthNo: number, scopeWord: string): string {
  return `关于${monthNo}月份全${scopeWord}招商引资目标任务完成情况的通报`;
}

/** 发文机关: the county's investment promotion centre. */
export function issuerOf(countyName: string): string {
  return `${countyName}投资促进服务中心`;
}

/** 文号: 示招促〔2026〕10号 (first character of the county, 招促, the year, the month as the number). */
export function docNumberOf(countyName: string, year: number, monthNo: number): string {
  return `${countyName.slice(0, 1)}招促〔${year}〕${monthNo}号`;
}

/** 2026-11-10 → 2026年11月10日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The unit an indicator's figure is written in: 亿元 for amounts (万元 when the measure says so), else the measure. */
export function figureUnit(kind: string, measure: string): string {
  if (kind === 'amount') return measure === '万元' || measure === '万美元' ? measure : '亿元';
  return kind === 'ratio' ? '%' : measure;
}

/** A figure with its unit: 249.30亿元, 9个, 45.00%. Counts keep up to two decimals (a shared project counts 0.6). */
export function figureText(value: string, kind: string, measure: string, decimals = 2): string {
  // dollars stay dollars (issue 16 rule 12): 1,200.00万美元
  if (kind === 'amount' && measure === '万美元') return `${formatNumber(new Dec(value), 2)}万美元`;
  if (kind === 'amount') {
    const unit = figureUnit(kind, measure) as '亿元' | '万元';
    return formatAmount(value, { unit, decimals: 2, withUnit: true });
  }
  if (kind === 'ratio') return formatPercent(value, decimals);
  const d = new Dec(value);
  return `${formatNumber(d, d.isInteger() ? 0 : Math.min(2, d.decimalPlaces()))}${measure}`;
}

/** The figure alone, for a table with a unit column: 249.24 (亿元), 8 (个), 45.00 (%). */
export function figureNumber(value: string, kind: string, measure: string, decimals = 2): string {
  return figureText(value, kind, measure, decimals).slice(0, -figureUnit(kind, measure).length || undefined);
}

/** A gap in percentage points with its sign (+6.67, -0.23), and 0.00 when it rounds to nothing. */
export function gapPointsText(gapPp: string | null, decimals = 2): string {
  if (gapPp === null) return '—';
  const rounded = new Dec(gapPp).toDecimalPlaces(decimals);
  if (rounded.isZero()) return new Dec(0).toFixed(decimals);
  return `${rounded.isPos() ? '+' : '-'}${rounded.abs().toFixed(decimals)}`;
}

/** 高于序时进度6.67个百分点 / 低于序时进度0.23个百分点 / 与序时进度持平 (decided on the rounded gap). */
export function gapText(gapPp: string, decimals = 2): string {
  const rounded = new Dec(gapPp).toDecimalPlaces(decimals);
  if (rounded.isZero()) return '与序时进度持平';
  return `${rounded.isPos() ? '高于' : '低于'}序时进度${rounded.abs().toFixed(decimals)}个百分点`;
}

/** 签约项目总投资249.30亿元，完成年度目标的83.10%，低于序时进度0.23个百分点 */
export function headlineClause(h: BriefingHeadline, decimals = 2): string {
  const figure = figureText(h.actual, h.kind, h.measure, decimals);
  const head = h.kind === 'ratio' ? `${h.name}为${figure}` : `${h.name}${figure}`;
  if (h.completion === null) return head;
  // the published figures, rounded by the indicator's (else the plan's) rules, as the table under it prints them
  const completion =
    h.display?.completionPct != null ? `${h.display.completionPct}%` : formatPercent(h.completion, decimals);
  const gap =
    h.display?.gapPp != null
      ? `，${gapText(h.display.gapPp, decimalsOf(h.display.gapPp))}`
      : h.gapPp === null
        ? ''
        : `，${gapText(h.gapPp, decimals)}`;
  return `${head}，完成年度目标的${completion}${gap}`;
}

/** The decimals a published figure was rounded to ('66.7' → 1, '12' → 0). */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The 总体情况 paragraph: 1—10月，全县签约项目总投资249.30亿元，完成年度目标的83.10%，低于序时进度0.23个百分点；…。
 */
export function summaryText(
  model: Pick<BriefingModel, 'monthNo' | 'scopeWord' | 'headlines' | 'displayDecimals'>,
): string {
  const period = periodLabel(model.monthNo);
  if (model.headlines.length === 0)
    return `${period}，全${model.scopeWord}招商引资目标任务完成情况详见附件。`;
  const clauses = model.headlines.map((h) => headlineClause(h, model.displayDecimals));
  return `${period}，全${model.scopeWord}${clauses.join('；')}。`;
}

/** ↑2, ↓1, — (same place), 新 (not ranked in the group the month before). */
export function movementText(movement: RankMovement): string {
  return movementLabel(movement).text;
}

/** A score as the plan shows it: 95.12 (half-up to the plan's decimals). */
export function scoreText(total: string, decimals: number): string {
  return new Dec(total).toFixed(decimals);
}

/** 城关镇、青山镇和白云镇 → names joined the Chinese way; 无 when there is none. */
export function namesText(names: readonly string[]): string {
  if (names.length === 0) return '无';
  return names.join('、');
}

/**
 * namesText, shortened past NAMES_SHOWN_LIMIT names: 甲镇、乙镇…（the first 30）等2345个单位（名单见附件“指标完成情况”表）.
 */
export function namesListText(names: readonly string[], sheet: string): string {
  if (names.length <= NAMES_SHOWN_LIMIT) return namesText(names);
  return `${names.slice(0, NAMES_SHOWN_LIMIT).join('、')}等${names.length}个单位（名单见附件“${sheet}”表）`;
}

/** 五、下步工作要求: the fixed text of the office. */
export function requirementsParagraphs(issuer: string, scopeWord: string): string[] {
  return [
    `各单位要对照年度目标任务和序时进度，逐项梳理差距，紧盯在谈项目和签约项目，加快项目签约、开工和资金到位，确保完成全年目标任务。`,
    `亮红灯和列入黑榜的单位要认真分析原因，制定针对性措施，于下月5日前将整改措施书面报送${issuer}。`,
    `各单位要严格落实月报制度，按时、如实填报招商引资月报和项目台账，确保数据真实准确。${issuer}将持续做好全${scopeWord}招商引资工作的调度、通报和考核。`,
  ];
}
