import { formatPercent, monthLabelZh, VERIFICATION_KIND_LABELS } from '@pacer/shared';
import type { Workbook, Worksheet } from 'exceljs';

import {
  addTable,
  type ExportCell,
  type ExportColumn,
  indicatorCell,
  indicatorFormat,
  num,
} from '../../common/xlsx/export-sheet';
import { rankingTable, scoreFormat } from '../../common/xlsx/ranking-sheet';
import { columnLetter, FORMAT, newWorkbook, toBuffer } from '../../common/xlsx/workbook';
import { chainsSheet } from './briefing-chains';
import type { BriefingModel } from './briefing-model';
import { decimalsOf, figureUnit } from './briefing-text';
import { REJECTION_HEADERS, rejectionRows } from './briefing-verification';

const LIGHTS: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };
const STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  returned: '已退回',
};
const GAP_FORMAT = '+0.00;-0.00;0.00';

/** `0.0%` for 1 decimal, `0%` for none: an indicator's printed precision as an Excel number format. */
function percentFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%';
}

/** `+0.0;-0.0;0.0` for a gap printed with 1 decimal. */
function gapFormat(decimals: number): string {
  const n = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
  return `+${n};-${n};${n}`;
}
const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** A column under a two-level header: its group's name above (merged over the group), its own header below. */
interface GroupedColumn extends ExportColumn {
  /** The upper header; null = a column of its own, its header merged over both rows (单位名称). */
  group: string | null;
}

/**
 * 指标完成情况: the county and every assessed unit × the headline indicators, headed as the paper tables are (issue
 * 14): the indicator's name merged over its five columns, 累计完成（亿元）/ 年度目标（亿元）/ 完成率 / 超欠序时（百分点）/
 * 亮灯 under it; 单位名称 and 单位编码 merged over both header rows.
 */
export function figuresSheet(model: Pick<BriefingModel, 'headlines' | 'units'>): {
  columns: GroupedColumn[];
  rows: ExportCell[][];
} {
  const columns: GroupedColumn[] = [
    { group: null, header: '单位名称', width: 24 },
    { group: null, header: '单位编码', width: 12 },
  ];
  for (const h of model.headlines) {
    const unit = figureUnit(h.kind, h.measure);
    columns.push(
      { group: h.name, header: `累计完成（${unit}）`, numFmt: indicatorFormat(h.kind), width: 14 },
      { group: h.name, header: `年度目标（${unit}）`, numFmt: indicatorFormat(h.kind), width: 14 },
      // the indicator's printed precision (issue 14 point 12), as its published figures carry it
      {
        group: h.name,
        header: '完成率',
        numFmt:
          h.display?.completionPct != null
            ? percentFormat(decimalsOf(h.display.completionPct))
            : FORMAT.percent,
        width: 10,
      },
      {
        group: h.name,
        header: '超欠序时（百分点）',
        numFmt: h.display?.gapPp != null ? gapFormat(decimalsOf(h.display.gapPp)) : GAP_FORMAT,
        width: 12,
      },
      { group: h.name, header: '亮灯', width: 7 },
    );
  }
  const rows = model.units.map((u) => {
    const cells: ExportCell[] = [
      u.depth > 1 ? `${'　'.repeat(u.depth - 1)}${u.unitName}` : u.unitName,
      u.unitCode,
    ];
    for (const h of model.headlines) {
      const c = u.cells.get(h.indicatorId);
      // 万元 amounts of a 万元 measure stay in 万元; everything else as the progress export writes it
      const amount =
        h.kind === 'amount' && (h.measure === '万元' || h.measure === '万美元')
          ? num
          : (v: string | null | undefined) => indicatorCell(h.kind, v);
      cells.push(
        amount(c?.actual),
        amount(c?.target),
        num(c?.completion),
        num(c?.gapPp),
        c?.light ? LIGHTS[c.light]! : null,
      );
    }
    return cells;
  });
  return { columns, rows };
}

/**
 * A sheet with a title row and a two-level header (rows 2–3, both frozen, the filter on the lower one): each group's
 * name merged across its columns, a column without a group merged down both rows. The data starts on row 4.
 */
function addGroupedTable(
  workbook: Workbook,
  sheetName: string,
  title: string,
  columns: GroupedColumn[],
  rows: ExportCell[][],
  xSplit: number,
): Worksheet {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 3, xSplit }] });
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width ?? 12;
    if (c.numFmt) column.numFmt = c.numFmt;
  });
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.font = { bold: true, size: 14 };
  titleRow.height = 24;
  if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
  const style = (cell: ReturnType<Worksheet['getCell']>, value: string) => {
    cell.value = value;
    cell.font = { bold: true };
    cell.numFmt = 'General';
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = {
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    };
  };
  let i = 0;
  while (i < columns.length) {
    const c = columns[i]!;
    if (c.group === null) {
      style(sheet.getRow(2).getCell(i + 1), c.header);
      style(sheet.getRow(3).getCell(i + 1), c.header);
      sheet.mergeCells(2, i + 1, 3, i + 1);
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < columns.length && columns[j + 1]!.group === c.group) j += 1;
    for (let k = i; k <= j; k += 1) {
      style(sheet.getRow(2).getCell(k + 1), c.group);
      style(sheet.getRow(3).getCell(k + 1), columns[k]!.header);
    }
    if (j > i) sheet.mergeCells(2, i + 1, 2, j + 1);
    i = j + 1;
  }
  sheet.getRow(2).height = 22;
  sheet.getRow(3).height = 30;
  for (const values of rows) sheet.addRow(values);
  sheet.autoFilter = { from: 'A3', to: `${columnLetter(Math.max(1, columns.length))}3` };
  return sheet;
}

