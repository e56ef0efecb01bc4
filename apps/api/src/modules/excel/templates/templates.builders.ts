import {
  ACTIVITY_KIND_LABELS,
  FORTUNE500_LABELS,
  INVESTOR_ORIGIN_LABELS,
  type IndicatorRow,
  monthLabelZh,
  type PlanRow,
  type ProjectRow,
} from '@pacer/shared';
import type { Workbook } from 'exceljs';

import { num } from '../../../common/xlsx/export-sheet';
import { FORMAT, newWorkbook } from '../../../common/xlsx/workbook';
import type { ReportState } from '../../reports/reports-batch.service';
import type { TreeUnit } from '../excel.repository';
import { ACTIVITIES_SHEET, ACTIVITY_COLUMNS } from '../parsers/activities.import';
import {
  NOT_FORTUNE500,
  PROJECT_COLUMNS,
  PROJECTS_SHEET,
  STAGE_LABELS,
  YES_NO,
} from '../parsers/projects.columns';
import {
  REPORT_STATUS_HEADER,
  REPORT_TEXT_HEADERS,
  REPORTS_SHEET,
  reportHeader,
  reportedIndicators,
  STATUS_LABELS,
} from '../parsers/reports.import';
import { columnLetter } from '../parsers/sheet-reader';
import { indicatorHeader, TARGETS_SHEET, UNIT_CODE_HEADER, UNIT_HEADER } from '../parsers/targets.import';
import { unitLabels } from '../parsers/import-kind';
import {
  addCodeSheet,
  addDataSheet,
  addInstructions,
  type DataColumn,
  dateValidation,
  decimalValidation,
  listValidation,
  SPARE_ROWS,
} from './template-common';

const LIST_UNITS = '单位';

function valueFormat(indicator: IndicatorRow): string {
  return indicator.kind === 'amount'
    ? FORMAT.wan
    : indicator.kind === 'ratio'
      ? FORMAT.percent
      : FORMAT.count;
}

/** A stored decimal string as the number Excel shows (a ratio is already a fraction). */

const COMMON_RULES = [
  '请勿修改表头、工作表名称和隐藏的“代码表”；单位等请从下拉列表选择。',
  '只能填写数值，不能含公式（公式请“选择性粘贴为数值”），也不要带千分位逗号、单位或文字。',
  '金额单位为万元（1亿元 = 10000万元），最多4位小数；比率填写百分数（如 60%）。',
  '上传后系统先预览，列出每一处问题（工作表、行、列、原因）；确认无误后提交，所有行一次写入，有任何问题则一行都不写入。',
  '同一文件重复导入不会重复写入；表中留空的格表示“不修改”。',
];

export function buildTargetsTemplate(
  plan: PlanRow,
  units: TreeUnit[],
  indicators: IndicatorRow[],
  targets: Array<{ unitId: number; indicatorId: number; value: string }>,
): Workbook {
  const workbook = newWorkbook();
  addInstructions(workbook, `${plan.name} — 目标任务导入模板`, [
    `本表用于填写或修改“${plan.name}”各单位的年度目标任务：每行一个单位，每列一个指标。`,
    '表中已预填当前的目标值；修改后上传即可，新填的格会新增目标，已有的格会被更新。',
    '上级单位的目标应不小于下级单位目标之和（分解不足会在系统中提示）。',
    ...COMMON_RULES,
  ]);
  const labels = unitLabels(units);
  const active = units.filter((u) => u.isActive);
  const columns: DataColumn[] = [
    { header: UNIT_HEADER, width: 22, isRequired: true },
    { header: UNIT_CODE_HEADER, width: 12 },
    ...indicators.map((i) => ({ header: indicatorHeader(i), width: 18, numFmt: valueFormat(i) })),
  ];
  const sheet = addDataSheet(workbook, TARGETS_SHEET, columns);
  const refs = addCodeSheet(
    workbook,
    { [LIST_UNITS]: active.map((u) => labels.get(u.id)!) },
    {
      模板: 'targets',
      计划ID: String(plan.id),
      计划: plan.name,
    },
  );
  const byPair = new Map(targets.map((t) => [`${t.unitId}:${t.indicatorId}`, t.value]));
  for (const u of active) {
    sheet.addRow([labels.get(u.id), u.code, ...indicators.map((i) => num(byPair.get(`${u.id}:${i.id}`)))]);
  }
  const last = active.length + 1 + SPARE_ROWS;
  listValidation(sheet, 'A', last, refs.get(LIST_UNITS)!, '单位');
  indicators.forEach((_, k) => decimalValidation(sheet, columnLetter(k + 3), last));
  return workbook;
}

