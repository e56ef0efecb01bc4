import { Injectable } from '@nestjs/common';
import type { LeadsQuery, PlanRow } from '@pacer/shared';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { toBuffer } from '../../common/xlsx/workbook';
import { AuditService } from '../audit/audit.service';
import { LeadsService } from '../leads/leads.service';
import { PlansService } from '../plans/plans.service';
import { ExcelRepository } from './excel.repository';
import type { ExportFile } from './exports.service';
import { buildLeadsWorkbook } from './templates/leads.template';

/** Most leads in one export or prefilled template. */
const MAX_LEADS = 20000;

/**
 * 线索 in Excel (issue 17): the import template (the caller's units in its list) and the export of the list (the
 * screen's filters; the same columns, so an exported sheet is a template). The import itself is a kind of
 * ImportsService (parsers/leads.import.ts).
 */
@Injectable()
export class LeadsExcelService {
  constructor(
    private readonly plans: PlansService,
    private readonly excel: ExcelRepository,
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
  ) {}

  async template(actor: Actor, planId: number): Promise<ExportFile> {
    const { plan, units } = await this.planUnits(actor, planId);
    return this.file(buildLeadsWorkbook(plan, units), `${plan.name}-线索导入模板`);
  }

  async export(actor: Actor, planId: number, query: LeadsQuery): Promise<ExportFile> {
    const { plan, units } = await this.planUnits(actor, planId);
    const page = await this.leads.list(actor, { ...query, page: 1, pageSize: MAX_LEADS });
    const file = await this.file(buildLeadsWorkbook(plan, units, page.items), `${plan.name}-线索`);
    await this.audit.recordStandalone(actor, {
      action: 'export.leads',
      objectType: 'plan',
      objectId: plan.id,
      detail: { query, rows: page.items.length, bytes: file.buffer.length },
    });
    return file;
  }

  private async planUnits(actor: Actor, planId: number) {
    const scope = scopeParam(actor.principal);
    const plan: PlanRow | null = await this.plans.findVisible(planId, scope);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const units = await this.excel.listTreeUnits(plan.rootUnitId);
    // a reporter's sheet lists only its own units
    return { plan, units: scope === null ? units : units.filter((u) => scope.includes(u.id)) };
  }

  private async file(workbook: Parameters<typeof toBuffer>[0], name: string): Promise<ExportFile> {
    return { fileName: `${name.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, buffer: await toBuffer(workbook) };
  }
}
