import { createHash, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  businessDate,
  type ImportCommitResponse,
  ImportErrorCode,
  type ImportKind,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportProblem,
  type ImportSummary,
  Permission,
  type PlanRow,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { PlansService } from '../plans/plans.service';
import { EXCEL_LIMITS, type ExcelLimits } from './excel.config';
import {
  commitForbidden,
  hasProblems,
  MAX_PROBLEMS,
  noFile,
  notXlsx,
  ProblemsException,
} from './excel.errors';
import { ExcelRepository, type ImportBatchRow } from './excel.repository';
import type { ImportContext, ImportKindHandler } from './parsers/import-kind';
import { ActivitiesImport } from './parsers/activities.import';
import { ProjectsImport } from './parsers/projects.import';
import { ReportsImport } from './parsers/reports.import';
import { templateMeta, type WorkbookCells } from './parsers/sheet-reader';
import { readWorkbookStreamed } from './parsers/streamed-workbook';
import { LeadsImport } from './parsers/leads.import';
import { TargetsImport } from './parsers/targets.import';
import { requireMonth } from './templates.service';
import { inspectXlsx } from './xlsx-guard';

/** The permission each kind's import needs (the upload routes check it; the commit checks it again). */
export const IMPORT_PERMISSION: Record<ImportKind, Permission> = {
  targets: Permission.TargetsWrite,
  reports: Permission.ReportsWrite,
  projects: Permission.ProjectsWrite,
  leads: Permission.ProjectsWrite,
  activities: Permission.ProjectsWrite,
};

const PREVIEW_ROWS = 200;
const ALREADY_IMPORTED = '该文件已导入过，未发现变化';
const ALREADY_IMPORTED_EN = 'This file was already imported: nothing changed';

/** What a job hears of its commit: its transaction begins and ends (with the answer), rows are written. */
export interface CommitHooks {
  begin(manager: EntityManager): Promise<void>;
  /** The records to write are known (the rows were checked again). */
  writing(total: number): Promise<void>;
  /** Records written so far. */
  progress(done: number): Promise<void>;
  end(manager: EntityManager, answer: ImportCommitResponse): Promise<void>;
}

export interface UploadedSheet {
  originalname: string;
  buffer: Buffer;
}

/** What summary jsonb holds besides the counts: the first preview rows, for GET /imports/:id. */
type StoredSummary = ImportSummary & { preview?: ImportPreviewRow[] };

/**
 * Imports in two steps (REL-3): the upload parses and checks the whole sheet and stores a preview batch; the commit
 * checks the rows again against the current data and writes them all in ONE transaction, or nothing.
 */
@Injectable()
export class ImportsService {
  private readonly handlers: Record<ImportKind, ImportKindHandler<unknown, unknown>>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly excel: ExcelRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(EXCEL_LIMITS) private readonly limits: ExcelLimits,
    targets: TargetsImport,
    reports: ReportsImport,
    projects: ProjectsImport,
    leads: LeadsImport,
    activities: ActivitiesImport,
  ) {
    this.handlers = { targets, reports, projects, leads, activities } as unknown as Record<
      ImportKind,
      ImportKindHandler<unknown, unknown>
    >;
  }

  async upload(
    actor: Actor,
    kind: ImportKind,
    file: UploadedSheet | undefined,
    planId: number,
    month?: string,
  ): Promise<ImportPreview> {
    if (!file || file.buffer.length === 0) {
      throw noFile();
    }
    const plan = await this.visiblePlan(actor, planId);
    const m = kind === 'reports' ? requireMonth(plan, month) : null;
    // hostile files are refused here, before any spreadsheet parser sees them (nothing is stored)
    inspectXlsx(file.buffer, file.originalname, this.limits);
    // read as a stream, cell values only (issue 11 §3: not exceljs's object per cell), UTF-8 decoded across chunks
    let workbook: WorkbookCells;
    try {
      workbook = await readWorkbookStreamed(file.buffer, { maxEntries: this.limits.maxEntries });
    } catch (error) {
      if (error instanceof ApiException) throw error;
      throw notXlsx('unreadable');
    }
    const ctx = await this.context(actor, plan, m);
    const handler = this.handlers[kind];
    const parsed = handler.parse(ctx, workbook);
    const problems = [...templateProblems(workbook, kind, plan, m, handler.sheetName), ...parsed.problems];
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const isDuplicate = await this.excel.isCommittedBefore(kind, plan.id, m, sha256);
    const batch = await this.dataSource.transaction(async (manager) => {
      const check = await handler.check(manager, ctx, parsed.rows);
      const all = [...problems, ...check.problems];
      return this.excel.insertBatch(manager, {
        id: randomUUID(),
        kind,
        planId: plan.id,
        month: m,
        fileName: file.originalname.slice(0, 255) || 'upload.xlsx',
        contentSha256: sha256,
        rows: check.rows ?? parsed.rows,
        problems: all.slice(0, MAX_PROBLEMS),
        summary: { ...check.summary, preview: check.preview.slice(0, PREVIEW_ROWS) } as StoredSummary,
        createdBy: actor.principal!.userId,
      });
    });
    return toPreview(batch, isDuplicate);
  }

  async get(actor: Actor, id: string): Promise<ImportPreview> {
    const batch = await this.findBatch(actor, id);
    return toPreview(
      batch,
      await this.excel.isCommittedBefore(batch.kind, batch.planId, batch.month, batch.contentSha256),
    );
  }

  /** The checks a commit makes before it starts (a job answers them at once): found, allowed, without problems. */
  async assertCommittable(actor: Actor, id: string): Promise<ImportBatchRow> {
    const batch = await this.findBatch(actor, id);
    if (!actor.principal!.permissions.has(IMPORT_PERMISSION[batch.kind])) throw commitForbidden();
    if (batch.status === 'failed' || batch.problems.length > 0) throw hasProblems(batch.problems);
    return batch;
  }

  /**
   * Commits a preview batch in ONE transaction (all rows or none). `hooks` are a job's: its liveness lock first in the
   * transaction, its progress beside it, its success inside it.
   */
  async commit(actor: Actor, id: string, hooks?: CommitHooks): Promise<ImportCommitResponse> {
    await this.findBatch(actor, id);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await hooks?.begin(manager);
        const answer = await this.commitIn(manager, actor, id, hooks);
        await hooks?.end(manager, answer);
        return answer;
      });
    } catch (error) {
      if (error instanceof ApiException && error.code === ImportErrorCode.HasProblems && error.details) {
        await this.excel.markFailed(id, (error as ProblemsException).problems);
      }
      throw error;
    }
  }

  private async commitIn(
    manager: EntityManager,
    actor: Actor,
    id: string,
    hooks: CommitHooks | undefined,
  ): Promise<ImportCommitResponse> {
    const principal = actor.principal!;
    const batch = (await this.excel.findBatch(id, principal.userId, manager, true))!;
    if (!principal.permissions.has(IMPORT_PERMISSION[batch.kind])) {
      throw commitForbidden();
    }
    if (batch.status === 'committed') {
      return commitAnswer(batch, false, '该批次已提交过，未重复写入', batch.committedAt!);
    }
    if (batch.status === 'failed' || batch.problems.length > 0) throw hasProblems(batch.problems);
    // imports of one plan and kind queue up, so two uploads of the same new rows cannot both create them
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `import:${batch.kind}:${batch.planId}`,
    ]);
    if (
      await this.excel.isCommittedBefore(batch.kind, batch.planId, batch.month, batch.contentSha256, manager)
    ) {
      const unchanged = {
        rows: batch.summary.rows,
        created: 0,
        updated: 0,
        unchanged: batch.summary.rows,
      };
      const at = await this.excel.markCommitted(manager, batch.id, unchanged);
      return commitAnswer({ ...batch, summary: unchanged }, false, ALREADY_IMPORTED, at);
    }
    return this.write(manager, actor, batch, hooks);
  }

  private async write(
    manager: EntityManager,
    actor: Actor,
    batch: ImportBatchRow,
    hooks?: CommitHooks,
  ): Promise<ImportCommitResponse> {
    const plan = await this.visiblePlan(actor, batch.planId, manager);
    const ctx: ImportContext = {
      ...(await this.context(actor, plan, batch.month, manager)),
      batchId: batch.id,
      ...(hooks ? { onProgress: hooks.progress } : {}),
    };
    const handler = this.handlers[batch.kind];
    const check = await handler.check(manager, ctx, batch.rows);
    if (check.problems.length > 0) throw hasProblems(check.problems);
    const isWritten = check.summary.created + check.summary.updated > 0;
    if (isWritten) {
      await hooks?.writing(check.summary.created + check.summary.updated);
      await handler.write(manager, ctx, check.work);
      await this.audit.record(manager, actor, {
        action: 'import.commit',
        objectType: 'import_batch',
        objectId: batch.id,
        detail: {
          kind: batch.kind,
          planId: batch.planId,
          month: batch.month,
          fileName: batch.fileName,
          contentSha256: batch.contentSha256,
          ...check.summary,
        },
      });
    }
    const at = await this.excel.markCommitted(manager, batch.id, check.summary);
    const s = check.summary;
    return commitAnswer(
      { ...batch, summary: s },
      isWritten,
      isWritten
        ? `导入成功：新增 ${s.created} 条，修改 ${s.updated} 条，未变 ${s.unchanged} 条`
        : '未发现变化，未写入任何数据',
      at,
    );
  }

  private async findBatch(actor: Actor, id: string): Promise<ImportBatchRow> {
    const batch = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)
      ? await this.excel.findBatch(id, actor.principal!.userId)
      : null;
    if (!batch) throw ApiException.notFound('导入批次', 'Import batch');
    return batch;
  }

  private async visiblePlan(actor: Actor, planId: number, manager?: EntityManager): Promise<PlanRow> {
    const plan = await this.plans.findVisible(planId, scopeParam(actor.principal), manager);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    return plan;
  }

  private async context(
    actor: Actor,
    plan: PlanRow,
    month: string | null,
    manager?: EntityManager,
  ): Promise<ImportContext> {
    const [units, indicators] = [
      await this.excel.listTreeUnits(plan.rootUnitId, manager),
      await this.plans.listIndicators(plan.id, manager),
    ];
    return {
      actor,
      principal: actor.principal!,
      plan,
      month,
      today: businessDate(this.clock.now()),
      units,
      indicators,
    };
  }
}

