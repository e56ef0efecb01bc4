import { Injectable } from '@nestjs/common';
import { Dec, type ImportPreviewRow } from '@pacer/shared';
import type { Workbook } from 'exceljs';
import type { EntityManager } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import { YtdSummaryService } from '../../progress/ytd-summary.service';
import { ProjectHistoryRepository } from '../../projects/project-history.repository';
import { type ProjectFields, ProjectsRepository } from '../../projects/projects.repository';
import { responsibleShare } from '../../projects/project-shares';
import { creditedUnitIds } from '../../projects/projects.service';
import type { StageState } from '../../projects/stage-rules';
import { ExcelRepository, type StoredProject } from '../excel.repository';
import { emptySummary, type ImportCheck, type ImportContext, type ImportKindHandler } from './import-kind';
import { planExistingProject, planNewProject, type StagePlan } from './project-stage-plan';
import {
  HEADER_OF,
  parseProjectSheet,
  type ProjectColumnKey,
  type ProjectImportRow,
  projectKey,
  PROJECTS_SHEET,
  STAGE_LABELS,
} from './projects.columns';
import { ProblemList } from './sheet-reader';
import { importStale } from '../excel.errors';

interface ProjectChange {
  row: ProjectImportRow;
  existing: StoredProject | null;
  patch: Partial<ProjectFields>;
  stage: StagePlan;
}

/** Fields an import may set, compared one by one with the stored project (a blank cell keeps the stored value). */
const FIELD_KEYS = [
  'investorCreditCode',
  'origin',
  'industryChain',
  'agreedInvestmentWan',
  'fortune500Kind',
  'isChainLeader',
  'isSpecialized',
  'description',
  'contact',
] as const;

function stageStateOf(p: StoredProject): StageState {
  return {
    stage: p.stage as StageState['stage'],
    dates: {
      lead: p.leadDate,
      negotiating: p.negotiatingDate,
      signed: p.signedDate,
      started: p.startedDate,
      producing: p.producingDate,
      dropped: p.droppedDate,
      registered: p.registeredDate,
    },
  };
}

function isSameValue(key: (typeof FIELD_KEYS)[number], stored: unknown, given: unknown): boolean {
  if (key === 'agreedInvestmentWan') return new Dec(stored as string).eq(given as string);
  return (stored ?? null) === (given ?? null);
}

/**
 * The project ledger: a row is a project by its natural key (responsible unit + name + investor). New keys are
 * created (responsible unit 100%, stage events as dated), existing ones get their changed fields and forward stage
 * events. Each project is audited like a form edit; the year-to-date summary is refreshed once for all units.
 */
@Injectable()
export class ProjectsImport implements ImportKindHandler<ProjectImportRow, ProjectChange[]> {
  readonly kind = 'projects' as const;
  readonly sheetName = PROJECTS_SHEET;

  constructor(
    private readonly excel: ExcelRepository,
    private readonly projects: ProjectsRepository,
    private readonly history: ProjectHistoryRepository,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
  ) {}

  parse(ctx: ImportContext, workbook: Workbook) {
    return parseProjectSheet(ctx, workbook);
  }

