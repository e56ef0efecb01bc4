import { parseEnv } from './env.schema';
import { authConfigFrom } from './auth.config';

export interface ServiceAccountsConfig {
  /** The longest expiry of a new service account, in days. */
  maxDays: number;
  /** Reads are audited aggregated: one event per account per this many minutes. */
  readAuditMinutes: number;
  /** AUTH-3's per-address limit, which bad API keys count towards like failed logins. */
  loginIpAttempts: number;
  loginIpWindowMinutes: number;
}

export const SERVICE_ACCOUNTS_CONFIG = Symbol('SERVICE_ACCOUNTS_CONFIG');

export function loadServiceAccountsConfig(): ServiceAccountsConfig {
  const env = parseEnv(process.env);
  const auth = authConfigFrom(env);
  return {
    maxDays: env.PACER_SERVICE_ACCOUNT_MAX_DAYS,
    readAuditMinutes: env.PACER_SERVICE_ACCOUNT_READ_AUDIT_MINUTES,
    loginIpAttempts: auth.loginIpAttempts,
    loginIpWindowMinutes: auth.loginIpWindowMinutes,
  };
}
