import { AUTH_CONFIG, authConfigFrom } from '../src/config/auth.config';
import { parseEnv } from '../src/config/env.schema';
import { totpCodeAt } from '../src/modules/auth/totp';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

const STEP_MS = 30_000;

interface Enrolled {
  username: string;
  secret: string;
  recoveryCodes: string[];
  auth: string;
}

/** AUTH-4: the TOTP second factor, end to end. */
describe('two-step verification (e2e)', () => {
  let t: TestApp;

  const codeAt = (secret: string, offsetSteps = 0) => totpCodeAt(secret, Date.now() + offsetSteps * STEP_MS);

  /** The tests step through a few 30-second codes: start them early in a step so the clock does not move on mid-test. */
  async function freshStep(): Promise<void> {
    const left = STEP_MS - (Date.now() % STEP_MS);
    if (left < 12_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  }

  async function enrol(http: TestApp['http'], username: string): Promise<Enrolled> {
    await freshStep();
    const auth = await bearer(http, username);
    const start = await http.post('/api/v1/auth/mfa/enrollment').set('Authorization', auth).expect(201);
    const confirmed = await http
      .post('/api/v1/auth/mfa/enrollment/confirm')
      .set('Authorization', auth)
      .send({ code: codeAt(start.body.secret) })
      .expect(200);
    return { username, secret: start.body.secret, recoveryCodes: confirmed.body.recoveryCodes, auth };
  }

  async function passwordStep(username: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    return res.body.mfaToken;
  }

  const verify = (body: Record<string, string>) => t.http.post('/api/v1/auth/mfa/verify').send(body);

  async function auditOf(userId: number, action: string) {
    return t.dataSource.query(
      `SELECT username, result, detail->>'reason' AS reason, detail->>'method' AS method FROM audit_event
        WHERE action = $1 AND user_id = $2 ORDER BY id`,
      [action, userId],
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    const units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
  });
  afterAll(() => t.close());

  it('should enrol with a QR code and a first code, keep the secret encrypted and never show it again, and audit it', async () => {
    const id = await insertUser(t.dataSource, {
      username: 'zhao_min',
      roles: ['admin'],
      displayName: '招商局 赵敏',
    });
    const auth = await bearer(t.http, 'zhao_min');
    await freshStep();
    const before = await t.http.get('/api/v1/auth/mfa').set('Authorization', auth).expect(200);
    expect(before.body).toEqual({ enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 });

    const start = await t.http.post('/api/v1/auth/mfa/enrollment').set('Authorization', auth).expect(201);
    expect(start.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.otpauthUri).toBe(
      `otpauth://totp/Pacer:zhao_min?issuer=Pacer&secret=${start.body.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(start.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // not on until confirmed: the password alone still logs in
    await bearer(t.http, 'zhao_min');
    const wrong = await t.http
      .post('/api/v1/auth/mfa/enrollment/confirm')
      .set('Authorization', auth)
      .send({ code: String((Number(codeAt(start.body.secret)) + 1) % 1_000_000).padStart(6, '0') })
      .expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'code', code: 'wrong' });
    const confirmed = await t.http
      .post('/api/v1/auth/mfa/enrollment/confirm')
      .set('Authorization', auth)
      .send({ code: codeAt(start.body.secret) })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);

    const after = await t.http.get('/api/v1/auth/mfa').set('Authorization', auth).expect(200);
    expect(after.body).toEqual({
      enabled: true,
      required: false,
      enabledAt: expect.any(String),
      recoveryCodesLeft: 10,
    });
    expect(JSON.stringify(after.body)).not.toContain(start.body.secret);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    expect(me.body).toMatchObject({ mfaEnabled: true, mustEnrollMfa: false });
    // a second enrolment cannot replace an enabled factor
    const again = await t.http.post('/api/v1/auth/mfa/enrollment').set('Authorization', auth).expect(409);
    expect(again.body.code).toBe('MFA_ALREADY_ENABLED');

    const [stored] = await t.dataSource.query('SELECT secret_enc FROM user_mfa WHERE user_id = $1', [id]);
    expect(stored.secret_enc).not.toContain(start.body.secret);
    const hashes = await t.dataSource.query(
      'SELECT code_hash FROM user_mfa_recovery_code WHERE user_id = $1',
      [id],
    );
    expect(hashes.every((h: { code_hash: string }) => h.code_hash.startsWith('$argon2id$'))).toBe(true);
    const leaked = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE row_to_json(audit_event)::text LIKE '%' || $1 || '%'
          OR row_to_json(audit_event)::text LIKE '%' || $2 || '%'`,
      [start.body.secret, confirmed.body.recoveryCodes[0]],
    );
    expect(leaked[0].n).toBe(0);
    expect(await auditOf(id, 'auth.mfa.enroll')).toEqual([
      { username: 'zhao_min', result: 'success', reason: null, method: null },
    ]);
    expect((await auditOf(id, 'auth.mfa.confirm')).map((e: { result: string }) => e.result)).toEqual([
      'failure',
      'success',
    ]);
  });

  it('should log in in two steps, refuse a replayed code, and keep the challenge out of every other route', async () => {
    const id = await insertUser(t.dataSource, {
      username: 'qian_li',
      roles: ['admin'],
      displayName: '招商局 钱立',
    });
    const { secret } = await enrol(t.http, 'qian_li');
    const challenge = await passwordStep('qian_li');
    // the challenge is not an access token
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${challenge}`).expect(401);
    // the code that confirmed the enrolment was used in this step already: refused
    const replayed = await verify({ mfaToken: challenge, code: codeAt(secret) });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('MFA_CODE_REUSED');
    expect(replayed.body.accessToken).toBeUndefined();
    const next = codeAt(secret, 1);
    const ok = await verify({ mfaToken: challenge, code: next }).expect(200);
    expect(ok.body.user).toMatchObject({ username: 'qian_li', mfaEnabled: true });
    await t.http.get('/api/v1/plans').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);
    // the same code once more, on a fresh challenge: refused; so is an older one
    const replayAgain = await verify({ mfaToken: await passwordStep('qian_li'), code: next });
    expect(replayAgain.body.code).toBe('MFA_CODE_REUSED');
    const older = await verify({ mfaToken: await passwordStep('qian_li'), code: codeAt(secret, -1) });
    expect(older.body.code).toBe('MFA_CODE_REUSED');
    // a forged or expired challenge
    const forged = await verify({ mfaToken: `${challenge.slice(0, -4)}AAAA`, code: codeAt(secret, 1) });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('MFA_CHALLENGE_INVALID');
    const verified = await auditOf(id, 'auth.mfa.verify');
    expect(
      verified.map((e: { result: string; reason: string | null }) => `${e.result}:${e.reason ?? ''}`),
    ).toEqual(['denied:replay', 'success:', 'denied:replay', 'denied:replay']);
    expect(await auditOf(id, 'auth.mfa.challenge')).toHaveLength(3);
  });

  it('should count wrong codes toward the account lockout, and then refuse even the right code', async () => {
    const id = await insertUser(t.dataSource, {
      username: 'sun_hao',
      roles: ['auditor'],
      displayName: '审计 孙浩',
    });
    const { secret } = await enrol(t.http, 'sun_hao');
    const challenge = await passwordStep('sun_hao');
    const right = codeAt(secret, 1);
    const wrongCode = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const res = await verify({ mfaToken: challenge, code: wrongCode });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('MFA_INVALID_CODE');
    }
    const locked = await verify({ mfaToken: challenge, code: right });
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    const relogin = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'sun_hao', password: TEST_PASSWORD });
    expect(relogin.body.code).toBe('ACCOUNT_LOCKED');
    const failures = await auditOf(id, 'auth.mfa.verify');
    expect(failures.map((e: { reason: string }) => e.reason)).toEqual([
      ...Array(5).fill('wrong_code'),
      'locked',
    ]);
  });

  it('should accept each recovery code once, and regenerate them with a code', async () => {
    const id = await insertUser(t.dataSource, {
      username: 'li_na',
      roles: ['sysadmin'],
      displayName: '信息中心 李娜',
    });
    const { secret, recoveryCodes } = await enrol(t.http, 'li_na');
    const spoken = recoveryCodes[3]!.toUpperCase().replace('-', ' ');
    const ok = await verify({ mfaToken: await passwordStep('li_na'), recoveryCode: spoken }).expect(200);
    const auth = `Bearer ${ok.body.accessToken}`;
    const reused = await verify({ mfaToken: await passwordStep('li_na'), recoveryCode: recoveryCodes[3]! });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('MFA_INVALID_CODE');
    const status = await t.http.get('/api/v1/auth/mfa').set('Authorization', auth).expect(200);
    expect(status.body.recoveryCodesLeft).toBe(9);
    const [used] = await t.dataSource.query(
      `SELECT detail->>'left' AS left FROM audit_event WHERE action = 'auth.mfa.recovery_used' AND user_id = $1`,
      [id],
    );
    expect(used).toEqual({ left: '9' });

    const regenerated = await t.http
      .post('/api/v1/auth/mfa/recovery-codes')
      .set('Authorization', auth)
      .send({ code: codeAt(secret, 1) })
      .expect(200);
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    // the old ones are gone
    const old = await verify({ mfaToken: await passwordStep('li_na'), recoveryCode: recoveryCodes[0]! });
    expect(old.body.code).toBe('MFA_INVALID_CODE');
    await verify({
      mfaToken: await passwordStep('li_na'),
      recoveryCode: regenerated.body.recoveryCodes[0],
    }).expect(200);
  });

  it('should turn the own factor off only with a code', async () => {
    const id = await insertUser(t.dataSource, {
      username: 'zhou_jie',
      roles: ['admin'],
      displayName: '招商局 周杰',
    });
    const { secret, auth } = await enrol(t.http, 'zhou_jie');
    const refused = await t.http
      .post('/api/v1/auth/mfa/disable')
      .set('Authorization', auth)
      .send({ code: '000000' });
    expect(refused.status).toBe(401);
    await t.http
      .post('/api/v1/auth/mfa/disable')
      .set('Authorization', auth)
      .send({ code: codeAt(secret, 1) })
      .expect(204);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'zhou_jie', password: TEST_PASSWORD })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    expect((await auditOf(id, 'auth.mfa.disable')).map((e: { result: string }) => e.result)).toEqual([
      'failure',
      'success',
    ]);
  });

  it("should let a sysadmin reset another user's factor (lost phone): audited, sessions ended, password alone then", async () => {
    const id = await insertUser(t.dataSource, {
      username: 'wu_gang',
      roles: ['admin'],
      displayName: '招商局 吴刚',
    });
    const { secret } = await enrol(t.http, 'wu_gang');
    const session = await verify({ mfaToken: await passwordStep('wu_gang'), code: codeAt(secret, 1) }).expect(
      200,
    );
    const userAuth = `Bearer ${session.body.accessToken}`;

    const admin = await bearer(t.http, 'admin');
    await t.http.delete(`/api/v1/users/${id}/mfa`).set('Authorization', admin).expect(403);
    const sys = await bearer(t.http, 'sysadmin');
    const sysId = (await t.http.get('/api/v1/auth/me').set('Authorization', sys)).body.id;
    const self = await t.http.delete(`/api/v1/users/${sysId}/mfa`).set('Authorization', sys).expect(422);
    expect(self.body.details[0]).toMatchObject({ field: 'id', code: 'self' });
    await t.http.delete('/api/v1/users/999999/mfa').set('Authorization', sys).expect(404);
    await t.http.delete(`/api/v1/users/${id}/mfa`).set('Authorization', sys).expect(204);

    await t.http.get('/api/v1/auth/me').set('Authorization', userAuth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'wu_gang', password: TEST_PASSWORD })
      .expect(200);
    expect(login.body.user.mfaEnabled).toBe(false);
    const [reset] = await t.dataSource.query(
      `SELECT username, object_id, detail->>'wasEnabled' AS "wasEnabled" FROM audit_event WHERE action = 'auth.mfa.reset'`,
    );
    expect(reset).toEqual({ username: 'sysadmin', object_id: String(id), wasEnabled: 'true' });
  });

  it('should refuse a verify with neither or both of code and recovery code, and odd codes, with 400', async () => {
    const challenge = 'x'.repeat(40);
    const none = await verify({ mfaToken: challenge });
    expect(none.status).toBe(401); // the challenge is checked first
    const bad = await verify({ mfaToken: challenge, code: '12ab56' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('code');
  });

  describe('with PACER_MFA_REQUIRED=1', () => {
    let r: TestApp;

    beforeAll(async () => {
      r = await createTestApp({
        overrides: [
          { provide: AUTH_CONFIG, useValue: { ...authConfigFrom(parseEnv({ PACER_MFA_REQUIRED: '1' })) } },
        ],
      });
      const units = await insertUnits(r.dataSource, SMALL_COUNTY);
      await insertStandardUsers(r.dataSource, units);
    });
    afterAll(() => r.close());

    it('should hold an administrator without MFA at the enrolment, every other call 403, and let them through once enrolled', async () => {
      for (const username of ['admin', 'sysadmin', 'auditor']) {
        const login = await r.http
          .post('/api/v1/auth/login')
          .send({ username, password: TEST_PASSWORD })
          .expect(200);
        expect(login.body.user).toMatchObject({ mfaEnabled: false, mustEnrollMfa: true });
        const auth = `Bearer ${login.body.accessToken}`;
        const held = await r.http.get('/api/v1/units').set('Authorization', auth).expect(403);
        expect(held.body.code).toBe('MFA_ENROLMENT_REQUIRED');
        expect(held.body.message).toBe('请先绑定两步验证（身份验证器）');
        await r.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
        const status = await r.http.get('/api/v1/auth/mfa').set('Authorization', auth).expect(200);
        expect(status.body).toMatchObject({ enabled: false, required: true });
      }
      // reporters and leaders are not concerned
      const leader = await r.http
        .post('/api/v1/auth/login')
        .send({ username: 'leader', password: TEST_PASSWORD })
        .expect(200);
      expect(leader.body.user.mustEnrollMfa).toBe(false);
      await r.http.get('/api/v1/units').set('Authorization', `Bearer ${leader.body.accessToken}`).expect(200);

      const { auth, secret } = await enrol(r.http, 'admin');
      // the enrolling session goes on, now unblocked
      await r.http.get('/api/v1/units').set('Authorization', auth).expect(200);
      const challenge = await r.http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: TEST_PASSWORD })
        .expect(200);
      expect(challenge.body.mfaRequired).toBe(true);
      const ok = await r.http
        .post('/api/v1/auth/mfa/verify')
        .send({ mfaToken: challenge.body.mfaToken, code: codeAt(secret, 1) })
        .expect(200);
      expect(ok.body.user.mustEnrollMfa).toBe(false);
      await r.http.get('/api/v1/units').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);
    });
  });
});
