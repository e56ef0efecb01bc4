import 'reflect-metadata';

import * as path from 'node:path';

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from './app.module';
import { ConfigError, type Env, parseEnv } from './config/env.schema';
import { readyLine, resolveLogFormat } from './common/logging/log-format';
import { configureApp } from './configure-app';
import { type EmbeddedCluster, startEmbeddedPostgres } from './database/embedded-pg';
import { isDemoMode } from './database/seeds/demo-seed.service';
import { waitForDatabase } from './database/wait-for-database';
import { resolveApiDocsMode } from './modules/api-docs/api-docs.gate';

const SHUTDOWN_TIMEOUT_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`pacer: ${message}\n`);
  process.exit(1);
}

interface Database {
  /** Requests go through this URL (the runtime role). */
  url: string;
  /** Migrations and grants go through this one (the owner), when it is another. */
  migrationUrl?: string;
  cluster?: EmbeddedCluster;
}

async function resolveDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
    throw new Error('DATABASE_MIGRATION_URL needs DATABASE_URL (the runtime role requests use)');
  }
  if (env.DATABASE_URL) {
    await waitForDatabase(env.DATABASE_URL, env.PACER_DB_CONNECT_TIMEOUT);
    if (env.DATABASE_MIGRATION_URL) await waitForDatabase(env.DATABASE_MIGRATION_URL, env.PACER_DB_CONNECT_TIMEOUT);
    return { url: env.DATABASE_URL, migrationUrl: env.DATABASE_MIGRATION_URL };
  }
  const cluster = await startEmbeddedPostgres({
    clusterDir: path.join(env.PACER_DATA_DIR, 'pg'),
    runtimeDir: env.PACER_PG_RUNTIME_DIR,
    onLog: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? (m) => process.stderr.write(`[postgres] ${m}\n`) : undefined,
  });
  // the owner migrates and grants; requests run as the less privileged runtime role
  return { url: cluster.runtimeUrl, migrationUrl: cluster.url, cluster };
}

async function bootstrap(): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }

  let database: Database;
  try {
    database = await resolveDatabase(env);
  } catch (error) {
    fail((error as Error).message);
  }

  let app: NestExpressApplication | undefined;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    // bounded: a stuck request must not keep the process (and its database) alive forever
    const timer = setTimeout(() => {
      process.stderr.write(`pacer: shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms, exiting\n`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await app?.close(); // finishes in-flight requests, stops jobs, closes the pool
    } finally {
      await database.cluster?.stop();
    }
    process.stderr.write(`pacer: stopped on ${signal}\n`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({
        databaseUrl: database.url,
        migrationUrl: database.migrationUrl,
        logLevel: env.LOG_LEVEL,
        logFormat: resolveLogFormat(env.LOG_FORMAT, process.stdout.isTTY === true),
        demo: isDemoMode(env),
      }),
      { bufferLogs: true, bodyParser: false },
    );
    configureApp(app, {
      bodyLimit: env.PACER_BODY_LIMIT,
      webDist: env.PACER_WEB_DIST,
      trustedProxies: env.PACER_TRUSTED_PROXIES,
      apiDocs: resolveApiDocsMode(env),
    });
    await app.listen(env.PORT, env.HOST);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.cluster?.stop();
    fail(`could not start: ${(error as Error).message ?? String(error)}`);
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  process.stderr.write(
    `pacer: listening on http://localhost:${port} (${database.cluster ? `embedded PostgreSQL in ${database.cluster.dataDir}` : 'DATABASE_URL'})\n`,
  );
  process.stderr.write(readyLine(port, isDemoMode(env), process.stderr.isTTY === true));
}

void bootstrap();
