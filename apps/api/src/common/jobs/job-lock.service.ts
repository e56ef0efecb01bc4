import { hostname } from 'node:os';

import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../database/query-result';

/** What one plan's run of a job came to, for logs and tests. */
export interface PlanJobResult<T = unknown> {
  job: string;
  planId: number;
  period: string;
  status: 'done' | 'skipped' | 'not-due' | 'failed';
  reason?: string;
  result?: T;
}

export interface PlanJob<P extends { id: number }, T> {
  /** Whether the plan's job is due at all at this time (else nothing is recorded, a later tick will see it). */
  isDue(plan: P): boolean;
  /** The work, inside the job's transaction. */
  work(plan: P, manager: EntityManager): Promise<T>;
  /** After the commit, for best-effort pushes (webhooks): never undoes the work. */
  afterCommit?(plan: P, result: T): Promise<void>;
}

export type JobOutcome<T> =
  | { status: 'done'; result: T }
  /** locked: another replica is running it right now; done-before: a committed job_run row exists. */
  | { status: 'skipped'; reason: 'locked' | 'done-before' };

/**
 * Runs a scheduled job's work exactly once per (job, plan, period) across replicas and restarts (REL-4).
 *
 * One transaction holds everything:
 * 1. `pg_try_advisory_xact_lock(job, plan:period)`: false means another replica is on it now → skip at once;
 * 2. `INSERT INTO job_run … ON CONFLICT DO NOTHING RETURNING id`: no row means a run already committed → skip;
 * 3. the work, through this transaction's manager (every write of it, audit rows included);
 * 4. `finished_at` and the result on the job_run row; commit.
 * The job_run row and the work's effects commit together or not at all: a crash or an error rolls both back, so
 * the next run (another replica, a restart, tomorrow's tick) does the work instead of finding it half done.
 * The lock is transaction-scoped and released by the commit; a session lock through the pool could leak (STACK.md).
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);
  private readonly runner = `${hostname()}:${process.pid}`;

  constructor(private readonly dataSource: DataSource) {}

  async runOnce<T>(
    job: string,
    planId: number,
    period: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<JobOutcome<T>> {
    return this.dataSource.transaction(async (manager) => {
      // two int4 keys: a space apart from the single-bigint locks of migrations and the audit chain
      const [{ locked }] = await manager.query(
        'SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked',
        [job, `${planId}:${period}`],
      );
      if (!locked) {
        this.logger.log(`${job} ${planId}:${period} runs in another process; skipped`);
        return { status: 'skipped', reason: 'locked' } as const;
      }
      const inserted = returnedRows<{ id: number }>(
        await manager.query(
          `INSERT INTO job_run (job, plan_id, period, started_at, runner) VALUES ($1, $2, $3, clock_timestamp(), $4)
           ON CONFLICT ON CONSTRAINT job_run_key DO NOTHING RETURNING id`,
          [job, planId, period, this.runner],
        ),
      );
      if (inserted.length === 0) return { status: 'skipped', reason: 'done-before' } as const;
      const result = await work(manager);
      await manager.query('UPDATE job_run SET finished_at = clock_timestamp(), result = $2 WHERE id = $1', [
        inserted[0]!.id,
        JSON.stringify(result ?? null),
      ]);
      this.logger.log(`${job} ${planId}:${period} done`);
      return { status: 'done', result } as const;
    });
  }

  /** runOnce for each due plan in turn; a plan whose work fails is logged and rolled back, the others go on. */
  async runForPlans<P extends { id: number }, T>(
    job: string,
    period: string,
    plans: P[],
    planJob: PlanJob<P, T>,
  ): Promise<Array<PlanJobResult<T>>> {
    const results: Array<PlanJobResult<T>> = [];
    for (const plan of plans) {
      const base = { job, planId: plan.id, period };
      if (!planJob.isDue(plan)) {
        results.push({ ...base, status: 'not-due' });
        continue;
      }
      try {
        const outcome = await this.runOnce(job, plan.id, period, (manager) => planJob.work(plan, manager));
        if (outcome.status === 'skipped') {
          results.push({ ...base, status: 'skipped', reason: outcome.reason });
          continue;
        }
        results.push({ ...base, status: 'done', result: outcome.result });
        await planJob
          .afterCommit?.(plan, outcome.result)
          .catch((error) => this.logger.error(`${job} ${plan.id}:${period} after commit: ${String(error)}`));
      } catch (error) {
        this.logger.error(`${job} ${plan.id}:${period} failed and was rolled back: ${String(error)}`);
        results.push({
          ...base,
          status: 'failed',
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return results;
  }
}
