import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';

import { Controller, Get } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { AppModule } from '../src/app.module';
import { Public } from '../src/common/decorators/public.decorator';
import { configureApp } from '../src/configure-app';
import { removeEmbeddedCluster } from '../src/database/embedded-location';
import { type ClusterProcess, startClusterProcess } from './support/cluster-process';

/** A probe that runs a failing statement with a value that must never reach the log. */
@Controller('probe-sql')
class FailingSqlProbeController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async fail(): Promise<void> {
    await this.dataSource.query('SELECT $1::int AS n', ['城关镇机密口令Kaohe#2026']);
  }
}

async function poll(http: TestAgent, path: string, status: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  let last: request.Response | undefined;
  while (Date.now() < deadline) {
    last = await http.get(path);
    if (last.status === status) return { res: last, ms: withinMs - (deadline - Date.now()) };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${path} did not answer ${status} within ${withinMs} ms (last ${last?.status} ${JSON.stringify(last?.body)})`,
  );
}

/**
 * REL-6 on a dedicated embedded cluster: ready answers 503 while the database is stopped and 200 again by itself once it
 * is back on the same port; live stays 200 throughout. The app's TypeORM options never synchronize (REL-7), and a
 * failed statement is one JSON log line with the parameters redacted, under the request id.
 */
describe('health and database logging on a dedicated cluster (e2e, REL-6, REL-7)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-rel6-'));
  const clusterDir = path.join(dir, 'pg');
  let cluster: ClusterProcess;
  let app: NestExpressApplication;
  let http: TestAgent;
  const logLines: string[] = [];

  beforeAll(async () => {
    cluster = await startClusterProcess(clusterDir);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl: cluster.url, logLevel: 'warn', logDestination: sink })],
      controllers: [FailingSqlProbeController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureApp(app, { bodyLimit: '1mb', apiDocs: 'off' });
    await app.init();
    http = request(app.getHttpServer());
  }, 60000);

  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
    removeEmbeddedCluster(clusterDir); // its data may live outside `dir` (as root, under PACER_PG_RUNTIME_DIR)
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should run with a DataSource that neither synchronizes nor drops the schema (REL-7)', () => {
    const options = app.get(DataSource).options as {
      synchronize?: boolean;
      dropSchema?: boolean;
      migrationsRun?: boolean;
    };
    expect({
      synchronize: !!options.synchronize,
      dropSchema: !!options.dropSchema,
      migrationsRun: !!options.migrationsRun,
    }).toEqual({
      synchronize: false,
      dropSchema: false,
      migrationsRun: false,
    });
  });

  it('should log a failed statement as one JSON line, parameters redacted, under the request id', async () => {
    const res = await http.get('/api/v1/probe-sql').set('X-Request-Id', 'req-sql-0001').expect(500);
    expect(res.body).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-sql-0001' });
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|Kaohe/);
    const parsed = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = parsed.filter((l) => l.msg === 'query failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 50,
      query: 'SELECT $1::int AS n',
      parameters: { count: 1, types: ['string'] },
      err: { code: '22P02' },
      req: { id: 'req-sql-0001' },
    });
    expect(logLines.join('\n')).not.toMatch(/Kaohe|机密口令/);
    expect(parsed.some((l) => l.msg === 'unhandled error' && l.requestId === 'req-sql-0001')).toBe(true);
  });

  it('should answer ready 503 while the database is stopped and 200 again by itself once it is back', async () => {
    await http.get('/api/health/ready').expect(200);
    const port = cluster.port;
    await cluster.stop();

    const down = await poll(http, '/api/health/ready', 503, 10000);
    expect(down.res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 'error' });
    expect(JSON.stringify(down.res.body)).not.toMatch(/\n\s+at |\.ts:\d+/);
    await http.get('/api/health/live').expect(200);

    cluster = await startClusterProcess(clusterDir, port);
    expect(cluster.port).toBe(port);
    await http.get('/api/health/live').expect(200);
    const up = await poll(http, '/api/health/ready', 200, 15000);
    expect(up.res.body).toMatchObject({ status: 'ok' });
    await http.get('/api/health/live').expect(200);
  }, 60000);
});
