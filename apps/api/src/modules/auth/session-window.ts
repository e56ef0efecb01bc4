import type { AuthConfig } from '../../config/auth.config';

/** What a refresh token records of its session's life (SES-1). */
export interface SessionTimes {
  familyStartedAt: Date | string;
  /** The last login or refresh of the family (the current token's row). */
  lastUsedAt: Date | string;
  expiresAt: Date | string;
}

/**
 * When a session ends unless it is used again: the earliest of the token's own expiry, the idle timeout after the
 * last use and the absolute lifetime after the login. The refresh refuses a token at or after this instant and the
 * session list leaves such a session out, so both apply SES-1 the same way.
 */
export function sessionEndsAt(times: SessionTimes, limits: Pick<AuthConfig, 'idleMinutes' | 'maxSessionHours'>): Date {
  return new Date(
    Math.min(
      new Date(times.expiresAt).getTime(),
      new Date(times.lastUsedAt).getTime() + limits.idleMinutes * 60_000,
      new Date(times.familyStartedAt).getTime() + limits.maxSessionHours * 3_600_000,
    ),
  );
}
