import { Injectable } from '@nestjs/common';
import type { ImportCommitResponse, ImportJobPhase, ImportJobStatus, ImportKind } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';

export interface ImportJobRow {
  id: string;
  batchId: string;
  planId: number;
  kind: ImportKind;
  status: ImportJobStatus;
  phase: ImportJobPhase;
  rowsDone: number;
  rowsTotal: number;
  result: ImportCommitResponse | null;
  error: { code: string; message: string; messageEn: string; details?: unknown[] } | null;
  createdBy: number;
  createdAt: Date;
  finishedAt: Date | null;
}

const JOB_COLUMNS = `j.id, j.batch_id AS "batchId", j.plan_id AS "planId", j.kind, j.status, j.phase,
  j.rows_done AS "rowsDone", j.rows_total AS "rowsTotal", j.result, j.error, j.created_by AS "createdBy",
  j.created_at AS "createdAt", j.finished_at AS "finishedAt"`;

/** The key of a job's liveness lock: held by its transaction, free once that transaction ended (or its process died). */
const JOB_LOCK = `hashtext('import-job:' || $1::text)`;

/**
 * SQL of import jobs: their rows (progress is written beside the job's transaction, on a pooled connection of its
 * own, so that readers see it) and the liveness lock the job's transaction holds.
 */
@Injectable()
export class ImportJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new running job; null when the plan has a running job already (the partial unique index). */
  async insert(job: {
    id: string;
    batchId: string;
    planId: number;
    kind: ImportKind;
    rowsTotal: number;
    createdBy: number;
  }): Promise<ImportJobRow | null> {
    const rows = await this.dataSource.query(
      `INSERT INTO import_job AS j (id, batch_id, plan_id, kind, rows_total, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (plan_id) WHERE status = 'running' DO NOTHING
       RETURNING ${JOB_COLUMNS}`,
      [job.id, job.batchId, job.planId, job.kind, job.rowsTotal, job.createdBy],
    );
    return rows[0] ?? null;
  }

  /** The batch's latest job, when the batch is the user's. */
  async findLatestOfBatch(batchId: string, userId: number): Promise<ImportJobRow | null> {
    const rows: ImportJobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM import_job j WHERE j.batch_id = $1 AND j.created_by = $2
        ORDER BY j.created_at DESC, j.id LIMIT 1`,
      [batchId, userId],
    );
    return rows[0] ?? null;
  }

  async findRunning(planId: number): Promise<ImportJobRow | null> {
    const rows: ImportJobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM import_job j WHERE j.plan_id = $1 AND j.status = 'running'`,
      [planId],
    );
    return rows[0] ?? null;
  }

  /** Taken first in the job's transaction: while it is held the job is alive. */
  async holdLiveness(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${JOB_LOCK})`, [id]);
  }

  /** Whether no transaction holds the job's liveness lock (read off pg_locks: nothing is taken or written). */
  async isLockFree(id: string): Promise<boolean> {
    // a bigint key is held as classid = its high 32 bits, objid = its low 32 bits, objsubid = 1
    const [row] = await this.dataSource.query(
      `WITH k AS (SELECT ${JOB_LOCK}::bigint AS k)
       SELECT NOT EXISTS (
         SELECT 1 FROM pg_locks l, k
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid = oid((k.k >> 32) & 4294967295) AND l.objid = oid(k.k & 4294967295)
       ) AS free`,
      [id],
    );
    return row.free === true;
  }

  /** Progress, beside the job's transaction (a running job only). */
  async progress(id: string, phase: ImportJobPhase, rowsDone?: number, rowsTotal?: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET phase = $2, rows_done = coalesce($3, rows_done), rows_total = coalesce($4, rows_total),
              updated_at = now()
        WHERE id = $1 AND status = 'running'`,
      [id, phase, rowsDone ?? null, rowsTotal ?? null],
    );
  }

  /** Success, inside the job's own transaction: the job is done exactly when its writes are. */
  async succeed(manager: EntityManager, id: string, result: ImportCommitResponse): Promise<void> {
    await manager.query(
      `UPDATE import_job SET status = 'succeeded', phase = 'done', rows_done = rows_total, result = $2::jsonb,
              updated_at = now(), finished_at = now()
        WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  /**
   * Failure, after the job's transaction rolled back (or its process died): `onlyIfRunning` for a reader that found
   * the job dead, so that the job's own answer (written unconditionally) wins.
   */
  async fail(
    id: string,
    error: NonNullable<ImportJobRow['error']>,
    onlyIfRunning: boolean,
  ): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE import_job SET status = 'failed', error = $2::jsonb, updated_at = now(), finished_at = coalesce(finished_at, now())
        WHERE id = $1 AND status <> 'succeeded' ${onlyIfRunning ? "AND status = 'running'" : ''}
        RETURNING id`,
      [id, JSON.stringify(error)],
    );
    return returnedRows(result).length > 0;
  }
}
