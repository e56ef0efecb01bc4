// Starts the built API (which serves the built web app) as a child process on a throwaway data folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_MAIN = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');
export const WEB_DIST = join(REPO_ROOT, 'apps', 'web', 'dist');

const require = createRequire(import.meta.url);

/**
 * The files of the embedded cluster of a data folder (`<dataDir>/pg`), wherever its data lives — inside the folder, or
 * (Pacer running as root) under PACER_PG_RUNTIME_DIR, named by `pg.location`: the API's own function, from its build.
 * @returns {{ dataDir: string, pidFile: string, credentialsFile: string, locationFile: string, relocated: boolean }}
 */
export function clusterFiles(dataDir) {
  const { embeddedClusterFiles } = require(
    join(REPO_ROOT, 'apps', 'api', 'dist', 'database', 'embedded-location.js'),
  );
  return embeddedClusterFiles(join(dataDir, 'pg'));
}

/** Login and port of the running embedded cluster of a data folder (its pid file's fourth line). */
export function clusterConnection(dataDir) {
  const files = clusterFiles(dataDir);
  const { user, password } = JSON.parse(readFileSync(files.credentialsFile, 'utf8'));
  const port = Number(readFileSync(files.pidFile, 'utf8').split('\n')[3]);
  return { host: '127.0.0.1', port, database: 'pacer', user, password };
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export function makeDataDir(prefix = 'pacer-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a data folder and its embedded cluster, also one that lives outside it (stop the API first). */
export function removeDataDir(dir) {
  if (existsSync(join(dir, 'pg.location'))) {
    const { removeEmbeddedCluster } = require(
      join(REPO_ROOT, 'apps', 'api', 'dist', 'database', 'embedded-location.js'),
    );
    removeEmbeddedCluster(join(dir, 'pg'));
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Spawns `node apps/api/dist/main.js`; resolves with the child, its output so far and helpers. */
export function startApi({ env = {}, dataDir, port }) {
  if (!existsSync(API_MAIN)) throw new Error(`build the API first: ${API_MAIN} is missing`);
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: join(REPO_ROOT, 'apps', 'api'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PACER_DATA_DIR: dataDir,
      PACER_WEB_DIST: WEB_DIST,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (output.stdout += d));
  child.stderr.on('data', (d) => (output.stderr += d));
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  return { child, output, exited, baseUrl: `http://127.0.0.1:${port}` };
}

/** Polls /api/health/ready until it answers 200; returns the milliseconds it took. */
export async function waitReady(baseUrl, timeoutMs = 15000, server) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server && server.child.exitCode !== null) {
      throw new Error(`the API exited early (${server.child.exitCode}): ${server.output.stderr}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health/ready`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready within ${timeoutMs} ms${server ? `: ${server.output.stderr}` : ''}`);
}

/**
 * PIDs of processes whose command line mentions the folder, or the data folder of its embedded cluster where that
 * lives elsewhere (postgres runs with -D <data folder>).
 */
export async function processesUsing(dir) {
  const { execFileSync } = await import('node:child_process');
  const folders = [dir];
  if (existsSync(join(dir, 'pg.location'))) folders.push(clusterFiles(dir).dataDir);
  const pids = new Set();
  for (const folder of folders) {
    try {
      execFileSync('pgrep', ['-f', folder], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number)
        .filter((pid) => pid !== process.pid)
        .forEach((pid) => pids.add(pid));
    } catch {
      // pgrep exits 1 when nothing matches
    }
  }
  return [...pids];
}
