import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';

import { IS_PUBLIC_KEY } from '../src/common/decorators/public.decorator';
import { PERMISSION_KEY } from '../src/common/decorators/auth.decorators';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

describe('auth (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
  });
  afterAll(() => t.close());

  it('should log in with a short-lived access token and describe the user', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'REP_T01', password: TEST_PASSWORD })
      .expect(200);
    expect(res.body.expiresIn).toBeLessThanOrEqual(900);
    expect(res.body.user).toMatchObject({
      username: 'rep_t01',
      displayName: '城关镇填报员',
      roles: ['reporter'],
      units: [{ id: units.T01, code: 'T01', name: '城关镇' }],
      mustChangePassword: false,
    });
    expect(res.body.user.permissions).toContain('reports.submit');
    expect(res.body.user.permissions).not.toContain('reports.review');
    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.username).toBe('rep_t01');
  });

  it('should answer an unknown user and a wrong password the same way, and audit both', async () => {
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'nobody', password: 'x' })
      .expect(401);
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'leader', password: 'wrong' })
      .expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.code).toBe(unknown.body.code);
    expect(wrong.body.message).toBe(unknown.body.message);
    const events = await t.dataSource.query(
      `SELECT username, result, detail->>'reason' AS reason FROM audit_event WHERE action = 'auth.login' AND result = 'failure' ORDER BY id`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { username: 'nobody', result: 'failure', reason: 'unknown_user' },
        { username: 'leader', result: 'failure', reason: 'wrong_password' },
      ]),
    );
  });

  it('should lock an account after 5 failed logins, even for the right password', async () => {
    await insertUser(t.dataSource, { username: 'lockme', roles: ['leader'] });
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'lockme', password: 'Wrong#2026' })
        .expect(401);
    }
    const locked = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'lockme', password: TEST_PASSWORD })
      .expect(401);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.message).toContain('15 分钟');
  });

  // the per-address limit (AUTH-3) is in login-limits.e2e-spec.ts: it needs PACER_TRUSTED_PROXIES for its addresses

  it('should make a password older than 90 days be changed before anything else, and audit it (AUTH-2)', async () => {
    await insertUser(t.dataSource, { username: 'oldpass', roles: ['leader'], displayName: '县发改局 老周' });
    await insertUser(t.dataSource, {
      username: 'recentpass',
      roles: ['leader'],
      displayName: '县商务局 小李',
    });
    await t.dataSource.query(
      `UPDATE app_user SET password_changed_at = now() - interval '91 days' WHERE username = 'oldpass';
       UPDATE app_user SET password_changed_at = now() - interval '89 days' WHERE username = 'recentpass'`,
    );
    const recent = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'recentpass', password: TEST_PASSWORD })
      .expect(200);
    expect(recent.body.user.mustChangePassword).toBe(false);

    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'oldpass', password: TEST_PASSWORD })
      .expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = `Bearer ${login.body.accessToken}`;
    const blocked = await t.http.get('/api/v1/units').set('Authorization', token).expect(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const [event] = await t.dataSource.query(
      `SELECT username, detail->>'maxAgeDays' AS days FROM audit_event WHERE action = 'auth.password.expired'`,
    );
    expect(event).toEqual({ username: 'oldpass', days: '90' });

    await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', token)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Xinmima#2026q' })
      .expect(204);
    const again = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'oldpass', password: 'Xinmima#2026q' })
      .expect(200);
    expect(again.body.user.mustChangePassword).toBe(false);
    await t.http.get('/api/v1/units').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
  });

  it('should rotate refresh tokens and end the family when a used one comes back', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'leader', password: TEST_PASSWORD })
      .expect(200);
    const first = login.body.refreshToken;
    const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    // the stolen old token is replayed: refused, and the whole family dies
    const replay = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(replay.body.code).toBe('INVALID_REFRESH_TOKEN');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${rotated.body.accessToken}`)
      .expect(401);
  });

  it('should revoke the session on logout, access token included', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'leader', password: TEST_PASSWORD })
      .expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    await t.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    await t.http
      .post('/api/v1/auth/logout')
      .set('Authorization', auth)
      .send({ refreshToken: login.body.refreshToken })
      .expect(204);
    await t.http.get('/api/v1/auth/me').set('Authorization', auth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
  });

  it('should hold a new account at the password change, then let it through', async () => {
    const sys = await bearer(t.http, 'sysadmin');
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', sys)
      .send({
        username: 'newrep',
        displayName: '新填报员',
        roles: ['reporter'],
        unitIds: [units.T02],
        password: 'Chushi#2026',
      })
      .expect(201);
    expect(created.body.mustChangePassword).toBe(true);
    const auth = await bearer(t.http, 'newrep', 'Chushi#2026');
    const held = await t.http.get('/api/v1/units').set('Authorization', auth).expect(403);
    expect(held.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: 'Chushi#2026', newPassword: 'newrep123' })
      .expect(400);
    expect(weak.body.code).toBe('PASSWORD_POLICY');
    await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: 'Chushi#2026', newPassword: 'Xinmima#2026' })
      .expect(204);
    await t.http.get('/api/v1/units').set('Authorization', auth).expect(200);
    await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: 'Xinmima#2026', newPassword: 'Chushi#2026' })
      .expect(400)
      .expect((res) => expect(res.body.details[0]).toMatchObject({ field: 'newPassword', code: 'reused' }));
  });

  it('should apply a disabled account or a role change on the very next request (AUTH-7)', async () => {
    const id = await insertUser(t.dataSource, { username: 'temp_admin', roles: ['admin'] });
    const auth = await bearer(t.http, 'temp_admin');
    await t.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    await t.dataSource.query(`UPDATE app_user SET roles = '{leader}' WHERE id = $1`, [id]);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    expect(me.body.roles).toEqual(['leader']);
    await t.dataSource.query('UPDATE app_user SET is_active = false WHERE id = $1', [id]);
    await t.http.get('/api/v1/auth/me').set('Authorization', auth).expect(401);
  });

  it('should keep the three administrators apart (三员分立) and audit the refusal', async () => {
    const sys = await bearer(t.http, 'sysadmin');
    const denied = await t.http.get('/api/v1/audit').set('Authorization', sys).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const auditor = await bearer(t.http, 'auditor');
    await t.http
      .post('/api/v1/units')
      .set('Authorization', auditor)
      .send({ code: 'X9', name: '某单位', category: 'town' })
      .expect(403);
    const log = await t.http
      .get('/api/v1/audit?action=auth.denied')
      .set('Authorization', auditor)
      .expect(200);
    expect(log.body.items.map((e: { username: string }) => e.username)).toEqual(
      expect.arrayContaining(['sysadmin', 'auditor']),
    );
    const reporter = await bearer(t.http, 'rep_t01');
    await t.http.post('/api/v1/users').set('Authorization', reporter).send({}).expect(403);
  });

  it('should refuse anonymous callers on every non-public route, and every route must name a permission (AC-1)', async () => {
    const scanner = new MetadataScanner();
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    const reflector = t.app.get(Reflector);
    const routes: Array<{ method: string; path: string; isPublic: boolean; permission?: string }> = [];
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as Function;
        const sub = Reflect.getMetadata(PATH_METADATA, handler);
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const isPublic = !!reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
          handler,
          wrapper.metatype as Function,
        ]);
        const permission = reflector.getAllAndOverride<string | undefined>(PERMISSION_KEY, [
          handler,
          wrapper.metatype as Function,
        ]);
        const full = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        const path = full.startsWith('/api/health') ? full : `/api/v1${full}`;
        routes.push({ method, path: path.replace(/:(\w+)/g, '1'), isPublic, permission });
      }
    }
    expect(routes.length).toBeGreaterThan(10);
    const publicRoutes = routes
      .filter((r) => r.isPublic)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'GET /api/health/live',
        'GET /api/health/ready',
        'GET /api/v1/auth/demo',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/mfa/verify',
        'POST /api/v1/auth/refresh',
      ].sort(),
    );
    for (const route of routes.filter((r) => !r.isPublic)) {
      expect({ route: `${route.method} ${route.path}`, hasPermission: !!route.permission }).toEqual({
        route: `${route.method} ${route.path}`,
        hasPermission: true,
      });
      const res = await t.http[route.method.toLowerCase() as 'get'](route.path).send({});
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('should keep the audit log append-only and its hash chain verifiable', async () => {
    const auditor = await bearer(t.http, 'auditor');
    const ok = await t.http.get('/api/v1/audit/verify').set('Authorization', auditor).expect(200);
    expect(ok.body.firstBrokenId).toBeNull();
    expect(ok.body.checked).toBeGreaterThan(5);
    // the app's runtime role has no UPDATE/DELETE on it; the owner is stopped by the trigger
    await expect(t.dataSource.query(`UPDATE audit_event SET action = 'x' WHERE id = 1`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.ownerDataSource.query(`UPDATE audit_event SET action = 'x' WHERE id = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ownerDataSource.query('DELETE FROM audit_event WHERE id = 1')).rejects.toThrow(/append-only/);
    // tamper behind the trigger's back: the verifier names the row
    await t.ownerDataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
      await m.query(`UPDATE audit_event SET ip = '10.9.9.9' WHERE id = 3`);
      await m.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    });
    const broken = await t.http.get('/api/v1/audit/verify').set('Authorization', auditor).expect(200);
    expect(broken.body.firstBrokenId).toBe('3');
    expect(users.auditor).toBeGreaterThan(0);
  });
});
