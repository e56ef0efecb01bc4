import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertRankingPlan, RANKING_COUNTY, RANKING_INDICATORS, seedJuneFigures } from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// Issue 11 part 2: reporters open Pacer over 4G. API JSON of 1 KiB or more goes brotli or gzip as asked, identity
// when not; the web's files go pre-compressed (written by the web build's scripts/precompress.mjs), hashed assets
// cached for a year as immutable, index.html revalidated.

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };
const PRECOMPRESS = path.resolve(__dirname, '..', '..', 'web', 'scripts', 'precompress.mjs');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

describe('compression (e2e)', () => {
  let t: TestApp;
  let port: number;
  let planId: number;
  let leader: string;
  let webDist: string;
  const script = `// 招商引资目标考核 ${'export const 乡镇 = ["城关镇", "青山镇", "白云镇", "县经济开发区"];\n'.repeat(200)}`;

  /** A GET with exactly these headers, the body as sent (supertest would decompress it). */
  const rawGet = (url: string, headers: Record<string, string>): Promise<Raw> =>
    new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: url, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        })
        .on('error', reject);
    });

  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html lang="zh-CN"><title>招商引资目标考核</title></html>');
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'assets', 'index-3f2a9c1d.js'), script);
    fs.writeFileSync(path.join(webDist, 'assets', 'tiny-0b1c2d3e.css'), 'body{margin:0}');
    // the web build's own step: .br and .gz beside every compressible file of at least 1 KiB
    execFileSync(process.execPath, [PRECOMPRESS, webDist]);

    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }], webDist });
    const u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    leader = await bearer(t.http, 'leader');
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('should send the dashboard JSON brotli or gzip when asked, and as is when not', async () => {
    const url = `/api/v1/plans/${planId}/dashboard?month=2026-06`;
    const plain = await rawGet(url, { authorization: leader });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const json = JSON.parse(plain.body.toString('utf8'));
    expect(json.planId).toBe(planId);

    const br = await rawGet(url, { authorization: leader, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(json);

    const gzip = await rawGet(url, { authorization: leader, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(json);

    // the kept answer's entity tag still answers 304 with no body, compressed or not
    const notModified = await rawGet(url, { authorization: leader, 'accept-encoding': 'br', 'if-none-match': String(plain.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
  });

  it('should send answers under 1 KiB as they are', async () => {
    const me = await rawGet('/api/v1/auth/me', { authorization: leader, 'accept-encoding': 'br, gzip' });
    expect(me.status).toBe(200);
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(me.body.toString('utf8')).username).toBe('leader');
  });

  it('should serve a hashed asset pre-compressed, immutable for a year, by Accept-Encoding', async () => {
    const file = '/assets/index-3f2a9c1d.js';
    const br = await rawGet(file, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(script);

    const gzip = await rawGet(file, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(script);

    // a client that prefers gzip by q-value gets gzip
    const preferred = await rawGet(file, { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(preferred.headers['content-encoding']).toBe('gzip');

    const plain = await rawGet(file, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body.toString('utf8')).toBe(script);
  });

  it('should serve a file too small to compress, index.html and the SPA fallback as they are, index.html revalidated', async () => {
    const tiny = await rawGet('/assets/tiny-0b1c2d3e.css', { 'accept-encoding': 'br, gzip' });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString('utf8')).toBe('body{margin:0}');
    expect(fs.existsSync(path.join(webDist, 'assets', 'tiny-0b1c2d3e.css.br'))).toBe(false);

    for (const url of ['/', '/dashboard']) {
      const page = await rawGet(url, { 'accept-encoding': 'br, gzip' });
      expect({ url, status: page.status }).toEqual({ url, status: 200 });
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body.toString('utf8')).toContain('招商引资目标考核');
    }
    // the .br copy itself is not a file of the app
    const copy = await rawGet('/assets/index-3f2a9c1d.js.br', {});
    expect(copy.headers['content-encoding']).toBeUndefined();
    expect(copy.headers['content-type']).toMatch(/text\/html/);
  });
});
