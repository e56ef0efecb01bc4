import * as fs from 'node:fs';
import * as path from 'node:path';

import { embeddedClusterFiles } from '../embedded-location';
import { startEmbeddedPostgres } from '../embedded-pg';
import { redactUrl, waitForDatabase } from '../wait-for-database';

export interface BackupTarget {
  url: string;
  /** Said to the person running the command: which database (never a password). */
  description: string;
  /** Stops the embedded cluster when this command started it. */
  release(): Promise<void>;
}

export interface TargetSettings {
  DATABASE_URL?: string;
  /** The owner role's URL (migrations): used when given, it has the rights restore needs. */
  DATABASE_MIGRATION_URL?: string;
  PACER_DATA_DIR: string;
  PACER_DB_CONNECT_TIMEOUT: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running postmaster of an embedded cluster, if any: its pid file names the port on line 4, and the credentials
 * file beside the cluster folder holds the login (embedded-pg.ts writes both; embedded-location.ts finds them, also when
 * the data lives outside PACER_DATA_DIR because Pacer runs as root).
 */
export function runningEmbeddedUrl(clusterDir: string, database = 'pacer'): string | null {
  const files = embeddedClusterFiles(clusterDir);
  if (!fs.existsSync(files.pidFile)) return null;
  const lines = fs.readFileSync(files.pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0)
    return null;
  const { user, password } = JSON.parse(fs.readFileSync(files.credentialsFile, 'utf8')) as {
    user: string;
    password: string;
  };
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Which database a backup or restore works on: DATABASE_MIGRATION_URL (the owner role) or DATABASE_URL when set;
 * else the embedded cluster in PACER_DATA_DIR — the running one of the API if it runs, else started for the length
 * of the command (and initialised when the folder is new: a restore onto a new machine).
 */
export async function resolveTarget(settings: TargetSettings): Promise<BackupTarget> {
  const url = settings.DATABASE_MIGRATION_URL || settings.DATABASE_URL;
  if (url) {
    await waitForDatabase(url, settings.PACER_DB_CONNECT_TIMEOUT);
    return { url, description: redactUrl(url), release: async () => undefined };
  }
  const clusterDir = path.resolve(settings.PACER_DATA_DIR, 'pg');
  const running = runningEmbeddedUrl(clusterDir);
  if (running) {
    return {
      url: running,
      description: `the embedded database in ${clusterDir} (of the running Pacer)`,
      release: async () => undefined,
    };
  }
  const cluster = await startEmbeddedPostgres({ clusterDir });
  return {
    url: cluster.url,
    description: `the embedded database in ${clusterDir}`,
    release: () => cluster.stop(),
  };
}
