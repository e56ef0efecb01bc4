import { Injectable } from '@nestjs/common';
import { type ImportKind, type PlanRow } from '@pacer/shared';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { assertMonthInPlanYear } from '../plans/plans.errors';
import { PlansService } from '../plans/plans.service';
import { ProjectsService } from '../projects/projects.service';
import { ReportsBatchService } from '../reports/reports-batch.service';
import { TargetsService } from '../targets/targets.service';
import { ExcelRepository } from './excel.repository';
import type { ExportFile } from './exports.service';
import {
  buildActivitiesTemplate,
  buildProjectsTemplate,
  buildReportsTemplate,
  buildTargetsTemplate,
} from './templates/templates.builders';
import { toBuffer } from '../../common/xlsx/workbook';

/** Most ledger rows prefilled in the projects template. */
const MAX_PREFILLED_PROJECTS = 20000;

/** The downloadable .xlsx templates, prefilled with what the caller may see of the plan. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly plans: PlansService,
    private readonly targets: TargetsService,
    private readonly reports: ReportsBatchService,
    private readonly excel: ExcelRepository,
    private readonly projects: ProjectsService,
  ) {}

  async build(actor: Actor, kind: ImportKind, planId: number, month?: string): Promise<ExportFile> {
    const scope = scopeParam(actor.principal);
    const plan = await this.plans.findVisible(planId, scope);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const [units, indicators] = await Promise.all([
      this.excel.listTreeUnits(plan.rootUnitId),
      this.plans.listIndicators(planId),
    ]);
    // a reporter's template lists only its own units
    const visible = scope === null ? units : units.filter((u) => scope.includes(u.id));
    if (kind === 'targets') {
      const targets = await this.targets.listByPlan(planId, scope);
      return this.file(buildTargetsTemplate(plan, visible, indicators, targets), plan, '目标任务导入模板');
    }
    if (kind === 'reports') {
      const m = requireMonth(plan, month);
      const states = await this.reports.listMonthStates(
        undefined,
        planId,
        m,
        visible.map((u) => u.id),
      );
      return this.file(buildReportsTemplate(plan, m, visible, indicators, states), plan, `${m}月报导入模板`);
    }
    if (kind === 'activities') {
      return this.file(buildActivitiesTemplate(plan, visible), plan, '招商活动导入模板');
    }
    const ledger = await this.projects.list(actor, {
      planId,
      page: 1,
      pageSize: MAX_PREFILLED_PROJECTS,
      sort: 'name',
      order: 'asc',
    });
    return this.file(buildProjectsTemplate(plan, visible, ledger.items), plan, '项目台账导入模板');
  }

  private async file(
    workbook: Parameters<typeof toBuffer>[0],
    plan: PlanRow,
    name: string,
  ): Promise<ExportFile> {
    return {
      fileName: `${plan.name}-${name}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
      buffer: await toBuffer(workbook),
    };
  }
}

/** The reports template and import need a month of the plan's year. */
export function requireMonth(plan: PlanRow, month: string | undefined): string {
  if (!month) {
    throw ApiException.field(
      'month',
      'required',
      'month：月报模板须指定月份（YYYY-MM）',
      'month is required for reports',
    );
  }
  assertMonthInPlanYear(plan, month);
  return month;
}
