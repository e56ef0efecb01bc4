import { randomUUID } from 'node:crypto';

import { HttpException, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, type ImportJob } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { importJobRunning, JOB_INTERRUPTED } from './excel.errors';
import { ImportJobsRepository, type ImportJobRow } from './import-jobs.repository';
import { ImportsService } from './imports.service';

/** A running job whose phase is still `queued` this long without its lock is taken for dead (it never started). */
const QUEUED_GRACE_MS = 10_000;

/**
 * An import's commit as a background job (issue 11 §3): `start` answers at once (202) and the commit runs in this
 * process, in ONE transaction as the synchronous commit does, with its phase and rows done written beside it. A job
 * whose process died is found by its liveness lock (free while the row still says running): it failed, and its
 * transaction rolled back, so nothing of it was written.
 */
@Injectable()
export class ImportJobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportJobsService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly imports: ImportsService,
    private readonly jobs: ImportJobsRepository,
  ) {}

  async start(actor: Actor, batchId: string): Promise<ImportJob> {
    const batch = await this.imports.assertCommittable(actor, batchId);
    const row = {
      id: randomUUID(),
      batchId: batch.id,
      planId: batch.planId,
      kind: batch.kind,
      rowsTotal: batch.summary.created + batch.summary.updated,
      createdBy: actor.principal!.userId,
    };
    let job = await this.jobs.insert(row);
    if (!job) {
      const other = await this.jobs.findRunning(batch.planId);
      if (other && !(await this.reapIfDead(other))) throw importJobRunning(other.id);
      job = await this.jobs.insert(row);
      if (!job) throw importJobRunning(other?.id ?? '');
    }
    const run = this.run(actor, job).finally(() => this.running.delete(run));
    this.running.add(run);
    return toJob(job);
  }

  /**
   * The batch's latest job as its reader sees it (a GET writes nothing, SES-4): a running job whose process died is
   * answered as failed (interrupted); the row itself is marked when the next job of the plan starts.
   */
  async latestOf(actor: Actor, batchId: string): Promise<ImportJob | null> {
    const job = await this.jobs.findLatestOfBatch(batchId, actor.principal!.userId);
    if (!job) return null;
    if (job.status === 'running' && (await this.isDead(job))) {
      // the job may have committed between the read and the lock check (its lock goes with its commit): read again
      const again = await this.jobs.findLatestOfBatch(batchId, actor.principal!.userId);
      if (again && again.id === job.id && again.status !== 'running') return toJob(again);
      return toJob({ ...job, status: 'failed', error: { ...JOB_INTERRUPTED }, finishedAt: new Date() });
    }
    return toJob(job);
  }

  /** Lets running jobs finish before the process closes (they are one transaction each: they finish or roll back). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(actor: Actor, job: ImportJobRow): Promise<void> {
    let total = job.rowsTotal;
    try {
      await this.imports.commit(actor, job.batchId, {
        begin: async (manager) => {
          await this.jobs.holdLiveness(manager, job.id);
          await this.jobs.progress(job.id, 'checking');
        },
        writing: (n) => {
          total = n;
          return this.jobs.progress(job.id, 'writing', 0, n);
        },
        // after the last records: the audit rows and the year-to-date summary
        progress: (done) => this.jobs.progress(job.id, done >= total ? 'finishing' : 'writing', done),
        end: (manager, answer) => this.jobs.succeed(manager, job.id, answer),
      });
    } catch (error) {
      const answer = errorAnswer(error);
      if (answer.code === ErrorCode.Internal) this.logger.error(error);
      await this.jobs.fail(job.id, answer, false).catch((e: unknown) => this.logger.error(e));
    }
  }

  /** A running job nobody holds the lock of (its process died) is marked failed; answers whether it was. */
  private async reapIfDead(job: ImportJobRow): Promise<boolean> {
    if (!(await this.isDead(job))) return false;
    return this.jobs.fail(job.id, { ...JOB_INTERRUPTED }, true);
  }

  private async isDead(job: ImportJobRow): Promise<boolean> {
    if (job.phase === 'queued' && Date.now() - new Date(job.createdAt).getTime() < QUEUED_GRACE_MS)
      return false;
    return this.jobs.isLockFree(job.id);
  }
}

function errorAnswer(error: unknown): NonNullable<ImportJobRow['error']> {
  if (error instanceof ApiException) {
    return {
      code: error.code,
      message: error.messageZh,
      messageEn: error.messageEn,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof HttpException) {
    return { code: ErrorCode.Internal, message: error.message, messageEn: error.message };
  }
  return {
    code: ErrorCode.Internal,
    message: '服务器内部错误，未写入任何数据',
    messageEn: 'Internal error: nothing was written',
  };
}

function toJob(job: ImportJobRow): ImportJob {
  const progress =
    job.status !== 'running'
      ? 100
      : job.rowsTotal > 0
        ? Math.min(99, Math.floor((job.rowsDone / job.rowsTotal) * 100))
        : 0;
  return {
    id: job.id,
    batchId: job.batchId,
    planId: job.planId,
    kind: job.kind,
    status: job.status,
    phase: job.phase,
    rowsDone: job.rowsDone,
    rowsTotal: job.rowsTotal,
    progress,
    result: job.result,
    error: job.error,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
}