/** The template's hidden meta keys must name this kind, plan and month (a file of another month is refused). */
function templateProblems(
  workbook: WorkbookCells,
  kind: ImportKind,
  plan: PlanRow,
  month: string | null,
  sheet: string,
): ImportProblem[] {
  const meta = templateMeta(workbook);
  const problem = (zh: string, en: string): ImportProblem => ({
    sheet,
    row: 1,
    column: null,
    field: null,
    message: zh,
    messageEn: en,
  });
  const out: ImportProblem[] = [];
  if (meta.has('模板') && meta.get('模板') !== kind)
    out.push(
      problem(
        '这不是本类数据的导入模板，请下载对应模板',
        `the template is for ${meta.get('模板')}, not ${kind}`,
      ),
    );
  if (meta.has('计划ID') && meta.get('计划ID') !== String(plan.id)) {
    out.push(
      problem(
        `模板属于另一个计划（${meta.get('计划') ?? meta.get('计划ID')}），请下载本计划的模板`,
        'the template belongs to another plan',
      ),
    );
  }
  if (month && meta.has('月份') && meta.get('月份') !== month) {
    out.push(
      problem(
        `模板月份为 ${meta.get('月份')}，与所选月份 ${month} 不一致`,
        `the template is for ${meta.get('月份')}, not ${month}`,
      ),
    );
  }
  return out;
}

