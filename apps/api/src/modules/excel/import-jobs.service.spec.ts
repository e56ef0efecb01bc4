import type { Actor } from '../../common/auth/principal';
import type { ImportJobRow, ImportJobsRepository } from './import-jobs.repository';
import { ImportJobsService } from './import-jobs.service';
import type { ImportsService } from './imports.service';

// The job's liveness lock goes with its commit: a reader that saw the job running and then finds the lock free must
// read the row again before it calls the job interrupted (the full e2e run under load caught the race).
describe('ImportJobsService.latestOf', () => {
  const actor = { principal: { userId: 7 } } as unknown as Actor;
  const running: ImportJobRow = {
    id: 'job-1',
    batchId: 'batch-1',
    planId: 1,
    kind: 'projects',
    status: 'running',
    phase: 'finishing',
    rowsDone: 61,
    rowsTotal: 61,
    result: null,
    error: null,
    createdBy: 7,
    createdAt: new Date('2026-12-07T08:00:00Z'),
    finishedAt: null,
  } as ImportJobRow;

  function service(rows: ImportJobRow[]): ImportJobsService {
    const jobs = {
      findLatestOfBatch: jest.fn(async () => rows.shift() ?? null),
      isLockFree: jest.fn(async () => true),
    } as unknown as ImportJobsRepository;
    return new ImportJobsService({} as ImportsService, jobs);
  }

  it('should answer the committed job when it finished between the read and the lock check', async () => {
    const done = { ...running, status: 'succeeded', phase: 'done', finishedAt: new Date() } as ImportJobRow;
    const job = await service([running, done]).latestOf(actor, 'batch-1');
    expect(job).toMatchObject({ status: 'succeeded', phase: 'done', error: null });
  });

  it('should answer a job still running with no lock holder as interrupted', async () => {
    const job = await service([running, running]).latestOf(actor, 'batch-1');
    expect(job).toMatchObject({ status: 'failed', error: { code: 'IMPORT_JOB_INTERRUPTED' } });
  });
});
