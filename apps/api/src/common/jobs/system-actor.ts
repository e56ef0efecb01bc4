import type { Actor } from '../auth/principal';

/** The name audit rows of scheduled jobs carry. */
export const SYSTEM_USERNAME = 'system';

/** Who a scheduled job acts as: no principal, no address; the request id names the job and its period. */
export function systemActor(job: string, period: string): Actor {
  return {
    principal: null,
    ip: null,
    requestId: `job:${job}:${period}`,
    userAgent: null,
    systemName: SYSTEM_USERNAME,
  };
}

/**
 * The instant a cron handler was given: cron calls its tick with its own onComplete callback as the argument, so
 * anything but a Date means "now".
 */
export function tickInstant(arg: unknown): Date | undefined {
  return arg instanceof Date ? arg : undefined;
}
