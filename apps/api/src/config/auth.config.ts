import { type Env, parseEnv } from './env.schema';

export interface AuthConfig {
  jwtSecret?: string;
  accessTtlSeconds: number;
  idleMinutes: number;
  maxSessionHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** Failed logins from one address within `loginIpWindowMinutes` before it must wait; 0 = no limit. */
  loginIpAttempts: number;
  loginIpWindowMinutes: number;
  passwordHistory: number;
  /** A password older than this many days must be changed at the next login; 0 = never expires. */
  passwordMaxAgeDays: number;
  /** AUTH-4: admin, sysadmin and auditor must have a TOTP second factor. */
  mfaRequired: boolean;
  mfaKey?: string;
  /** Seconds the second login step may take. */
  mfaChallengeSeconds: number;
  /** The least zxcvbn score (0–4) of a new password (AUTH-2). */
  passwordMinScore: number;
}

export function authConfigFrom(env: Env): AuthConfig {
  return {
    jwtSecret: env.PACER_JWT_SECRET,
    accessTtlSeconds: env.PACER_ACCESS_TTL,
    idleMinutes: env.PACER_SESSION_IDLE_MINUTES,
    maxSessionHours: env.PACER_SESSION_MAX_HOURS,
    lockoutAttempts: env.PACER_LOCKOUT_ATTEMPTS,
    lockoutMinutes: env.PACER_LOCKOUT_MINUTES,
    loginIpAttempts: env.PACER_LOGIN_IP_ATTEMPTS,
    loginIpWindowMinutes: env.PACER_LOGIN_IP_WINDOW_MINUTES,
    passwordHistory: 5,
    passwordMaxAgeDays: env.PACER_PASSWORD_MAX_AGE_DAYS,
    mfaRequired: env.PACER_MFA_REQUIRED,
    mfaKey: env.PACER_MFA_KEY,
    mfaChallengeSeconds: 300,
    passwordMinScore: env.PACER_PASSWORD_MIN_SCORE,
  };
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export function loadAuthConfig(): AuthConfig {
  return authConfigFrom(parseEnv(process.env));
}
