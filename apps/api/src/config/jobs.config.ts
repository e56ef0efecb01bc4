import { type Env, parseEnv } from './env.schema';

/** Scheduled jobs and notification delivery. */
export interface JobsConfig {
  /** Register the crons in this process (PACER_JOBS). */
  enabled: boolean;
  /** Days before the report deadline when units that have not submitted are reminded. */
  remindDays: number;
  webhookUrl: string | null;
  webhookTimeoutMs: number;
  /** Audit events older than this many days are purged daily (AUD-5); 0 = never. */
  auditRetentionDays: number;
}

export function jobsConfigFrom(env: Env): JobsConfig {
  return {
    enabled: env.PACER_JOBS,
    remindDays: env.PACER_REMIND_DAYS,
    webhookUrl: env.PACER_WEBHOOK_URL ?? null,
    webhookTimeoutMs: env.PACER_WEBHOOK_TIMEOUT_MS,
    auditRetentionDays: env.PACER_AUDIT_RETENTION_DAYS,
  };
}

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

export function loadJobsConfig(): JobsConfig {
  return jobsConfigFrom(parseEnv(process.env));
}
