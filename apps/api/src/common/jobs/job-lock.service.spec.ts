import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

import { JobLockService } from './job-lock.service';

/** A fake transaction: answers the lock and the job_run insert as told, records every statement. */
function fakeDataSource(answers: { locked: boolean; inserted: boolean }) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const manager = {
    query: jest.fn(async (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      if (sql.includes('pg_try_advisory_xact_lock')) return [{ locked: answers.locked }];
      if (sql.startsWith('INSERT INTO job_run')) return answers.inserted ? [{ id: 41 }] : [];
      return [[], 1];
    }),
  } as unknown as EntityManager;
  const dataSource = {
    transaction: jest.fn(async (work: (m: EntityManager) => Promise<unknown>) => work(manager)),
  } as unknown as DataSource;
  return { dataSource, manager, statements };
}

describe(JobLockService.name, () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('should take the transaction-scoped lock on (job, plan:period), insert the run, work, then finish it', async () => {
    const { dataSource, manager, statements } = fakeDataSource({ locked: true, inserted: true });
    const sut = new JobLockService(dataSource);
    const work = jest.fn(async (m: EntityManager) => {
      expect(m).toBe(manager); // the work runs in the job's own transaction
      return { created: 5 };
    });

    const outcome = await sut.runOnce('reports.open-month', 3, '2026-11', work);

    expect(outcome).toEqual({ status: 'done', result: { created: 5 } });
    expect(statements.map((s) => s.sql.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2))',
      'INSERT INTO job_run',
      'UPDATE job_run SET',
    ]);
    expect(statements[0]!.params).toEqual(['reports.open-month', '3:2026-11']);
    expect(statements[1]!.params.slice(0, 3)).toEqual(['reports.open-month', 3, '2026-11']);
    expect(statements[2]!.params).toEqual([41, JSON.stringify({ created: 5 })]);
    expect(statements.some((s) => /pg_advisory_lock|pg_try_advisory_lock\(/.test(s.sql))).toBe(false);
  });

  it('should skip without touching job_run when another replica holds the lock', async () => {
    const { dataSource, statements } = fakeDataSource({ locked: false, inserted: true });
    const work = jest.fn();
    const outcome = await new JobLockService(dataSource).runOnce('reports.remind', 3, '2026-11', work);
    expect(outcome).toEqual({ status: 'skipped', reason: 'locked' });
    expect(work).not.toHaveBeenCalled();
    expect(statements).toHaveLength(1);
  });

  it('should skip the work when a run of the same (job, plan, period) committed before', async () => {
    const { dataSource, statements } = fakeDataSource({ locked: true, inserted: false });
    const work = jest.fn();
    const outcome = await new JobLockService(dataSource).runOnce('reports.remind', 3, '2026-11', work);
    expect(outcome).toEqual({ status: 'skipped', reason: 'done-before' });
    expect(work).not.toHaveBeenCalled();
    expect(statements.some((s) => s.sql.startsWith('UPDATE'))).toBe(false);
  });

  it('should let a failing work throw out of the transaction (which rolls the job_run row back) unfinished', async () => {
    const { dataSource, statements } = fakeDataSource({ locked: true, inserted: true });
    const sut = new JobLockService(dataSource);
    await expect(
      sut.runOnce('reports.mark-late', 3, '2026-11', async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(statements.some((s) => s.sql.startsWith('UPDATE'))).toBe(false);
  });

  describe('runForPlans', () => {
    const plans = [{ id: 1 }, { id: 2 }, { id: 3 }];

    it('should skip plans not due, isolate a failing plan, and push only after a commit', async () => {
      const { dataSource } = fakeDataSource({ locked: true, inserted: true });
      const sut = new JobLockService(dataSource);
      const afterCommit = jest.fn(async () => {
        throw new Error('webhook down'); // never turns a committed run into a failure
      });

      const results = await sut.runForPlans('reports.remind', '2026-11', plans, {
        isDue: (plan) => plan.id !== 1,
        work: async (plan) => {
          if (plan.id === 2) throw new Error('plan 2 is broken');
          return { notified: plan.id };
        },
        afterCommit,
      });

      expect(results).toEqual([
        { job: 'reports.remind', planId: 1, period: '2026-11', status: 'not-due' },
        { job: 'reports.remind', planId: 2, period: '2026-11', status: 'failed', reason: 'plan 2 is broken' },
        { job: 'reports.remind', planId: 3, period: '2026-11', status: 'done', result: { notified: 3 } },
      ]);
      expect(afterCommit).toHaveBeenCalledTimes(1);
      expect(afterCommit).toHaveBeenCalledWith({ id: 3 }, { notified: 3 });
    });

    it('should report skipped plans without running their after-commit step', async () => {
      const { dataSource } = fakeDataSource({ locked: true, inserted: false });
      const afterCommit = jest.fn(async () => undefined);
      const results = await new JobLockService(dataSource).runForPlans('reports.remind', '2026-11', plans, {
        isDue: () => true,
        work: async () => ({}),
        afterCommit,
      });
      expect(results.map((r) => [r.status, r.reason])).toEqual([
        ['skipped', 'done-before'],
        ['skipped', 'done-before'],
        ['skipped', 'done-before'],
      ]);
      expect(afterCommit).not.toHaveBeenCalled();
    });
  });
});
