import 'reflect-metadata';

import * as fs from 'node:fs';
import * as path from 'node:path';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../../app.module';
import { ConfigError, type Env, parseEnv } from '../../config/env.schema';
import { embeddedClusterFiles } from '../embedded-location';
import { type EmbeddedCluster, startEmbeddedPostgres } from '../embedded-pg';
import { redactUrl, waitForDatabase } from '../wait-for-database';
import { DemoSeedService } from './demo-seed.service';

/**
 * `npm run seed` (in apps/api, after a build): seeds the demo county into the DATABASE_URL database, or into the
 * embedded one in PACER_DATA_DIR. Asking for it is consent, whatever PACER_DEMO says; it still never touches a
 * database that already has units, and a second run changes nothing.
 */
function say(message: string): void {
  process.stdout.write(`pacer seed: ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`pacer seed: ${message}\n`);
  process.exit(1);
}

/** The embedded cluster must not be in use by a running server (starting it here would stop that one's postmaster). */
function assertClusterIdle(clusterDir: string): void {
  const { pidFile } = embeddedClusterFiles(clusterDir);
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 0);
    else return;
  } catch {
    return; // a stale file from a killed run: the start below clears it
  }
  fail(
    `the embedded database in ${clusterDir} is in use (postmaster ${pid}); stop Pacer first, or set DATABASE_URL`,
  );
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  process.env.PACER_JOBS = '0'; // a one-off process: no scheduled jobs

  let cluster: EmbeddedCluster | undefined;
  let url = env.DATABASE_URL;
  let migrationUrl = env.DATABASE_MIGRATION_URL;
  if (url) {
    await waitForDatabase(url, env.PACER_DB_CONNECT_TIMEOUT);
    say(`seeding ${redactUrl(url)}`);
  } else {
    const clusterDir = path.join(env.PACER_DATA_DIR, 'pg');
    assertClusterIdle(clusterDir);
    cluster = await startEmbeddedPostgres({ clusterDir });
    url = cluster.runtimeUrl; // seeded through the runtime role, as the running API writes
    migrationUrl = cluster.url;
    say(`seeding the embedded database in ${clusterDir}`);
  }

  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ databaseUrl: url, migrationUrl, logLevel: 'warn', demo: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    const result = await app.get(DemoSeedService).seed('cli');
    if (result.seeded) {
      const c = result.counts;
      say(
        `示范县 seeded in ${result.ms} ms: ${c.units} units, ${c.users} accounts, ${c.targets} targets, ${c.projects} projects, ${c.reports} reports`,
      );
    } else {
      say(
        result.reason === 'already-seeded'
          ? 'the demo county is already there: nothing to do'
          : 'the database already has units: the demo is not seeded into it',
      );
    }
  } finally {
    await app.close();
    await cluster?.stop();
  }
}

main().catch((error: unknown) => fail((error as Error).message ?? String(error)));
