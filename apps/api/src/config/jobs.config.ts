import { type Env, parseEnv } from './env.schema';

/** Scheduled jobs and notification delivery. */
export interface JobsConfig {
  /** Register the crons in this process (PACER_JOBS). */
  enabled: boolean;
  /** Days before the report deadline when units that have not submitted are reminded. */
  remindDays: number;
  webhookUrl: string | null;
  webhookTimeoutMs: number;
}

export function jobsConfigFrom(env: Env): JobsConfig {
  return {
    enabled: env.PACER_JOBS,
    remindDays: env.PACER_REMIND_DAYS,
    webhookUrl: env.PACER_WEBHOOK_URL ?? null,
    webhookTimeoutMs: env.PACER_WEBHOOK_TIMEOUT_MS,
  };
}

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

export function loadJobsConfig(): JobsConfig {
  return jobsConfigFrom(parseEnv(process.env));
}
