import { Global, Module } from '@nestjs/common';

import { JOBS_CONFIG, loadJobsConfig } from '../../config/jobs.config';
import { JobLockService } from './job-lock.service';
import { ScheduledPlansRepository } from './scheduled-plans.repository';

/** What every module's cron needs: the exactly-once runner, the plans to run for, the jobs configuration. */
@Global()
@Module({
  providers: [JobLockService, ScheduledPlansRepository, { provide: JOBS_CONFIG, useFactory: loadJobsConfig }],
  exports: [JobLockService, ScheduledPlansRepository, JOBS_CONFIG],
})
export class JobsModule {}