  async check(
    manager: EntityManager,
    ctx: ImportContext,
    rows: ProjectImportRow[],
  ): Promise<ImportCheck<ProjectChange[]>> {
    const problems = new ProblemList(PROJECTS_SHEET);
    const summary = emptySummary(rows.length);
    const states = await this.projects.unitStates(manager, [...new Set(rows.map((r) => r.unitId))]);
    const stored = await this.excel.lockProjectsByKeys(manager, rows);
    const byKey = new Map<string, StoredProject[]>();
    for (const p of stored) {
      const key = projectKey(p.unitId, p.name, p.investorName);
      byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
    const changes: ProjectChange[] = [];
    const preview: ImportPreviewRow[] = [];
    for (const row of rows) {
      const at = (k: ProjectColumnKey, zh: string, en: string) =>
        problems.add(row.row, row.columns[k] ?? null, HEADER_OF[k], zh, en);
      if (!states.get(row.unitId)) at('unit', `单位“${row.unitName}”已停用`, 'the unit is inactive');
      const matches = byKey.get(projectKey(row.unitId, row.name, row.investorName)) ?? [];
      if (matches.length > 1) {
        at(
          'name',
          '系统中有多个同名项目（责任单位、项目名称、投资方相同），请在系统中处理重复后再导入',
          'ambiguous project',
        );
        continue;
      }
      const existing = matches[0] ?? null;
      if (!existing && (row.origin === undefined || row.agreedInvestmentWan === undefined)) continue;
      const stage = existing
        ? planExistingProject(stageStateOf(existing), row, ctx.today, ctx.plan.year)
        : planNewProject(row, ctx.today, ctx.plan.year);
      for (const p of stage.problems) at(p.key, p.zh, p.en);
      const patch: Partial<ProjectFields> = {};
      if (existing) {
        for (const key of FIELD_KEYS) {
          const given = row[key];
          if (given !== undefined && !isSameValue(key, existing[key], given))
            (patch as Record<string, unknown>)[key] = given;
        }
      }
      const action = !existing
        ? 'create'
        : Object.keys(patch).length > 0 || stage.events.length > 0
          ? 'update'
          : 'unchanged';
      summary[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'] += 1;
      preview.push({
        row: row.row,
        action,
        label: `${row.unitName} · ${row.name}`,
        values: {
          investorName: row.investorName,
          agreedInvestmentWan: row.agreedInvestmentWan ?? existing?.agreedInvestmentWan ?? null,
          stage: STAGE_LABELS[stage.final.stage],
          changed: Object.keys(patch).join(',') || null,
        },
      });
      if (action !== 'unchanged') changes.push({ row, existing, patch, stage });
    }
    return { problems: problems.items, summary, preview, work: changes };
  }

  async write(manager: EntityManager, ctx: ImportContext, changes: ProjectChange[]): Promise<void> {
    const touched = new Set<number>();
    for (const change of changes) {
      const id = change.existing
        ? await this.update(manager, ctx, change, change.existing)
        : await this.create(manager, ctx, change);
      touched.add(change.row.unitId);
      for (const unitId of creditedUnitIds(await this.projects.findRow(id, null, manager)))
        touched.add(unitId);
    }
    // one summary refresh for the whole file (a delta over the touched units of each plan covering them)
    await this.summary.refreshForUnits(manager, [...touched]);
  }

  private async create(manager: EntityManager, ctx: ImportContext, change: ProjectChange): Promise<number> {
    const { row, stage } = change;
    const userId = ctx.principal.userId;
    const id = await this.projects.nextId(manager);
    await this.projects.insert(manager, {
      id,
      code: `XM${ctx.today.slice(0, 4)}-${String(id).padStart(6, '0')}`,
      name: row.name,
      investorName: row.investorName,
      investorCreditCode: row.investorCreditCode ?? null,
      origin: row.origin!,
      industryChain: row.industryChain ?? null,
      agreedInvestmentWan: row.agreedInvestmentWan!,
      fortune500Kind: row.fortune500Kind ?? null,
      isChainLeader: row.isChainLeader ?? false,
      isSpecialized: row.isSpecialized ?? false,
      unitId: row.unitId,
      description: row.description ?? null,
      contact: row.contact ?? null,
      isExcluded: false,
      excludedReason: null,
      stage: stage.final,
      userId,
    });
    // an import credits the responsible unit alone (a unit in the caller's scope): its share is confirmed; co-credit
    // of another unit is entered in the form, where it waits for that unit's confirmation (分成确认)
    await this.projects.replaceShares(manager, id, [responsibleShare(row.unitId)]);
    const initial = stage.initial!;
    for (const e of [{ kind: initial.stage, date: initial.date }, ...stage.events]) {
      await this.history.insertEvent(manager, {
        projectId: id,
        stage: e.kind,
        date: e.date,
        isCorrection: false,
        reason: null,
        userId,
      });
    }
    await this.audit.record(manager, ctx.actor, {
      action: 'project.create',
      objectType: 'project',
      objectId: id,
      after: await this.projects.findRow(id, null, manager),
      detail: { importBatchId: ctx.batchId, row: row.row },
    });
    return id;
  }

  private async update(
    manager: EntityManager,
    ctx: ImportContext,
    change: ProjectChange,
    existing: StoredProject,
  ): Promise<number> {
    const userId = ctx.principal.userId;
    const before = await this.projects.lockForWrite(manager, existing.id, ctx.principal.scopeUnitIds);
    if (!before || before.version !== existing.version) throw importStale();
    if (Object.keys(change.patch).length > 0) {
      if (!(await this.projects.updateFields(manager, existing.id, existing.version, change.patch, userId))) {
        throw importStale();
      }
    }
    if (change.stage.events.length > 0) {
      await this.projects.updateStage(manager, existing.id, change.stage.final, userId);
      for (const e of change.stage.events) {
        await this.history.insertEvent(manager, {
          projectId: existing.id,
          stage: e.kind,
          date: e.date,
          isCorrection: false,
          reason: null,
          userId,
        });
      }
    }
    await this.audit.record(manager, ctx.actor, {
      action: 'project.update',
      objectType: 'project',
      objectId: existing.id,
      before,
      after: await this.projects.findRow(existing.id, null, manager),
      detail: { importBatchId: ctx.batchId, row: change.row.row, events: change.stage.events },
    });
    return existing.id;
  }
}
