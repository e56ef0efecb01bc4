import {
  loadPrincipalCacheOptions,
  PRINCIPAL_CACHE_OPTIONS,
  PRINCIPAL_LISTENER_NAME,
  PrincipalCacheService,
} from '../src/modules/auth/principal-cache.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

// AUTH-7 with the principal cache (issue 11 part 2): two replicas of one deployment on one database. A change made
// through replica A (or straight in the database) takes effect on the very next request served by replica B, whose
// cache held the old principal; while B's change listener is down, B serves nothing from memory.

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('principal cache on two replicas (e2e, AUTH-7)', () => {
  let a: TestApp;
  let b: TestApp;
  let cacheB: PrincipalCacheService;
  let units: Record<string, number>;
  let sysadminA: string;

  const versionOf = async (id: number): Promise<number> =>
    (await a.dataSource.query('SELECT version FROM app_user WHERE id = $1', [id]))[0].version;
  /** Two requests on B: the second is served from B's memory (the cache is really in use). */
  const warmOnB = async (auth: string) => {
    await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    const hits = cacheB.stats.hits;
    const me = await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    expect(cacheB.stats.hits).toBe(hits + 1);
    return me.body;
  };

  beforeAll(async () => {
    a = await createTestApp();
    // B waits 3 s before listening again, so that the test sees it serve while its listener is down
    b = await createTestApp({
      databaseUrl: a.databaseUrl,
      overrides: [{ provide: PRINCIPAL_CACHE_OPTIONS, useValue: { ...loadPrincipalCacheOptions(), retryMs: { first: 3000, max: 3000 } } }],
    });
    cacheB = b.app.get(PrincipalCacheService);
    units = await insertUnits(a.dataSource, SMALL_COUNTY);
    await insertStandardUsers(a.dataSource, units);
    sysadminA = await bearer(a.http, 'sysadmin');
    await until('both listeners', () => cacheB.isListening && a.app.get(PrincipalCacheService).isListening);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('should serve a principal from memory and refuse, on replica B, a user disabled through replica A on the very next request', async () => {
    const id = await insertUser(a.dataSource, { username: 'chengguan_zhang', displayName: '城关镇 张敏', roles: ['reporter'], unitIds: [units.T01!] });
    const auth = await bearer(b.http, 'chengguan_zhang');
    expect((await warmOnB(auth)).username).toBe('chengguan_zhang');

    await a.http.patch(`/api/v1/users/${id}`).set('Authorization', sysadminA).send({ version: await versionOf(id), isActive: false }).expect(200);
    const refused = await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });

  it('should give, on replica B, the roles and units changed through replica A on the very next request', async () => {
    const id = await insertUser(a.dataSource, { username: 'qingshan_li', displayName: '青山镇 李强', roles: ['reporter'], unitIds: [units.T01!] });
    const auth = await bearer(b.http, 'qingshan_li');
    const before = await warmOnB(auth);
    expect(before.roles).toEqual(['reporter']);
    expect(before.units.map((u: { code: string }) => u.code)).toEqual(['T01']);
    // the permissions the guard checks come from the cached principal
    await b.http.get('/api/v1/users').set('Authorization', auth).expect(403);

    await a.http
      .patch(`/api/v1/users/${id}`)
      .set('Authorization', sysadminA)
      .send({ version: await versionOf(id), roles: ['leader'], unitIds: [units.T02!] })
      .expect(200);
    const after = await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    expect(after.body.roles).toEqual(['leader']);
    expect(after.body.units.map((u: { code: string }) => u.code)).toEqual(['T02']);
    expect(after.body.permissions).toContain('progress.read');
  });

  it('should end, on replica B, a session logged out or a password changed through replica A on the very next request', async () => {
    await insertUser(a.dataSource, { username: 'fgj_wang', displayName: '县发改局 王芳', roles: ['reporter'], unitIds: [units.T02!] });
    // one session logged out through A
    const login = await b.http.post('/api/v1/auth/login').send({ username: 'fgj_wang', password: TEST_PASSWORD }).expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    await warmOnB(auth);
    await a.http.post('/api/v1/auth/logout').set('Authorization', auth).send({ refreshToken: login.body.refreshToken }).expect(204);
    await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(401);

    // a password changed through A ends the user's other sessions, B's included
    const other = await bearer(b.http, 'fgj_wang');
    const current = await bearer(a.http, 'fgj_wang');
    await warmOnB(other);
    await a.http
      .post('/api/v1/auth/password')
      .set('Authorization', current)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Zhaoshang#Fgj2026q' })
      .expect(204);
    await b.http.get('/api/v1/auth/me').set('Authorization', other).expect(401);
  });

  it('should read the database on every request while the change listener is down, and use memory again once it is back', async () => {
    const id = await insertUser(a.dataSource, { username: 'swj_zhao', displayName: '县商务局 赵磊', roles: ['reporter'], unitIds: [units.T01!] });
    const auth = await bearer(b.http, 'swj_zhao');
    await warmOnB(auth);

    // the listeners' connections are cut (a network loss, a database restart): nothing announces the next change
    await a.ownerDataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [PRINCIPAL_LISTENER_NAME],
    );
    await until('B to notice the lost listener', () => !cacheB.isListening);
    await a.dataSource.query(`UPDATE app_user SET roles = '{leader}' WHERE id = $1`, [id]);
    const bypassed = cacheB.stats.bypassed;
    const me = await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    expect(cacheB.isListening).toBe(false);
    expect(cacheB.stats.bypassed).toBe(bypassed + 1);
    expect(me.body.roles).toEqual(['leader']);

    // back: it starts empty and is announced changes again
    await until('B to listen again', () => cacheB.isListening);
    expect((await warmOnB(auth)).roles).toEqual(['leader']);
    await a.dataSource.query('UPDATE app_user SET is_active = false WHERE id = $1', [id]);
    await b.http.get('/api/v1/auth/me').set('Authorization', auth).expect(401);
  });
});
