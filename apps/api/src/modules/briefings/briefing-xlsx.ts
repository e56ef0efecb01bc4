import { formatPercent, monthLabelZh } from '@pacer/shared';

import {
  addTable,
  type ExportCell,
  type ExportColumn,
  indicatorCell,
  indicatorFormat,
  num,
} from '../../common/xlsx/export-sheet';
import { rankingTable, scoreFormat } from '../../common/xlsx/ranking-sheet';
import { FORMAT, newWorkbook, toBuffer } from '../../common/xlsx/workbook';
import type { BriefingModel } from './briefing-model';
import { figureUnit } from './briefing-text';

const LIGHTS: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };
const STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  returned: '已退回',
};
const GAP_FORMAT = '+0.00;-0.00;0.00';
const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** 指标完成情况: the county and every assessed unit × the headline indicators (actual, target, %, gap, light). */
function figuresSheet(model: BriefingModel): { columns: ExportColumn[]; rows: ExportCell[][] } {
  const columns: ExportColumn[] = [
    { header: '单位名称', width: 24 },
    { header: '单位编码', width: 12 },
  ];
  for (const h of model.headlines) {
    const unit = figureUnit(h.kind, h.measure);
    columns.push(
      { header: `${h.name}·累计完成（${unit}）`, numFmt: indicatorFormat(h.kind), width: 16 },
      { header: `${h.name}·年度目标（${unit}）`, numFmt: indicatorFormat(h.kind), width: 16 },
      { header: `${h.name}·完成率`, numFmt: FORMAT.percent, width: 12 },
      { header: `${h.name}·超欠序时（百分点）`, numFmt: GAP_FORMAT, width: 14 },
      { header: `${h.name}·亮灯`, width: 8 },
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
        h.kind === 'amount' && h.measure === '万元'
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
  addTable(
    workbook,
    '指标完成情况',
    `${head} 主要指标完成情况（金额单位：亿元；序时进度 ${formatPercent(model.expected, model.displayDecimals)}）`,
    figures.columns,
    figures.rows,
    { xSplit: 1 },
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
  workbook.title = model.title;
  return toBuffer(workbook);
}
