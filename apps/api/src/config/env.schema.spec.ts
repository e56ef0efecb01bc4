import { ConfigError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('should apply the defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PACER_DATA_DIR).toMatch(/\.pacer-data$/);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.PACER_TIME_ZONE).toBe('Asia/Shanghai');
    expect(env.PACER_JOBS).toBe(true);
  });

  it('should refuse PORT=abc with one line naming the variable and the value', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(
      'invalid configuration: PORT must be an integer between 0 and 65535 (got "abc")',
    );
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT must be an integer/);
  });

  it('should refuse a DATABASE_URL that is not a postgres URL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/pacer' }).DATABASE_URL).toBe(
      'postgres://u:p@db:5432/pacer',
    );
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('should read flags and refuse nonsense', () => {
    expect(parseEnv({ PACER_DEMO: '1' }).PACER_DEMO).toBe(true);
    expect(parseEnv({ PACER_JOBS: '0' }).PACER_JOBS).toBe(false);
    expect(() => parseEnv({ PACER_DEMO: 'maybe' })).toThrow(/PACER_DEMO/);
    expect(() => parseEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('should read the reminder days and the webhook, refusing what is not an http(s) URL', () => {
    expect(parseEnv({}).PACER_REMIND_DAYS).toBe(2);
    expect(parseEnv({ PACER_REMIND_DAYS: '0' }).PACER_REMIND_DAYS).toBe(0);
    expect(() => parseEnv({ PACER_REMIND_DAYS: '28' })).toThrow(/PACER_REMIND_DAYS must be between 0 and 27/);
    expect(() => parseEnv({ PACER_REMIND_DAYS: '-1' })).toThrow(/PACER_REMIND_DAYS/);
    expect(parseEnv({}).PACER_WEBHOOK_URL).toBeUndefined();
    expect(parseEnv({ PACER_WEBHOOK_URL: '' }).PACER_WEBHOOK_URL).toBeUndefined();
    expect(parseEnv({ PACER_WEBHOOK_URL: 'https://relay.example.cn/pacer' }).PACER_WEBHOOK_URL).toBe(
      'https://relay.example.cn/pacer',
    );
    for (const bad of ['ftp://relay/x', 'relay.example.cn', 'javascript:alert(1)']) {
      expect(() => parseEnv({ PACER_WEBHOOK_URL: bad })).toThrow(/PACER_WEBHOOK_URL must be an http/);
    }
    expect(parseEnv({}).PACER_WEBHOOK_TIMEOUT_MS).toBe(3000);
    expect(() => parseEnv({ PACER_WEBHOOK_TIMEOUT_MS: '60000' })).toThrow(/PACER_WEBHOOK_TIMEOUT_MS/);
  });

  it('should read the per-address login limit: 20 in 15 minutes by default, 0 turns it off, a window of 0 is refused', () => {
    expect(parseEnv({}).PACER_LOGIN_IP_ATTEMPTS).toBe(20);
    expect(parseEnv({}).PACER_LOGIN_IP_WINDOW_MINUTES).toBe(15);
    expect(parseEnv({ PACER_LOGIN_IP_ATTEMPTS: '0' }).PACER_LOGIN_IP_ATTEMPTS).toBe(0);
    expect(() => parseEnv({ PACER_LOGIN_IP_WINDOW_MINUTES: '0' })).toThrow(/PACER_LOGIN_IP_WINDOW_MINUTES/);
    expect(() => parseEnv({ PACER_LOGIN_IP_ATTEMPTS: 'many' })).toThrow(/PACER_LOGIN_IP_ATTEMPTS/);
  });

  it('should expire passwords after 90 days by default, never with 0 (AUTH-2)', () => {
    expect(parseEnv({}).PACER_PASSWORD_MAX_AGE_DAYS).toBe(90);
    expect(parseEnv({ PACER_PASSWORD_MAX_AGE_DAYS: '0' }).PACER_PASSWORD_MAX_AGE_DAYS).toBe(0);
    expect(() => parseEnv({ PACER_PASSWORD_MAX_AGE_DAYS: '-5' })).toThrow(/PACER_PASSWORD_MAX_AGE_DAYS/);
  });

  it('should ask new passwords for a zxcvbn score of 3 by default, 0–4 when set (AUTH-2)', () => {
    expect(parseEnv({}).PACER_PASSWORD_MIN_SCORE).toBe(3);
    expect(parseEnv({ PACER_PASSWORD_MIN_SCORE: '4' }).PACER_PASSWORD_MIN_SCORE).toBe(4);
    expect(() => parseEnv({ PACER_PASSWORD_MIN_SCORE: '5' })).toThrow(/PACER_PASSWORD_MIN_SCORE/);
  });

  it('should read who may see the API docs: off, login or public, nothing else', () => {
    expect(parseEnv({}).PACER_API_DOCS).toBeUndefined(); // resolveApiDocsMode: login in production
    expect(parseEnv({ PACER_API_DOCS: 'off' }).PACER_API_DOCS).toBe('off');
    expect(() => parseEnv({ PACER_API_DOCS: 'everyone' })).toThrow(/PACER_API_DOCS/);
  });

  it('should keep audit events forever by default, or at least 180 days (AUD-5)', () => {
    expect(parseEnv({}).PACER_AUDIT_RETENTION_DAYS).toBe(0);
    expect(parseEnv({ PACER_AUDIT_RETENTION_DAYS: '365' }).PACER_AUDIT_RETENTION_DAYS).toBe(365);
    expect(() => parseEnv({ PACER_AUDIT_RETENTION_DAYS: '179' })).toThrow(
      /PACER_AUDIT_RETENTION_DAYS must be 0 \(keep forever\) or at least 180 days/,
    );
  });

  it('should refuse a time zone other than Asia/Shanghai for business periods', () => {
    expect(() => parseEnv({ PACER_TIME_ZONE: 'UTC' })).toThrow(/PACER_TIME_ZONE/);
  });

  it('should trust no proxy by default and read PACER_TRUSTED_PROXIES as addresses, CIDRs or express names (AUTH-3)', () => {
    expect(parseEnv({}).PACER_TRUSTED_PROXIES).toBe('');
    expect(parseEnv({ PACER_TRUSTED_PROXIES: 'loopback, 10.20.0.5, 10.30.0.0/16, fd00::/8' }).PACER_TRUSTED_PROXIES).toBe(
      'loopback, 10.20.0.5, 10.30.0.0/16, fd00::/8',
    );
    expect(() => parseEnv({ PACER_TRUSTED_PROXIES: 'nginx.internal' })).toThrow(/PACER_TRUSTED_PROXIES must be a comma list/);
    expect(() => parseEnv({ PACER_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/PACER_TRUSTED_PROXIES/);
    expect(parseEnv({}).PACER_MFA_REQUIRED).toBe(false);
    expect(parseEnv({ PACER_MFA_REQUIRED: '1' }).PACER_MFA_REQUIRED).toBe(true);
    expect(() => parseEnv({ PACER_MFA_KEY: 'short' })).toThrow(/PACER_MFA_KEY must be at least 32/);
  });

  it('should keep service account keys at most a year by default and audit their reads hourly (issue 12)', () => {
    expect(parseEnv({}).PACER_SERVICE_ACCOUNT_MAX_DAYS).toBe(365);
    expect(parseEnv({}).PACER_SERVICE_ACCOUNT_READ_AUDIT_MINUTES).toBe(60);
    expect(parseEnv({ PACER_SERVICE_ACCOUNT_MAX_DAYS: '90' }).PACER_SERVICE_ACCOUNT_MAX_DAYS).toBe(90);
    expect(() => parseEnv({ PACER_SERVICE_ACCOUNT_MAX_DAYS: '0' })).toThrow(/PACER_SERVICE_ACCOUNT_MAX_DAYS/);
    expect(() => parseEnv({ PACER_SERVICE_ACCOUNT_READ_AUDIT_MINUTES: '0' })).toThrow(/PACER_SERVICE_ACCOUNT_READ_AUDIT_MINUTES/);
  });
});