export function buildReportsTemplate(
  plan: PlanRow,
  month: string,
  units: TreeUnit[],
  indicators: IndicatorRow[],
  states: ReportState[],
): Workbook {
  const workbook = newWorkbook();
  const reported = reportedIndicators(indicators);
  addInstructions(workbook, `${plan.name} — ${monthLabelZh(month)}月报数据导入模板`, [
    `本表用于一次录入各单位${monthLabelZh(month)}的月报数据（如汇总纸质报表）：每行一个单位，每列一个需填报的指标。`,
    '数值为本月发生额（不是累计数），年度累计由系统自动计算；表头带“累计”的指标填写本年累计数，系统按此前已审核的累计计算本月发生额（累计低于此前已审核累计的更正，请在“月度填报”中填写更正原因）。',
    '表中已预填当前草稿中的数值；未建立月报的单位导入后自动建立草稿，导入后仍需按流程提交、审核。',
    '已提交或已审核的月报不能通过导入修改（已审核的需管理员解锁）；“月报状态”列仅供参考，不导入。',
    `本模板只用于 ${monthLabelZh(month)}，请勿用于其他月份。`,
    ...COMMON_RULES,
  ]);
  const labels = unitLabels(units);
  // the root's row only when it reports its own figures (县本级, issue 14 point 11)
  const reporting = units.filter((u) => u.isActive && (u.depth > 0 || plan.ownFigures === 'root'));
  const textHeaders = Object.values(REPORT_TEXT_HEADERS);
  const sheet = addDataSheet(workbook, REPORTS_SHEET, [
    { header: UNIT_HEADER, width: 22, isRequired: true },
    { header: UNIT_CODE_HEADER, width: 12 },
    ...reported.map((i) => ({ header: reportHeader(i), width: 18, numFmt: valueFormat(i) })),
    ...textHeaders.map((h) => ({ header: h, width: 36 })),
    { header: REPORT_STATUS_HEADER, width: 12 },
  ]);
  const refs = addCodeSheet(
    workbook,
    { [LIST_UNITS]: reporting.map((u) => labels.get(u.id)!) },
    {
      模板: 'reports',
      计划ID: String(plan.id),
      计划: plan.name,
      月份: month,
    },
  );
  const byUnit = new Map(states.map((s) => [s.unitId, s]));
  for (const u of reporting) {
    const state = byUnit.get(u.id);
    // a year-to-date indicator's cell is the 累计 entered
    const values = new Map((state?.values ?? []).map((v) => [v.indicatorId, v.ytd ?? v.value]));
    sheet.addRow([
      labels.get(u.id),
      u.code,
      ...reported.map((i) => num(values.get(i.id))),
      state?.progressText || null,
      state?.problemsText || null,
      state?.nextPlanText || null,
      state ? STATUS_LABELS[state.status] : '未建立',
    ]);
  }
  const last = reporting.length + 1 + SPARE_ROWS;
  listValidation(sheet, 'A', last, refs.get(LIST_UNITS)!, '单位');
  reported.forEach((_, k) => decimalValidation(sheet, columnLetter(k + 3), last));
  return workbook;
}

