import 'reflect-metadata';

import { randomBytes } from 'node:crypto';

import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  dataSource: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.PACER_TEST_DATABASE_URL;
  if (!url) throw new Error('PACER_TEST_DATABASE_URL is not set: run through jest.e2e.config.js');
  return url;
}

/** A fresh, empty database in the throwaway cluster (one per test file, so files run in parallel). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(serverUrl());
  const name = `pacer_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The real application (same configureApp as main.ts) on a fresh database; extra controllers for probes, and
 * provider overrides (e.g. `{ provide: Clock, useValue: pinnedClock }`). With `databaseUrl` it joins an existing
 * database instead (another replica of the same deployment; its close() leaves the database to its creator).
 * The crons are registered but stopped: tests call the jobs' service methods themselves.
 */
export async function createTestApp(
  options: {
    controllers?: Type[];
    webDist?: string;
    overrides?: Array<{ provide: unknown; useValue: unknown }>;
    databaseUrl?: string;
    /** PACER_TRUSTED_PROXIES for this app (AUTH-3); none by default, as in production. */
    trustedProxies?: string;
  } = {},
): Promise<TestApp> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ databaseUrl: database.url, logLevel: 'silent', sqlLogging: false })],
    controllers: options.controllers ?? [],
  });
  for (const override of options.overrides ?? []) builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, { bodyLimit: '1mb', webDist: options.webDist, trustedProxies: options.trustedProxies });
  await app.init();
  for (const job of app.get(SchedulerRegistry).getCronJobs().values()) await job.stop();
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
