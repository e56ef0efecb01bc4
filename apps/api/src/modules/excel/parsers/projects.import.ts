import { Injectable } from '@nestjs/common';
import { Dec, type ImportPreviewRow } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import {
  type ProjectBatchChange,
  ProjectsBatchService,
  type ProjectFields,
  type StoredProject,
} from '../../projects/projects-batch.service';
import type { StageState } from '@pacer/shared';
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
import { ProblemList, type WorkbookCells } from './sheet-reader';
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

  constructor(private readonly projects: ProjectsBatchService) {}

  parse(ctx: ImportContext, workbook: WorkbookCells) {
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
    const stored = await this.projects.lockByNaturalKeys(manager, rows);
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
    // the projects module writes: a new project as the form creates it (the responsible unit credited alone: co-credit
    // is entered in the form, where it waits for the other unit's confirmation), changes as the form and events route
    await this.projects.writeBatch(
      manager,
      ctx.actor,
      changes.map((c) => toBatchChange(ctx, c)),
      { stale: importStale, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) },
    );
  }
}

function toBatchChange(
  ctx: ImportContext,
  { row, existing, patch, stage }: ProjectChange,
): ProjectBatchChange {
  if (existing) {
    return {
      kind: 'update',
      id: existing.id,
      version: existing.version,
      patch,
      stage: stage.final,
      events: stage.events.map((e) => ({ stage: e.kind, date: e.date })),
      // the form's edit has no detail; the import adds where the row came from, and the stage events it applied
      detail: {
        importBatchId: ctx.batchId,
        row: row.row,
        ...(stage.events.length > 0 ? { events: stage.events } : {}),
      },
    };
  }
  const initial = stage.initial!;
  return {
    kind: 'create',
    fields: {
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
    },
    stage: stage.final,
    events: [{ kind: initial.stage, date: initial.date }, ...stage.events].map((e) => ({
      stage: e.kind,
      date: e.date,
    })),
    detail: { importBatchId: ctx.batchId, row: row.row },
  };
}
