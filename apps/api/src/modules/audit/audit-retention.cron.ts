import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { BUSINESS_TIME_ZONE } from '@pacer/shared';

import { systemActor, tickInstant } from '../../common/jobs/system-actor';
import { JOBS_CONFIG, type JobsConfig } from '../../config/jobs.config';
import { AuditService } from './audit.service';

export const AUDIT_RETENTION_JOB = 'audit.retention';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The audit retention job (AUD-5): daily at 03:30 Asia/Shanghai, when PACER_AUDIT_RETENTION_DAYS is set (≥ 180),
 * events older than that are purged (AuditService.purgeBefore). Every replica ticks; the chain's lock orders them and
 * the later ones find nothing left to purge.
 */
@Injectable()
export class AuditRetentionCron {
  private readonly logger = new Logger(AuditRetentionCron.name);

  constructor(
    private readonly audit: AuditService,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
  ) {}

  @Cron('30 3 * * *', { name: AUDIT_RETENTION_JOB, timeZone: BUSINESS_TIME_ZONE, waitForCompletion: true })
  async purge(now?: Date): Promise<{ purged: number; throughId: string | null } | null> {
    const days = this.config.auditRetentionDays;
    if (days === 0) return null;
    const at = tickInstant(now) ?? new Date();
    const cutoff = new Date(at.getTime() - days * DAY_MS);
    const result = await this.audit.purgeBefore(systemActor(AUDIT_RETENTION_JOB, at.toISOString().slice(0, 10)), cutoff);
    if (result.purged > 0) {
      this.logger.log(`audit retention: ${result.purged} events before ${cutoff.toISOString()} purged`);
    }
    return result;
  }
}
