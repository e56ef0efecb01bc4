import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

/** AUTH-3: the per-address login limit, whose address that is (PACER_TRUSTED_PROXIES), and a lockout that names no account. */
describe('login limits (e2e)', () => {
  describe('with the default: no proxy trusted', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
      const units = await insertUnits(t.dataSource, SMALL_COUNTY);
      await insertStandardUsers(t.dataSource, units);
    });
    afterAll(() => t.close());

    it('should ignore X-Forwarded-For: forged addresses do not escape the per-address limit, and the audit shows the socket', async () => {
      // 20 failures, each claiming another intranet address
      for (let i = 0; i < 20; i++) {
        const res = await t.http
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', `10.9.9.${i + 1}`)
          .send({ username: `wangwu${i}`, password: 'Spring#2026' });
        expect(res.status).toBe(401);
      }
      const escaped = await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '10.9.9.111')
        .send({ username: 'leader', password: TEST_PASSWORD });
      expect(escaped.status).toBe(429);
      expect(escaped.body.code).toBe('TOO_MANY_REQUESTS');
      const addresses = await t.dataSource.query(
        `SELECT DISTINCT ip FROM audit_event WHERE action = 'auth.login' AND username LIKE 'wangwu%'`,
      );
      expect(addresses.map((r: { ip: string }) => r.ip.replace(/^::ffff:/, ''))).toEqual(['127.0.0.1']);
    });
  });

  describe('HSTS with no proxy trusted', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('should not believe a forged X-Forwarded-Proto: no HSTS over plain http (SES-3)', async () => {
      const res = await t.http.get('/api/health/live').set('X-Forwarded-Proto', 'https').expect(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('with PACER_TRUSTED_PROXIES=loopback', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ trustedProxies: 'loopback' });
      const units = await insertUnits(t.dataSource, SMALL_COUNTY);
      await insertStandardUsers(t.dataSource, units);
    });
    afterAll(() => t.close());

    it('should make an address with 20 failed logins in 15 minutes wait, over any accounts, and audit it', async () => {
      const sprayer = '203.0.113.7';
      const login = (username: string, password: string, from: string) =>
        t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
      // a password tried across many login ids: no single account reaches its lockout (one real account twice)
      for (let i = 0; i < 20; i++) {
        const res = await login(i < 2 ? 'rep_t02' : `zhangsan${i}`, 'Spring#2026', sprayer);
        expect(res.status).toBe(401);
      }
      const waiting = await login('leader', TEST_PASSWORD, sprayer);
      expect(waiting.status).toBe(429);
      expect(waiting.body.code).toBe('TOO_MANY_REQUESTS');
      expect(waiting.body.message).toBe('该地址登录失败次数过多，请 15 分钟后再试');
      expect(waiting.body.messageEn).toContain('try again in 15 minutes');
      expect(waiting.body.accessToken).toBeUndefined();
      // the account itself is not locked: the same user from another address (as the proxy tells it) gets in
      await login('leader', TEST_PASSWORD, '198.51.100.4').expect(200);
      const refused = await t.dataSource.query(
        `SELECT username, ip, detail->>'reason' AS reason FROM audit_event
          WHERE action = 'auth.login' AND result = 'denied' AND ip = $1`,
        [sprayer],
      );
      expect(refused).toEqual([{ username: 'leader', ip: sprayer, reason: 'address_rate_limited' }]);
      const [success] = await t.dataSource.query(
        `SELECT ip FROM audit_event WHERE action = 'auth.login' AND result = 'success' ORDER BY id DESC LIMIT 1`,
      );
      expect(success.ip).toBe('198.51.100.4');
    });

    it('should send HSTS when the trusted proxy says the request came over https, and not over http (SES-3)', async () => {
      const overTls = await t.http.get('/api/health/live').set('X-Forwarded-Proto', 'https').expect(200);
      expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const refused = await t.http.get('/api/v1/units').set('X-Forwarded-Proto', 'https').expect(401);
      expect(refused.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plain = await t.http.get('/api/health/live').expect(200);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('the lockout names no account', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
      await insertUser(t.dataSource, {
        username: 'liu_yang',
        roles: ['leader'],
        displayName: '县发改局 刘洋',
      });
    });
    afterAll(() => t.close());

    it('should answer 6 failures on a known id and 6 on an unknown id identically at every step, then the right password as locked too', async () => {
      const attempt = async (username: string, password = 'Cuowu#2026') => {
        const started = process.hrtime.bigint();
        const res = await t.http.post('/api/v1/auth/login').send({ username, password });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        return {
          status: res.status,
          code: res.body.code,
          message: res.body.message,
          messageEn: res.body.messageEn,
          ms,
        };
      };
      const strip = ({ ms: _ms, ...answer }: { ms: number } & Record<string, unknown>) => answer;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 6; i++) {
        const a = await attempt('liu_yang');
        const b = await attempt('liu_yang_x');
        expect({ step: i + 1, ...strip(b) }).toEqual({ step: i + 1, ...strip(a) });
        known.push(a.ms);
        unknown.push(b.ms);
      }
      // the 6th is the locked answer, for both
      const last = await attempt('liu_yang');
      expect(last.code).toBe('ACCOUNT_LOCKED');
      expect(strip(await attempt('liu_yang_x'))).toEqual(strip(last));
      // locked: even the right password gets the same answer as a made-up id
      expect(strip(await attempt('liu_yang', TEST_PASSWORD))).toEqual(
        strip(await attempt('liu_yang_x', TEST_PASSWORD)),
      );
      // comparable timing: both verify an argon2 hash (a dummy one for the unknown id)
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      expect(median(unknown)).toBeGreaterThan(median(known) / 4);
      expect(median(unknown)).toBeLessThan(median(known) * 4);
      const reasons = await t.dataSource.query(
        `SELECT username, result, detail->>'reason' AS reason FROM audit_event
          WHERE action = 'auth.login' AND username = 'liu_yang_x' ORDER BY id`,
      );
      expect(reasons.slice(0, 5).every((r: { reason: string }) => r.reason === 'unknown_user')).toBe(true);
      expect(reasons[5]).toEqual({ username: 'liu_yang_x', result: 'denied', reason: 'locked' });
    });
  });
});
