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
import { buildDataSourceOptions } from '../src/database/data-source';
import type { ApiDocsMode } from '../src/modules/api-docs/api-docs.gate';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  /** The app's own connection: the runtime role, as in production (DML only, the audit log append-only). */
  dataSource: DataSource;
  /**
   * The owner's connection to the same database (the cluster's superuser), for what the app may not do and a test
   * must: create a failing trigger, tamper with the audit log behind its trigger's back.
   */
  ownerDataSource: DataSource;
  /** The runtime role's URL of this database (give it to createTestApp to start another replica). */
  databaseUrl: string;
  /** The owner's URL of this database (what the backup and restore commands connect with). */
  ownerUrl: string;
  close(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.PACER_TEST_DATABASE_URL;
  if (!url) throw new Error('PACER_TEST_DATABASE_URL is not set: run through jest.e2e.config.js');
  return url;
}

/** `base` (a server URL) pointing at database `name`. */
function urlOfDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The owner's and the runtime role's URLs of one database. The global setup's cluster has a separate runtime role
 * (PACER_TEST_RUNTIME_DATABASE_URL); an external server given without one runs everything as its single role.
 */
export function databaseUrls(name: string): { ownerUrl: string; runtimeUrl: string } {
  const runtime = process.env.PACER_TEST_RUNTIME_DATABASE_URL;
  return { ownerUrl: urlOfDatabase(serverUrl(), name), runtimeUrl: urlOfDatabase(runtime || serverUrl(), name) };
}

/** A fresh, empty database in the throwaway cluster (one per test file, so files run in parallel); `url` is the owner's. */
export async function createTestDatabase(): Promise<{ url: string; runtimeUrl: string; drop(): Promise<void> }> {
  const base = new URL(serverUrl());
  const name = `pacer_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const { ownerUrl, runtimeUrl } = databaseUrls(name);
  return {
    url: ownerUrl,
    runtimeUrl,
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
    /** Who may read /api/docs (PACER_API_DOCS); public by default, as in development. */
    apiDocs?: ApiDocsMode;
  } = {},
): Promise<TestApp> {
  const database = options.databaseUrl
    ? {
        ...(({ ownerUrl, runtimeUrl }) => ({ url: ownerUrl, runtimeUrl }))(
          databaseUrls(new URL(options.databaseUrl).pathname.slice(1)),
        ),
        drop: async () => undefined,
      }
    : await createTestDatabase();
  // as main.ts runs it: migrations and grants as the owner, requests as the runtime role
  const builder = Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        databaseUrl: database.runtimeUrl,
        migrationUrl: database.url,
        logLevel: 'silent',
        sqlLogging: false,
      }),
    ],
    controllers: options.controllers ?? [],
  });
  for (const override of options.overrides ?? []) builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, {
    bodyLimit: '1mb',
    webDist: options.webDist,
    trustedProxies: options.trustedProxies,
    apiDocs: options.apiDocs ?? 'public',
  });
  await app.init();
  for (const job of app.get(SchedulerRegistry).getCronJobs().values()) await job.stop();
  const ownerDataSource = await new DataSource(
    buildDataSourceOptions(database.url, { logging: false, extra: { max: 2, options: '-c TimeZone=Asia/Shanghai' } }),
  ).initialize();
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    ownerDataSource,
    databaseUrl: database.runtimeUrl,
    ownerUrl: database.url,
    close: async () => {
      await app.close();
      await ownerDataSource.destroy();
      await database.drop();
    },
  };
}
