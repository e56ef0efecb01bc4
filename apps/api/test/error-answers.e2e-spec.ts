import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Body, Controller, Get, Logger, Post } from '@nestjs/common';
import { IsInt, Min } from 'class-validator';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

import { Public } from '../src/common/decorators/public.decorator';
import { createTestApp, type TestApp } from './create-test-app';

class CountDto {
  @IsInt()
  @Min(1)
  count: number;
}

/** Probes that make the database itself fail, as a bug in a repository would. */
@Public()
@Controller('probe-db')
class DatabaseProbeController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('bad-sql')
  async badSql() {
    return this.dataSource.query('SELECT secret_column FROM pacer_missing_table WHERE password_hash = $1', ['x']);
  }

  @Post('constraint')
  async constraint(@Body() dto: CountDto) {
    // a CHECK violation with a value the caller sent: the answer must not echo the statement or the row
    return this.dataSource.query(`INSERT INTO unit (code, name, category) VALUES ($1, '城关镇', 'Town!')`, [`U${dto.count}`]);
  }
}

/**
 * SES-3 on every answer, not only the happy ones (errors, static files), and ERR-1 for a real database error:
 * the 500 carries a code, both messages and the request id, never SQL text or a stack; the log has the full
 * error under the same request id.
 */
describe('security headers and error answers (e2e)', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html lang="zh-CN"><title>招商引资目标考核</title></html>');
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'assets', 'index-9f8e7d.js'), 'console.log("考核")');
    fs.writeFileSync(path.join(webDist, 'assets', 'index-9f8e7d.css'), 'body{margin:0}');
    t = await createTestApp({ controllers: [DatabaseProbeController], webDist });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  function expectHelmet(res: Response, what: string): void {
    expect({ what, nosniff: res.headers['x-content-type-options'] }).toEqual({ what, nosniff: 'nosniff' });
    const csp = String(res.headers['content-security-policy'] ?? '');
    expect({ what, csp }).toEqual({ what, csp: expect.stringContaining("frame-ancestors 'none'") });
    expect({ what, csp }).toEqual({ what, csp: expect.stringContaining("default-src 'self'") });
    expect({ what, csp }).toEqual({ what, csp: expect.stringContaining("script-src 'self'") });
    expect({ what, frame: res.headers['x-frame-options'] }).toEqual({ what, frame: 'SAMEORIGIN' });
    expect({ what, poweredBy: res.headers['x-powered-by'] }).toEqual({ what, poweredBy: undefined });
  }

  function expectNoStore(res: Response, what: string): void {
    // exactly no-store, or a list holding it (terminus adds no-cache and must-revalidate on the probes)
    expect({ what, cache: res.headers['cache-control'] }).toEqual({
      what,
      cache: expect.stringMatching(/^(.*,\s*)?no-store(\s*,.*)?$/),
    });
  }

  it.each([
    ['an unknown API route (404)', () => t.http.get('/api/v1/no-such-route'), 404, 'ROUTE_NOT_FOUND'],
    ['a call without a token (401)', () => t.http.get('/api/v1/units'), 401, 'UNAUTHENTICATED'],
    ['a forged token (401)', () => t.http.get('/api/v1/auth/me').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.e30.'), 401, 'UNAUTHENTICATED'],
    [
      'a body that fails validation (400)',
      () => t.http.post('/api/v1/auth/login').send({ username: '城关镇', password: 3 }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'broken JSON (400, before any route runs)',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":'),
      400,
      'MALFORMED_JSON',
    ],
    [
      'a body over the limit (413, before any route runs)',
      () =>
        t.http
          .post('/api/v1/auth/login')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024) })),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a database error (500)', () => t.http.get('/api/v1/probe-db/bad-sql'), 500, 'INTERNAL_ERROR'],
  ])('should send the security headers and no-store on %s', async (what, send, status, code) => {
    const res = await send();
    expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
    expectHelmet(res, what);
    expectNoStore(res, what);
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('should send no-store on every successful API answer too, health probes included', async () => {
    for (const url of ['/api/health/live', '/api/health/ready', '/api/v1/auth/demo']) {
      const res = await t.http.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expectHelmet(res, url);
      expectNoStore(res, url);
    }
  });

  it('should send the security headers on the web app, its static assets and its SPA fallback', async () => {
    for (const url of ['/', '/assets/index-9f8e7d.js', '/assets/index-9f8e7d.css', '/ranking/2026-10']) {
      const res = await t.http.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expectHelmet(res, url);
      // static files may be cached (hashed assets for good, index.html revalidated), never marked no-store
      expect({ url, cache: res.headers['cache-control'] }).toEqual({
        url,
        cache: url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    const missing = await t.http.get('/assets/not-there.js');
    expectHelmet(missing, 'a missing asset');
  });

  it('should answer a database error with 500, a code, both messages and the request id, and no SQL or stack', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const res = await t.http.get('/api/v1/probe-db/bad-sql').set('X-Request-Id', 'err1-probe-0001').expect(500);
      expect(res.body).toEqual({
        code: 'INTERNAL_ERROR',
        message: '服务器内部错误，请联系管理员',
        messageEn: 'Internal server error',
        requestId: 'err1-probe-0001',
      });
      const text = res.text;
      for (const leak of ['pacer_missing_table', 'secret_column', 'password_hash', 'SELECT', 'relation', '42P01', 'QueryFailedError', '.ts:', '    at ']) {
        expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
      }
      // the log keeps what the answer leaves out, under the same request id
      const logged = errors.mock.calls.find(([entry]) => (entry as { requestId?: string })?.requestId === 'err1-probe-0001');
      expect(logged).toBeDefined();
      const entry = logged![0] as { err: Error & { code?: string; query?: string } };
      expect(entry.err.message).toContain('pacer_missing_table');
      expect(entry.err.code).toBe('42P01');
    } finally {
      errors.mockRestore();
    }
  });

  it('should answer a constraint the database refuses with 500 and nothing of the row or statement', async () => {
    const res = await t.http.post('/api/v1/probe-db/constraint').send({ count: 7 }).expect(500);
    expect(res.body.code).toBe('INTERNAL_ERROR');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.text).not.toMatch(/unit_category_check|INSERT|Town!|U7|23514|violates/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE code = 'U7'`);
    expect(n).toBe(0);
  });
});
