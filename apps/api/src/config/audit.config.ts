import { parseEnv } from './env.schema';

export interface AuditConfig {
  /**
   * At most this many `auth.denied` events per user in any 60 seconds (AUD-1 without flooding the table). Counted in
   * the database under the chain's lock, so the limit holds across replicas.
   */
  deniedPerMinute: number;
}

export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

export function loadAuditConfig(): AuditConfig {
  return { deniedPerMinute: parseEnv(process.env).PACER_AUDIT_DENIED_PER_MINUTE };
}
