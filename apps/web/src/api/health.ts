import type { HealthResponse, HealthStatus } from '@pacer/shared';

import { ApiError, ClientErrorCode, clientMessages, request } from './http';

const HEALTH_STATUSES: readonly HealthStatus[] = ['ok', 'error', 'shutting_down'];

export function isHealthResponse(value: unknown): value is HealthResponse {
  if (typeof value !== 'object' || value === null) return false;
  return HEALTH_STATUSES.includes((value as { status?: unknown }).status as HealthStatus);
}

/**
 * `GET /api/health/ready`: database reachable and migrated.
 * A failing check answers 503 with the same report, which is a result to show, not a transport error.
 */
export async function fetchHealthReady(signal?: AbortSignal): Promise<HealthResponse> {
  const body = await request<unknown>('/health/ready', {
    base: 'raw',
    auth: false,
    acceptStatus: [503],
    signal,
  });
  if (!isHealthResponse(body)) {
    throw new ApiError({
      status: 200,
      code: ClientErrorCode.InvalidResponse,
      ...clientMessages('errors.invalidResponse'),
    });
  }
  return body;
}

export interface HealthCheckRow {
  name: string;
  isUp: boolean;
  /** The check's own message when it failed (e.g. the database error). */
  message: string | null;
}

/** One row per check, failed ones included, from the terminus-style report. */
export function healthCheckRows(report: HealthResponse): HealthCheckRow[] {
  // `details` lists every check; `error` repeats the failed ones, so it goes last to keep their messages.
  const merged = { ...report.details, ...report.info, ...report.error };
  return Object.entries(merged).map(([name, check]) => ({
    name,
    isUp: check.status === 'up',
    message: typeof check.message === 'string' ? check.message : null,
  }));
}