/** 红黑榜: group, list, rank, unit, score. */
function listsSheet(model: BriefingModel): { columns: ExportColumn[]; rows: ExportCell[][] } {
  const rows: ExportCell[][] = [];
  for (const g of model.ranking.groups) {
    for (const e of g.red) rows.push([g.name, '红榜', e.rank, e.unitName, num(e.total)]);
    for (const e of g.black) rows.push([g.name, '黑榜', e.rank, e.unitName, num(e.total)]);
  }
  // the plan's boards (issue 16): the list's name carries the board's, the score is the board's
  for (const b of model.ranking.boards ?? []) {
    for (const p of b.pools) {
      for (const e of p.red?.entries ?? [])
        rows.push([p.name, `${b.name}红榜`, e.rank, e.unitName, num(e.score)]);
      for (const e of p.black?.entries ?? [])
        rows.push([p.name, `${b.name}黑榜`, e.rank, e.unitName, num(e.score)]);
    }
  }
  return {
    columns: [
      { header: '考核分组', width: 18 },
      { header: '榜单', width: 8 },
      { header: '名次', width: 8, numFmt: FORMAT.count },
      { header: '单位名称', width: 24 },
      { header: '综合得分', width: 12, numFmt: scoreFormat(model.displayDecimals) },
    ],
    rows,
  };
}

/** 月报报送情况: every reporting unit's report of the month. */
function reportsSheet(model: BriefingModel): { columns: ExportColumn[]; rows: ExportCell[][] } {
  return {
    columns: [
      { header: '单位名称', width: 24 },
      { header: '单位编码', width: 12 },
      { header: '状态', width: 10 },
      { header: '逾期', width: 8 },
      { header: '提交时间', width: 20 },
    ],
    rows: model.reports.map((r) => [
      r.unitName,
      r.unitCode,
      r.status ? STATUS[r.status]! : '未建立',
      r.isLate ? '是' : '否',
      r.submittedAt ? shanghaiTime.format(new Date(r.submittedAt)) : null,
    ]),
  };
}

/** The 通报's appendix: four sheets, frozen headers, numbers stored as numbers with their formats. */
export async function buildBriefingXlsx(model: BriefingModel): Promise<Buffer> {
  const workbook = newWorkbook();
  const head = `${model.planName} ${monthLabelZh(model.month)}`;
  const figures = figuresSheet(model);
  addGroupedTable(
    workbook,
    '指标完成情况',
    `${head} 主要指标完成情况（金额单位：亿元；序时进度 ${formatPercent(model.expected, model.displayDecimals)}）`,
    figures.columns,
    figures.rows,
    1,
  );
  const ranking = rankingTable(model.ranking);
  addTable(
    workbook,
    '分类排名',
    `${head} 分类排名（${model.ranking.previousMonth ? '较上月为与上月排名相比' : '1月无上月排名'}）`,
    ranking.columns,
    ranking.rows,
    { xSplit: 3 },
  );
  const lists = listsSheet(model);
  addTable(workbook, '红黑榜', `${head} 红黑榜`, lists.columns, lists.rows);
  const reports = reportsSheet(model);
  addTable(workbook, '月报报送情况', `${head} 月报报送情况`, reports.columns, reports.rows);
  if (model.verification) {
    // 认定 (issue 15): the split by state, then every 不予认定 event with its reason
    const v = model.verification;
    addTable(
      workbook,
      '项目认定情况',
      `${head} 项目认定情况（${v.verifiedOnlyIndicators.join('、')}仅计已认定；金额单位：万元）`,
      [
        { header: '事项', width: 14 },
        { header: '已认定（个）', width: 12 },
        { header: '已认定金额', width: 14 },
        { header: '待认定（个）', width: 12 },
        { header: '待认定金额', width: 14 },
        { header: '不予认定（个）', width: 14 },
        { header: '不予认定金额', width: 14 },
      ],
      v.lines.map((l) => [
        VERIFICATION_KIND_LABELS[l.kind],
        l.verifiedCount,
        num(l.verifiedWan),
        l.pendingCount,
        num(l.pendingWan),
        l.rejectedCount,
        num(l.rejectedWan),
      ]),
    );
    addTable(
      workbook,
      '不予认定项目',
      `${head} 不予认定项目清单`,
      REJECTION_HEADERS.map((header, i) => ({ header, width: [18, 16, 32, 10, 12, 12, 20, 36][i]! })),
      rejectionRows(v),
    );
  }
  if (model.chains?.length) {
    const chains = chainsSheet(model.chains);
    addTable(workbook, '产业链', `${head} 产业链招商情况（金额单位：亿元）`, chains.columns, chains.rows);
  }
  workbook.title = model.title;
  return toBuffer(workbook);
}
