import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Body, Controller, Post } from '@nestjs/common';
import { IsInt, IsString, Matches, Min } from 'class-validator';
import { DataSource } from 'typeorm';

import { Public } from '../src/common/decorators/public.decorator';
import { buildDataSourceOptions, runMigrationsLocked } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestApp, createTestDatabase, type TestApp } from './create-test-app';

class ProbeDto {
  @IsString()
  name: string;

  @IsInt()
  @Min(1)
  count: number;

  @Matches(/^\d{1,14}(\.\d{1,4})?$/)
  amountWan: string;
}

@Public()
@Controller('probe')
class ProbeController {
  @Post()
  echo(@Body() dto: ProbeDto) {
    return { ok: true, name: dto.name };
  }

  @Post('boom')
  boom() {
    throw new Error('relation "secret_table" does not exist at SELECT * FROM secret_table');
  }
}

describe('foundation (e2e)', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html lang="zh-CN"><title>Pacer</title></html>');
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await createTestApp({ controllers: [ProbeController], webDist });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('should answer live and ready with the database and migrations up', async () => {
    await t.http.get('/api/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const ready = await t.http.get('/api/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.migrations).toMatchObject({ status: 'up', applied: MIGRATIONS.length });
  });

  it('should have applied the migrations to the real database', async () => {
    const rows = await t.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    // the access-token key was generated once and kept for every replica
    const keys = await t.dataSource.query(`SELECT length(value #>> '{}') AS n FROM app_setting WHERE key = 'auth.jwt_secret'`);
    expect(keys).toEqual([{ n: 64 }]);
  });

  it('should answer an unknown API route with the error format and a request id', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').expect(404);
    expect(res.body).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: '接口不存在：GET /api/v1/no-such-thing',
      messageEn: 'No route GET /api/v1/no-such-thing',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('should keep a safe caller-given request id and replace a hostile one', async () => {
    const kept = await t.http.get('/api/v1/x').set('X-Request-Id', 'abc-123').expect(404);
    expect(kept.body.requestId).toBe('abc-123');
    const replaced = await t.http.get('/api/v1/x').set('X-Request-Id', 'x'.repeat(65) + ';forged').expect(404);
    expect(replaced.body.requestId).not.toContain('forged');
  });

  it('should refuse unknown fields, wrong types and bad amounts naming each field', async () => {
    const res = await t.http
      .post('/api/v1/probe')
      .send({ name: '示范县', count: '3', amountWan: '1,000', extra: 1 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['amountWan', 'count', 'count', 'extra']);
    const extra = res.body.details.find((d: { field: string }) => d.field === 'extra');
    expect(extra).toMatchObject({ code: 'whitelistValidation', message: 'extra：不允许的字段' });
    expect(extra.messageEn).toMatch(/should not exist/);
    await t.http.post('/api/v1/probe').send({ name: '示范县', count: 3, amountWan: '1000.5' }).expect(201, {
      ok: true,
      name: '示范县',
    });
  });

  it('should answer broken JSON with 400 and a huge body with 413, in the error format', async () => {
    const broken = await t.http.post('/api/v1/probe').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(broken.body).toMatchObject({ code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON' });
    expect(broken.body.requestId).toBeTruthy();
    const huge = await t.http
      .post('/api/v1/probe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should never leak a stack trace or SQL text', async () => {
    const res = await t.http.post('/api/v1/probe/boom').expect(500);
    expect(res.body).toMatchObject({ code: 'INTERNAL_ERROR', message: '服务器内部错误，请联系管理员' });
    expect(JSON.stringify(res.body)).not.toMatch(/secret_table|at |\.ts/);
  });

  it('should send the security headers and no-store on API answers', async () => {
    const res = await t.http.get('/api/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('should publish the OpenAPI description', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.info.title).toContain('Pacer');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health/live', '/api/health/ready']));
  });

  it('should serve the web app with an SPA fallback that never shadows the API', async () => {
    const root = await t.http.get('/').expect(200);
    expect(root.text).toContain('lang="zh-CN"');
    const deep = await t.http.get('/ranking/2026-10').expect(200);
    expect(deep.text).toContain('<title>Pacer</title>');
    const asset = await t.http.get('/assets/app-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await t.http.get('/api/v1/ranking').expect(404);
  });

  it('should let two replicas migrate one fresh database at once without a race', async () => {
    const database = await createTestDatabase();
    const sources = [1, 2].map(() => new DataSource(buildDataSourceOptions(database.url, { logging: false })));
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
      // exactly one of them did the work, the other found nothing pending
      expect(applied.map((a) => a.length).sort()).toEqual([0, MIGRATIONS.length]);
      const rows = await sources[0]!.query('SELECT count(*)::int AS n FROM migrations');
      expect(rows[0].n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((s) => (s.isInitialized ? s.destroy() : undefined)));
      await database.drop();
    }
  });

  it('should keep date columns as YYYY-MM-DD strings whatever the process time zone', async () => {
    const rows = await t.dataSource.query(`SELECT DATE '2026-10-31' AS d, 12.3400::numeric AS n`);
    expect(rows[0]).toEqual({ d: '2026-10-31', n: '12.3400' });
  });
});
