import * as path from 'node:path';

import { isIP } from 'node:net';

import { z } from 'zod';

import { DEFAULT_DATA_DIR, DEFAULT_WEB_DIST } from './paths';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'must be an integer between 0 and 65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be an integer between 0 and 65535');

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const positiveInt = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .optional()
    .transform((v) => v ?? fallback);

/** Every environment variable Pacer reads, validated once at start. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.optional().transform((v) => v ?? 3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PACER_DATA_DIR: z
    .string()
    .min(1)
    .optional()
    .transform((v) => path.resolve(v ?? DEFAULT_DATA_DIR)),
  PACER_WEB_DIST: z
    .string()
    .min(1)
    .optional()
    .transform((v) => path.resolve(v ?? DEFAULT_WEB_DIST)),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Business periods are months in this zone, whatever the server's TZ says. */
  PACER_TIME_ZONE: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  /** Seed the demo county (default on for an empty embedded database, off with DATABASE_URL). */
  PACER_DEMO: flag.optional(),
  /** How long to wait for an external database at start before giving up, in seconds. */
  PACER_DB_CONNECT_TIMEOUT: positiveInt(10),
  /** Largest JSON body accepted, e.g. `1mb`. */
  PACER_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like 512kb or 1mb')
    .default('2mb'),
  /** Who may read the API docs (/api/docs, /api/docs-json): off, login (a valid access token), public. Default: login in production, public otherwise. */
  PACER_API_DOCS: z.enum(['off', 'login', 'public']).optional(),
  /** HMAC key of the access tokens (32+ characters). Without it one is generated and kept in the database. */
  PACER_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Access token lifetime in seconds (SES-1: at most 15 minutes). */
  PACER_ACCESS_TTL: positiveInt(900).refine((n) => n >= 30 && n <= 900, 'must be between 30 and 900 seconds'),
  /** A session idle longer than this (minutes) must log in again. */
  PACER_SESSION_IDLE_MINUTES: positiveInt(30),
  /** A session older than this (hours) must log in again, however active. */
  PACER_SESSION_MAX_HOURS: positiveInt(12),
  /** Failed logins before the account locks, and for how long (AUTH-3). */
  PACER_LOCKOUT_ATTEMPTS: positiveInt(5),
  PACER_LOCKOUT_MINUTES: positiveInt(15),
  /** Days a password lasts: a login with an older one must change it before anything else (AUTH-2); 0 = never expires. */
  PACER_PASSWORD_MAX_AGE_DAYS: positiveInt(90),
  /** The least zxcvbn strength score (0–4) a new password needs (AUTH-2); below it the password is refused as guessable. */
  PACER_PASSWORD_MIN_SCORE: positiveInt(3).refine((n) => n <= 4, 'must be between 0 and 4'),
  /** Failed logins from one address, over any accounts, within the window (minutes) before it must wait (AUTH-3); 0 = off. */
  PACER_LOGIN_IP_ATTEMPTS: positiveInt(20),
  PACER_LOGIN_IP_WINDOW_MINUTES: positiveInt(15).refine((n) => n >= 1, 'must be at least 1 minute'),
  /**
   * Proxies whose X-Forwarded-For is believed (AUTH-3): a comma list of addresses, CIDRs or express's names
   * (`loopback`, `linklocal`, `uniquelocal`). Empty (the default) trusts none: the address is the socket's.
   */
  PACER_TRUSTED_PROXIES: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || v.split(',').every((p) => isProxyEntry(p.trim())), 'must be a comma list of addresses, CIDRs or loopback/linklocal/uniquelocal'),
  /** AUTH-4: admin, sysadmin and auditor must enrol a TOTP second factor before anything else. */
  PACER_MFA_REQUIRED: flag.optional().transform((v) => v ?? false),
  /**
   * Keep signed-in users' principals in memory between requests (AUTH-7 still holds: every change is announced by a
   * trigger through LISTEN/NOTIFY and drops them on every replica; while the listener is down the cache is bypassed).
   */
  PACER_PRINCIPAL_CACHE: flag.optional().transform((v) => v ?? true),
  /** Key that encrypts the stored TOTP secrets (32+ characters). Without it one is generated and kept in the database. */
  PACER_MFA_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The first administrator, created when the database has no user yet (AUTH-1); must change the password. */
  PACER_ADMIN_USERNAME: z.string().regex(/^[A-Za-z0-9_.@-]{2,64}$/, 'must be 2–64 letters, digits or _.@-').optional(),
  PACER_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Largest uploaded .xlsx in bytes (VAL-4); larger ones answer 413 IMPORT_TOO_LARGE. */
  PACER_IMPORT_MAX_BYTES: positiveInt(10 * 1024 * 1024).refine((n) => n >= 1024, 'must be at least 1024 bytes'),
  /** Largest total uncompressed size of an uploaded .xlsx (zip bomb guard), in bytes. */
  PACER_IMPORT_MAX_UNZIPPED_BYTES: positiveInt(50 * 1024 * 1024).refine(
    (n) => n >= 1024,
    'must be at least 1024 bytes',
  ),
  /** Most rows one imported sheet may have. */
  PACER_IMPORT_MAX_ROWS: positiveInt(20000).refine((n) => n >= 1, 'must be at least 1'),
  /** Largest attachment (佐证材料) in bytes; larger ones answer 413 ATTACHMENT_TOO_LARGE and nothing is stored. */
  PACER_ATTACHMENT_MAX_BYTES: positiveInt(20 * 1024 * 1024).refine((n) => n >= 1024, 'must be at least 1024 bytes'),
  /** Most bytes of live attachments one project may hold (413 ATTACHMENT_PROJECT_FULL beyond). */
  PACER_ATTACHMENT_PROJECT_MAX_BYTES: positiveInt(200 * 1024 * 1024).refine((n) => n >= 1024, 'must be at least 1024 bytes'),
  /** Largest total uncompressed size of an attached Office file (docx/xlsx/pptx; zip bomb guard), in bytes. */
  PACER_ATTACHMENT_MAX_UNZIPPED_BYTES: positiveInt(100 * 1024 * 1024).refine((n) => n >= 1024, 'must be at least 1024 bytes'),
  /** Where attachment bytes live: `pg` (default: in the database, part of every backup) or `s3` (PACER_S3_*). */
  PACER_ATTACHMENT_STORE: z.enum(['pg', 's3']).default('pg'),
  /** The S3-compatible store (MinIO, OSS, COS, S3) when PACER_ATTACHMENT_STORE=s3. */
  PACER_S3_ENDPOINT: z.string().trim().url('must be a URL').optional(),
  PACER_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  PACER_S3_BUCKET: z.string().trim().min(3).optional(),
  PACER_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  PACER_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  /** Run the scheduled jobs in this process (turn off on read-only replicas or in tests). */
  PACER_JOBS: flag.optional().transform((v) => v ?? true),
  /** Audit events older than this many days are purged by a daily job (AUD-5); 0 keeps them forever; else ≥ 180. */
  PACER_AUDIT_RETENTION_DAYS: positiveInt(0).refine((n) => n === 0 || n >= 180, 'must be 0 (keep forever) or at least 180 days'),
  /** Most `auth.denied` audit events one user writes in any minute (AUD-1); further denials that minute are not recorded. */
  PACER_AUDIT_DENIED_PER_MINUTE: positiveInt(20).refine((n) => n >= 1 && n <= 10000, 'must be between 1 and 10000'),
  /**
   * A second database URL, for the schema owner: migrations and the runtime role's grants run through it, requests
   * through DATABASE_URL (whose role then needs no DDL and cannot change the audit log). Unset: everything as DATABASE_URL.
   */
  DATABASE_MIGRATION_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Only when Pacer runs as root with the embedded cluster: postgres then runs as the `postgres` OS user, so its
   * binaries are staged and new clusters live in this root-owned folder, which that user must be able to reach.
   */
  PACER_PG_RUNTIME_DIR: z
    .string()
    .min(1)
    .optional()
    .transform((v) => path.resolve(v ?? '/var/lib/pacer')),
  /** Log lines: `pretty` (short, for people) or `json`; default pretty on a terminal, JSON when stdout is not one. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /** Remind the units that have not submitted this many days before the report deadline (0 = on the day). */
  PACER_REMIND_DAYS: positiveInt(2).refine((n) => n <= 27, 'must be between 0 and 27 days'),
  /** Notifications are also POSTed as JSON to this URL (a webhook relay to 企业微信 / 钉钉 / SMS), when set. */
  PACER_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How long a webhook call may take before it is given up, in milliseconds. */
  PACER_WEBHOOK_TIMEOUT_MS: positiveInt(3000).refine((n) => n >= 100 && n <= 30000, 'must be 100–30000 ms'),
  /** The longest a service account's API key may live, in days (issue 12); the expiry is required, never unlimited. */
  PACER_SERVICE_ACCOUNT_MAX_DAYS: positiveInt(365).refine((n) => n >= 1 && n <= 3660, 'must be between 1 and 3660 days'),
  /**
   * A service account's reads (GET) are audited as one `service_account.use` event per account per this many minutes,
   * with the number of reads since the last one; every write request is audited on its own.
   */
  PACER_SERVICE_ACCOUNT_READ_AUDIT_MINUTES: positiveInt(60).refine((n) => n >= 1 && n <= 1440, 'must be 1–1440 minutes'),
  /** 企业微信's API base (群机器人 POST {base}/cgi-bin/webhook/send?key=…); another only for a proxy or a test server. */
  PACER_WECOM_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('https://qyapi.weixin.qq.com'),
  /** 钉钉's API base (自定义机器人 POST {base}/robot/send?access_token=…&timestamp=…&sign=…). */
  PACER_DINGTALK_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('https://oapi.dingtalk.com'),
  /** The address users open Pacer at, for the links in 企业微信/钉钉 messages (none when unset). */
  PACER_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How often the delivery worker looks for due channel deliveries, in seconds (each new notice also wakes it). */
  PACER_DELIVERY_INTERVAL_SECONDS: positiveInt(15).refine((n) => n >= 1 && n <= 3600, 'must be 1–3600 seconds'),
  /** Attempts of one channel delivery before it is marked failed. */
  PACER_DELIVERY_MAX_ATTEMPTS: positiveInt(6).refine((n) => n >= 1 && n <= 20, 'must be 1–20'),
  /** The first retry's delay in seconds; each further retry waits twice as long (at most an hour). */
  PACER_DELIVERY_RETRY_SECONDS: positiveInt(30).refine((n) => n >= 1 && n <= 3600, 'must be 1–3600 seconds'),
  /**
   * Seconds after a 钉钉 工作通知 is accepted before its receipt is asked for (getsendresult), doubling while 钉钉 has
   * none yet (at most an hour apart, for 24 hours). 0 asks in the same run (tests).
   */
  PACER_DINGTALK_RECEIPT_SECONDS: positiveInt(60).refine((n) => n >= 0 && n <= 3600, 'must be 0–3600 seconds'),
  /** Key that encrypts the stored channel secrets (32+ characters). Without it one is generated and kept in the database. */
  PACER_CHANNEL_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Env = z.infer<typeof envSchema>;

function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** Thrown with one line that says what is wrong, for the start to print and exit. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(raw: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const value = raw[key];
    return `${key} ${issue.message}${value !== undefined ? ` (got ${JSON.stringify(value)})` : ''}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

/** For ConfigModule.forRoot({ validate }). */
export function validateEnv(raw: Record<string, unknown>): Env {
  return parseEnv(raw as NodeJS.ProcessEnv);
}