export function buildProjectsTemplate(plan: PlanRow, units: TreeUnit[], projects: ProjectRow[]): Workbook {
  const workbook = newWorkbook();
  addInstructions(workbook, `${plan.name} — 项目台账导入模板`, [
    '本表用于批量登记或更新项目台账：每行一个项目；“责任单位 + 项目名称 + 投资方”相同即视为同一个项目（更新），否则新增。',
    '红色表头为必填项。表中已预填当前台账（您有权限的单位）；修改后上传即可。',
    '阶段：线索 / 洽谈 / 签约 / 开工 / 投产 / 终止；签约、开工、投产、终止须填写对应日期，日期不能晚于今天。',
    `新写入的日期须在计划年度（${plan.year}年）内；以前年度的阶段、日期更正、阶段退回请在系统中逐条操作并填写原因。`,
    '投资方来源：本市 / 市外省内 / 省外 / 境外；500强类型、产业链请从下拉列表选择；链主企业、专精特新填“是”或“否”。',
    '多个单位共享的项目（分成比例）请在系统中设置；导入新增的项目由责任单位独享。',
    ...COMMON_RULES,
  ]);
  const labels = unitLabels(units);
  const numFmt: Partial<Record<string, string>> = { amount: FORMAT.wan };
  for (const k of ['signed', 'started', 'producing', 'registered', 'dropped']) numFmt[k] = FORMAT.date;
  const sheet = addDataSheet(
    workbook,
    PROJECTS_SHEET,
    PROJECT_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      isRequired: 'isRequired' in c,
      numFmt: numFmt[c.key],
    })),
  );
  const refs = addCodeSheet(
    workbook,
    {
      [LIST_UNITS]: units.filter((u) => u.isActive).map((u) => labels.get(u.id)!),
      阶段: Object.values(STAGE_LABELS),
      投资方来源: Object.values(INVESTOR_ORIGIN_LABELS),
      产业链: plan.industryChains,
      '500强类型': [...Object.values(FORTUNE500_LABELS), NOT_FORTUNE500],
      是否: [...YES_NO],
    },
    { 模板: 'projects', 计划ID: String(plan.id), 计划: plan.name },
  );
  const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const p of projects) {
    sheet.addRow([
      labels.get(p.unitId) ?? p.unitName,
      p.name,
      p.investorName,
      p.investorCreditCode,
      INVESTOR_ORIGIN_LABELS[p.origin],
      p.industryChain,
      num(p.agreedInvestmentWan),
      p.fortune500Kind ? FORTUNE500_LABELS[p.fortune500Kind] : null,
      p.isChainLeader ? '是' : '否',
      p.isSpecialized ? '是' : '否',
      STAGE_LABELS[p.stage],
      date(p.signedDate),
      date(p.startedDate),
      date(p.producingDate),
      date(p.registeredDate),
      date(p.droppedDate),
      p.description,
      p.contact,
    ]);
  }
  const last = projects.length + 1 + SPARE_ROWS;
  const letterOf = (key: string) => columnLetter(PROJECT_COLUMNS.findIndex((c) => c.key === key) + 1);
  listValidation(sheet, letterOf('unit'), last, refs.get(LIST_UNITS)!, '单位');
  listValidation(sheet, letterOf('stage'), last, refs.get('阶段')!, '阶段');
  listValidation(sheet, letterOf('origin'), last, refs.get('投资方来源')!, '投资方来源');
  if (plan.industryChains.length > 0)
    listValidation(sheet, letterOf('chain'), last, refs.get('产业链')!, '产业链');
  listValidation(sheet, letterOf('fortune500'), last, refs.get('500强类型')!, '500强类型');
  listValidation(sheet, letterOf('chainLeader'), last, refs.get('是否')!, '是或否');
  listValidation(sheet, letterOf('specialized'), last, refs.get('是否')!, '是或否');
  decimalValidation(sheet, letterOf('amount'), last);
  for (const k of ['signed', 'started', 'producing', 'registered', 'dropped'])
    dateValidation(sheet, letterOf(k), last);
  return workbook;
}

/** 招商活动导入模板 (issue 17): one activity a row, keyed by organising unit + start date + title. */
export function buildActivitiesTemplate(plan: PlanRow, units: TreeUnit[]): Workbook {
  const workbook = newWorkbook();
  addInstructions(workbook, `${plan.name} — 招商活动导入模板`, [
    '本表用于批量登记或更新招商活动：每行一次活动；“组织单位 + 开始日期 + 活动名称”相同即视为同一次活动（更新），否则新增。',
    '红色表头为必填项。活动类型：外出招商 / 来访接待 / 展会推介 / 线上洽谈；县领导带队填“是”或“否”（留空为否）。',
    '参与单位、参加人员、对接企业可填多个，用顿号“、”分隔；参与单位须为单位树中的单位名称，对接企业按名称查找或加入客商库。',
    '日期不能晚于今天；结束日期留空表示当天结束。关联线索和产业链请在系统中逐条设置（导入时保留原有设置）。',
    ...COMMON_RULES.filter((line) => !line.startsWith('金额单位')),
  ]);
  const labels = unitLabels(units);
  const numFmt: Partial<Record<string, string>> = { start: FORMAT.date, end: FORMAT.date };
  const sheet = addDataSheet(
    workbook,
    ACTIVITIES_SHEET,
    ACTIVITY_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      isRequired: 'isRequired' in c,
      numFmt: numFmt[c.key],
    })),
  );
  const refs = addCodeSheet(
    workbook,
    {
      [LIST_UNITS]: units.filter((u) => u.isActive).map((u) => labels.get(u.id)!),
      活动类型: Object.values(ACTIVITY_KIND_LABELS),
      是否: [...YES_NO],
    },
    { 模板: 'activities', 计划ID: String(plan.id), 计划: plan.name },
  );
  const last = 1 + SPARE_ROWS;
  const letterOf = (key: string) => columnLetter(ACTIVITY_COLUMNS.findIndex((c) => c.key === key) + 1);
  listValidation(sheet, letterOf('unit'), last, refs.get(LIST_UNITS)!, '单位');
  listValidation(sheet, letterOf('kind'), last, refs.get('活动类型')!, '活动类型');
  listValidation(sheet, letterOf('led'), last, refs.get('是否')!, '是或否');
  dateValidation(sheet, letterOf('start'), last);
  dateValidation(sheet, letterOf('end'), last);
  return workbook;
}
