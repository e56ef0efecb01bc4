import { resolveApiDocsMode } from '../src/modules/api-docs/api-docs.gate';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

/** PACER_API_DOCS: who may read /api/docs (the UI) and /api/docs-json (the OpenAPI description). */
describe('API docs access (e2e)', () => {
  describe('login (the production default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ apiDocs: 'login' });
      const units = await insertUnits(t.dataSource, SMALL_COUNTY);
      await insertStandardUsers(t.dataSource, units);
      await insertUser(t.dataSource, { username: 'xinren', roles: ['leader'], mustChangePassword: true });
    });
    afterAll(() => t.close());

    it('should refuse an anonymous caller the description, the UI and its assets, in the error format', async () => {
      for (const path of [
        '/api/docs-json',
        '/api/docs',
        '/api/docs/',
        '/api/docs/swagger-ui-init.js',
        '/api/docs-yaml',
      ]) {
        const res = await t.http.get(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        expect(res.body.message).toContain('系统管理');
        expect(res.body.requestId).toBeTruthy();
      }
      await t.http.get('/api/docs-json').set('Authorization', 'Bearer not.a.token').expect(401);
    });

    it('should serve the description to a bearer token of a live session, and stop when the session ends', async () => {
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'rep_t01', password: TEST_PASSWORD })
        .expect(200);
      const token = `Bearer ${login.body.accessToken}`;
      const res = await t.http.get('/api/docs-json').set('Authorization', token).expect(200);
      expect(res.body.info.title).toContain('Pacer');
      await t.http
        .post('/api/v1/auth/logout')
        .set('Authorization', token)
        .send({ refreshToken: login.body.refreshToken })
        .expect(204);
      await t.http.get('/api/docs-json').set('Authorization', token).expect(401);
    });

    it('should refuse an account that must still change its password', async () => {
      const token = await bearer(t.http, 'xinren');
      await t.http.get('/api/docs-json').set('Authorization', token).expect(401);
    });

    it('should let a browser in through the HttpOnly cookie the web app asks for', async () => {
      const token = await bearer(t.http, 'admin');
      await t.http.post('/api/v1/docs/session').expect(401);
      const session = await t.http.post('/api/v1/docs/session').set('Authorization', token).expect(204);
      const cookie = String(session.headers['set-cookie']);
      expect(cookie).toMatch(/^pacer_docs=[\w-]+\.[\w-]+\.[\w-]+;/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api;/);
      const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
      expect(maxAge).toBeGreaterThan(0);
      expect(maxAge).toBeLessThanOrEqual(900);
      const pair = cookie.split(';')[0]!;
      const ui = await t.http.get('/api/docs').set('Cookie', pair).expect(200);
      expect(ui.text).toContain('swagger');
      await t.http.get('/api/docs-json').set('Cookie', pair).expect(200);
      // the cookie opens the docs only: the API takes bearer tokens alone
      await t.http.get('/api/v1/auth/me').set('Cookie', pair).expect(401);
      await t.http.get('/api/docs-json').set('Cookie', 'pacer_docs=forged.token.value').expect(401);
    });
  });

  describe('off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ apiDocs: 'off' });
      const units = await insertUnits(t.dataSource, SMALL_COUNTY);
      await insertStandardUsers(t.dataSource, units);
    });
    afterAll(() => t.close());

    it('should serve no docs at all, not even to an administrator', async () => {
      const token = await bearer(t.http, 'admin');
      for (const path of ['/api/docs-json', '/api/docs']) {
        const res = await t.http.get(path).set('Authorization', token);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    });
  });

  describe('public', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ apiDocs: 'public' });
    });
    afterAll(() => t.close());

    it('should serve the description and the UI to anyone', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toContain('/api/v1/docs/session');
      await t.http.get('/api/docs').expect(200);
    });
  });

  it('should default to login in production and public in development and test', () => {
    expect(resolveApiDocsMode({ NODE_ENV: 'production' })).toBe('login');
    expect(resolveApiDocsMode({ NODE_ENV: 'development' })).toBe('public');
    expect(resolveApiDocsMode({ NODE_ENV: 'test' })).toBe('public');
    expect(resolveApiDocsMode({ NODE_ENV: 'production', PACER_API_DOCS: 'off' })).toBe('off');
    expect(resolveApiDocsMode({ NODE_ENV: 'development', PACER_API_DOCS: 'login' })).toBe('login');
  });
});
