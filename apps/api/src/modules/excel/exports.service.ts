import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_KIND_LABELS,
  type ActivitiesQuery,
  type AuditEventRow,
  type AuditQuery,
  businessDate,
  type ExportKind,
  formatPercent,
  FORTUNE500_LABELS,
  INVESTOR_ORIGIN_LABELS,
  monthLabelZh,
  type PlanRow,
  type ProjectsQuery,
  SHARE_STATUS_LABELS,
} from '@pacer/shared';
import type { Workbook } from 'exceljs';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { PlansService } from '../plans/plans.service';
import { ProgressService } from '../progress/progress.service';
import { ActivitiesService } from '../activities/activities.service';
import { ProjectsService } from '../projects/projects.service';
import { RankingsService } from '../rankings/rankings.service';
import { ReportsService } from '../reports/reports.service';
import { TargetsService } from '../targets/targets.service';
import { ExcelRepository } from './excel.repository';
import { STAGE_LABELS } from './parsers/projects.columns';
import { STATUS_LABELS } from './parsers/reports.import';
import {
  buildTable,
  date,
  type ExportCell,
  type ExportColumn,
  indicatorCell,
  indicatorFormat,
  indicatorUnit,
  num,
  yi,
} from '../../common/xlsx/export-sheet';
import { rankingTable } from '../../common/xlsx/ranking-sheet';
import { FORMAT, toBuffer } from '../../common/xlsx/workbook';

/** Most rows one export writes (the ledger and the audit log are read page by page up to this). */
export const MAX_EXPORT_ROWS = 50000;

export interface ExportFile {
  fileName: string;
  buffer: Buffer;
}

