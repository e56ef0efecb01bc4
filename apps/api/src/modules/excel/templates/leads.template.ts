import { LEAD_SOURCE_LABELS, type LeadRow, type PlanRow } from '@pacer/shared';
import type { Workbook } from 'exceljs';

import { num } from '../../../common/xlsx/export-sheet';
import { FORMAT, newWorkbook } from '../../../common/xlsx/workbook';
import type { TreeUnit } from '../excel.repository';
import { unitLabels } from '../parsers/import-kind';
import { LEAD_COLUMNS, LEADS_SHEET } from '../parsers/leads.import';
import { columnLetter } from '../parsers/sheet-reader';
import { addCodeSheet, addDataSheet, addInstructions, dateValidation, decimalValidation, listValidation, SPARE_ROWS } from './template-common';

/** The 线索 import template (issue 17): the caller's units in the list; with `leads`, the export of the list. */
export function buildLeadsWorkbook(plan: PlanRow, units: TreeUnit[], leads: readonly LeadRow[] = []): Workbook {
  const workbook = newWorkbook();
  addInstructions(workbook, `${plan.name} — 线索导入模板`, [
    '本表用于批量登记招商线索：每行一条线索；“所属单位 + 线索名称 + 企业名称”已有线索的行不重复登记（保持不变）。',
    '红色表头为必填项；所属单位、线索来源请从下拉列表选择；负责人填写姓名。',
    '企业按统一社会信用代码（未填时按企业名称）在客商库中查找，没有的自动加入客商库。',
    '获取日期不能晚于今天（留空为今天）；填写了下一步期限须填写下一步工作。',
    '导入的线索状态为“新线索”；状态变更（洽谈中、已签约、已搁置）和跟进记录请在线索页面填写。',
    '金额单位为万元，只能填写数值，不能含公式；上传后先预览，确认无误后提交，所有行一次写入，有任何问题则一行都不写入。',
  ]);
  const labels = unitLabels(units);
  const sheet = addDataSheet(
    workbook,
    LEADS_SHEET,
    LEAD_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      isRequired: 'isRequired' in c,
      numFmt: c.key === 'amount' ? FORMAT.wan : c.key === 'foundOn' || c.key === 'nextStepDue' ? FORMAT.date : undefined,
    })),
  );
  const refs = addCodeSheet(
    workbook,
    { 单位: units.filter((u) => u.isActive).map((u) => labels.get(u.id)!), 线索来源: Object.values(LEAD_SOURCE_LABELS) },
    { 模板: 'leads', 计划ID: String(plan.id), 计划: plan.name },
  );
  const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const l of leads) {
    sheet.addRow([
      labels.get(l.unitId) ?? l.unitName,
      l.title,
      l.investor.name,
      l.investor.creditCode,
      l.ownerName,
      LEAD_SOURCE_LABELS[l.source],
      l.intendedInvestmentWan === null ? null : num(l.intendedInvestmentWan),
      date(l.foundOn),
      l.nextStep,
      date(l.nextStepDue),
      l.description,
    ]);
  }
  const last = leads.length + 1 + SPARE_ROWS;
  const letterOf = (key: string) => columnLetter(LEAD_COLUMNS.findIndex((c) => c.key === key) + 1);
  listValidation(sheet, letterOf('unit'), last, refs.get('单位')!, '单位');
  listValidation(sheet, letterOf('source'), last, refs.get('线索来源')!, '线索来源');
  decimalValidation(sheet, letterOf('amount'), last);
  dateValidation(sheet, letterOf('foundOn'), last);
  dateValidation(sheet, letterOf('nextStepDue'), last);
  return workbook;
}