function toPreview(batch: ImportBatchRow, isDuplicate: boolean): ImportPreview {
  const { preview, ...summary } = batch.summary as StoredSummary;
  const count = batch.problems.length;
  const message =
    batch.status === 'committed'
      ? '已导入'
      : count > 0
        ? `发现 ${count} 处问题，请修改后重新上传（未写入任何数据）`
        : isDuplicate
          ? ALREADY_IMPORTED
          : `可以导入：新增 ${summary.created} 条，修改 ${summary.updated} 条，未变 ${summary.unchanged} 条`;
  return {
    id: batch.id,
    kind: batch.kind,
    planId: batch.planId,
    month: batch.month,
    fileName: batch.fileName,
    contentSha256: batch.contentSha256,
    status: batch.status,
    problems: batch.problems,
    summary,
    rows: preview ?? [],
    isDuplicateOfCommitted: isDuplicate,
    progress: 100,
    job: null,
    message,
    createdAt: new Date(batch.createdAt).toISOString(),
    committedAt: batch.committedAt ? new Date(batch.committedAt).toISOString() : null,
  };
}

function commitAnswer(
  batch: ImportBatchRow,
  isWritten: boolean,
  message: string,
  at: Date,
): ImportCommitResponse {
  const { preview: _preview, ...summary } = batch.summary as StoredSummary;
  return {
    id: batch.id,
    status: 'committed',
    isWritten,
    summary,
    message,
    committedAt: new Date(at).toISOString(),
  };
}

export { ALREADY_IMPORTED, ALREADY_IMPORTED_EN };