const LIGHTS: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };
const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/**
 * Every table screen as a real .xlsx, read through the screen's own service method (so the scoping is the screen's)
 * with the screen's query parameters. Each export is audited as `export.<kind>`.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly plans: PlansService,
    private readonly excel: ExcelRepository,
    private readonly targets: TargetsService,
    private readonly progress: ProgressService,
    private readonly reports: ReportsService,
    private readonly projects: ProjectsService,
    private readonly rankings: RankingsService,
    private readonly audit: AuditService,
    private readonly activities: ActivitiesService,
  ) {}

  async targetsFile(actor: Actor, planId: number): Promise<ExportFile> {
    const plan = await this.visiblePlan(actor, planId);
    const [data, indicators, units] = await Promise.all([
      this.targets.get(actor, planId),
      this.plans.listIndicators(planId),
      this.excel.listTreeUnits(plan.rootUnitId),
    ]);
    const scope = scopeParam(actor.principal);
    const byPair = new Map(data.items.map((t) => [`${t.unitId}:${t.indicatorId}`, t.value]));
    const rows = units
      .filter((u) => scope === null || scope.includes(u.id))
      .map((u) => [
        u.name,
        u.code,
        ...indicators.map((i) => indicatorCell(i.kind, byPair.get(`${u.id}:${i.id}`))),
      ]);
    const columns: ExportColumn[] = [
      { header: '单位名称', width: 24 },
      { header: '单位编码', width: 12 },
      ...indicators.map((i) => ({
        header: `${i.name}（${indicatorUnit(i.kind, i.measure)}）`,
        width: 18,
        numFmt: indicatorFormat(i.kind),
      })),
    ];
    const workbook = buildTable('目标任务', `${plan.name} 目标任务（金额单位：亿元）`, columns, rows);
    return this.finish(actor, 'targets', plan, { planId }, rows.length, workbook, `${plan.name}-目标任务`);
  }

  async progressFile(actor: Actor, planId: number, month: string): Promise<ExportFile> {
    const plan = await this.visiblePlan(actor, planId);
    const data = await this.progress.getProgress(actor, planId, month);
    const byPair = new Map(data.cells.map((c) => [`${c.unitId}:${c.indicatorId}`, c]));
    const columns: ExportColumn[] = [
      { header: '单位名称', width: 24 },
      { header: '单位编码', width: 12 },
    ];
    for (const i of data.indicators) {
      const unit = indicatorUnit(i.kind, i.measure);
      columns.push(
        { header: `${i.name}·完成（${unit}）`, numFmt: indicatorFormat(i.kind), width: 16 },
        { header: `${i.name}·目标（${unit}）`, numFmt: indicatorFormat(i.kind), width: 16 },
        { header: `${i.name}·完成率`, numFmt: FORMAT.percent, width: 12 },
        { header: `${i.name}·超欠序时（百分点）`, numFmt: '+0.00;-0.00;0.00', width: 14 },
        { header: `${i.name}·亮灯`, width: 8 },
      );
    }
    const rows = data.units.map((u) => {
      const cells: ExportCell[] = [u.name, u.code];
      for (const i of data.indicators) {
        const c = byPair.get(`${u.id}:${i.id}`);
        cells.push(
          indicatorCell(i.kind, c?.actual),
          indicatorCell(i.kind, c?.target),
          num(c?.completion),
          num(c?.gapPp),
          c?.light ? LIGHTS[c.light]! : null,
        );
      }
      return cells;
    });
    const expected = formatPercent(data.expected).slice(0, -1);
    const workbook = buildTable(
      '目标完成进度',
      `${plan.name} ${monthLabelZh(month)}目标完成进度（金额单位：亿元；序时进度 ${expected}%）`,
      columns,
      rows,
    );
    return this.finish(
      actor,
      'progress',
      plan,
      { planId, month },
      rows.length,
      workbook,
      `${plan.name}-${month}-完成进度`,
    );
  }

  /** The ranking screen through RankingsService.getRanking: the frozen snapshot of a closed month, else live. */
  async rankingFile(actor: Actor, planId: number, month: string, group?: string): Promise<ExportFile> {
    const plan = await this.visiblePlan(actor, planId);
    const ranking = await this.rankings.getRanking(actor, planId, month, group);
    const { columns, rows } = rankingTable(ranking);
    const state = ranking.isFrozen ? '已关账' : '未关账，实时计算';
    const groupName = group ? ranking.groups[0]?.name : null;
    const workbook = buildTable(
      '综合排名',
      `${plan.name} ${monthLabelZh(month)}${groupName ?? ''}综合排名（${state}）`,
      columns,
      rows,
    );
    return this.finish(
      actor,
      'ranking',
      plan,
      { planId, month, ...(group ? { group } : {}) },
      rows.length,
      workbook,
      `${plan.name}-${month}-综合排名`,
    );
  }

  async reportsFile(actor: Actor, planId: number, month: string): Promise<ExportFile> {
    const plan = await this.visiblePlan(actor, planId);
    const data = await this.reports.list(actor, planId, month);
    const units = new Map((await this.excel.listTreeUnits(plan.rootUnitId)).map((u) => [u.id, u]));
    const time = (t: string | null) => (t ? shanghaiTime.format(new Date(t)) : null);
    const rows: ExportCell[][] = data.items.map((r) => [
      r.unitName,
      r.unitCode,
      STATUS_LABELS[r.status] ?? r.status,
      r.isLate ? '是' : '否',
      time(r.submittedAt),
      time(r.approvedAt),
      r.returnedReason,
    ]);
    for (const id of data.missingUnitIds) {
      const u = units.get(id);
      rows.push([u?.name ?? String(id), u?.code ?? null, '未建立', null, null, null, null]);
    }
    const workbook = buildTable(
      '月报',
      `${plan.name} ${monthLabelZh(month)}月报情况（截止日 ${data.deadline}）`,
      [
        { header: '单位名称', width: 24 },
        { header: '单位编码', width: 12 },
        { header: '状态', width: 10 },
        { header: '逾期', width: 8 },
        { header: '提交时间', width: 20 },
        { header: '审核时间', width: 20 },
        { header: '退回原因', width: 30 },
      ],
      rows,
    );
    return this.finish(
      actor,
      'reports',
      plan,
      { planId, month },
      rows.length,
      workbook,
      `${plan.name}-${month}-月报`,
    );
  }

  async projectsFile(actor: Actor, query: ProjectsQuery): Promise<ExportFile> {
    const plan = query.planId ? await this.visiblePlan(actor, query.planId) : null;
    // the screen's filters and order, every page
    const page = await this.projects.list(actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    const rows: ExportCell[][] = page.items.map((p) => [
      p.code,
      p.name,
      p.investorName,
      p.investorCreditCode,
      INVESTOR_ORIGIN_LABELS[p.origin],
      p.industryChain,
      yi(p.agreedInvestmentWan),
      p.fortune500Kind ? FORTUNE500_LABELS[p.fortune500Kind] : null,
      p.isChainLeader ? '是' : '否',
      p.isSpecialized ? '是' : '否',
      p.unitName,
      // a share not confirmed counts for the responsible unit (分成确认): say so beside it
      p.shares
        .map(
          (s) =>
            `${s.unitName ?? s.unitId} ${s.sharePct}%${s.status === 'confirmed' ? '' : `（${SHARE_STATUS_LABELS[s.status]}）`}`,
        )
        .join('、'),
      STAGE_LABELS[p.stage],
      date(p.signedDate),
      date(p.startedDate),
      date(p.producingDate),
      date(p.registeredDate),
      p.isExcluded ? '是' : '否',
      p.excludedReason,
    ]);
    const d = { numFmt: FORMAT.date, width: 12 };
    const workbook = buildTable(
      '项目台账',
      `${plan?.name ?? '全部计划'} 项目台账（协议投资额单位：亿元；导出日期 ${businessDate(new Date())}）`,
      [
        { header: '项目编号', width: 16 },
        { header: '项目名称', width: 32 },
        { header: '投资方', width: 30 },
        { header: '统一社会信用代码', width: 22 },
        { header: '投资方来源', width: 12 },
        { header: '产业链', width: 14 },
        { header: '协议投资额（亿元）', numFmt: FORMAT.yi, width: 16 },
        { header: '500强类型', width: 18 },
        { header: '链主企业', width: 10 },
        { header: '专精特新', width: 10 },
        { header: '责任单位', width: 18 },
        { header: '分成单位', width: 30 },
        { header: '当前阶段', width: 10 },
        { header: '签约日期', ...d },
        { header: '开工日期', ...d },
        { header: '投产日期', ...d },
        { header: '入库日期', ...d },
        { header: '不计入考核', width: 10 },
        { header: '不计入原因', width: 30 },
      ],
      rows,
    );
    return this.finish(actor, 'projects', plan, query, rows.length, workbook, `${plan?.name ?? ''}项目台账`);
  }

  /** 招商活动 with the list's filters (a reporter: their units' and those they took part in), newest first. */
  async activitiesFile(actor: Actor, query: ActivitiesQuery): Promise<ExportFile> {
    const page = await this.activities.list(actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    const rows: ExportCell[][] = page.items.map((a) => [
      a.code,
      ACTIVITY_KIND_LABELS[a.kind],
      a.title,
      date(a.startDate),
      date(a.endDate),
      a.place,
      a.unitName,
      a.participantUnits.map((u) => u.unitName).join('、'),
      a.leadingOfficial,
      a.leadingOfficialTitle,
      a.ledByCountyLeader ? '是' : '否',
      a.participants.join('、'),
      a.companies.map((c) => c.name).join('、'),
      a.companies.length,
      a.outcome,
      a.leads.map((l) => l.title).join('、'),
      a.chainName,
    ]);
    const d = { numFmt: FORMAT.date, width: 12 };
    const workbook = buildTable(
      '招商活动',
      `招商活动（${page.total} 次，领导带队 ${page.ledByCountyLeaderCount} 次；导出日期 ${businessDate(new Date())}）`,
      [
        { header: '活动编号', width: 16 },
        { header: '活动类型', width: 10 },
        { header: '活动名称', width: 32 },
        { header: '开始日期', ...d },
        { header: '结束日期', ...d },
        { header: '地点', width: 18 },
        { header: '组织单位', width: 18 },
        { header: '参与单位', width: 24 },
        { header: '带队领导', width: 10 },
        { header: '职务', width: 20 },
        { header: '县领导带队', width: 10 },
        { header: '参加人员', width: 30 },
        { header: '对接企业', width: 40 },
        { header: '企业数', width: 8, numFmt: FORMAT.count },
        { header: '活动成果', width: 40 },
        { header: '关联线索', width: 30 },
        { header: '产业链', width: 12 },
      ],
      rows,
    );
    return this.finish(actor, 'activities', null, query, rows.length, workbook, '招商活动');
  }

  async auditFile(actor: Actor, query: AuditQuery): Promise<ExportFile> {
    const items: AuditEventRow[] = [];
    for (let pageNo = 1; items.length < MAX_EXPORT_ROWS; pageNo++) {
      const page = await this.audit.list({ ...query, page: pageNo, pageSize: 500 });
      items.push(...page.items);
      if (page.items.length < 500) break;
    }
    const rows: ExportCell[][] = items.map((e) => [
      Number(e.id),
      shanghaiTime.format(new Date(e.at)),
      e.username,
      e.roles.join(','),
      e.ip,
      e.action,
      e.objectType,
      e.objectId,
      e.result,
      e.requestId,
    ]);
    const workbook = buildTable(
      '审计日志',
      `审计日志（${query.from ?? '最早'} 至 ${query.to ?? '现在'}，时间为北京时间）`,
      [
        { header: '序号', width: 10, numFmt: FORMAT.count },
        { header: '时间', width: 20 },
        { header: '用户', width: 14 },
        { header: '角色', width: 14 },
        { header: '来源地址', width: 16 },
        { header: '操作', width: 22 },
        { header: '对象类型', width: 14 },
        { header: '对象ID', width: 14 },
        { header: '结果', width: 10 },
        { header: '请求ID', width: 38 },
      ],
      rows,
    );
    return this.finish(actor, 'audit', null, query, rows.length, workbook, '审计日志');
  }

  private async visiblePlan(actor: Actor, planId: number): Promise<PlanRow> {
    const plan = await this.plans.findVisible(planId, scopeParam(actor.principal));
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    return plan;
  }

  private async finish(
    actor: Actor,
    kind: ExportKind,
    plan: PlanRow | null,
    query: object,
    rows: number,
    workbook: Workbook,
    name: string,
  ): Promise<ExportFile> {
    const buffer = await toBuffer(workbook);
    await this.audit.recordStandalone(actor, {
      action: `export.${kind}`,
      objectType: plan
        ? 'plan'
        : kind === 'audit'
          ? 'audit_event'
          : kind === 'activities'
            ? 'activity'
            : 'project',
      objectId: plan?.id ?? null,
      detail: { query, rows, bytes: buffer.length },
    });
    return { fileName: `${name.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, buffer };
  }
}
