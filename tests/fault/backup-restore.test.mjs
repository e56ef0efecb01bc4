// REL-8 through the commands a person types: `npm run backup` against a running Pacer on its embedded database,
// `npm run restore` into a new data folder (a new machine), and Pacer starting on the restored data.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import {
  freePort,
  makeDataDir,
  processesUsing,
  REPO_ROOT,
  removeDataDir,
  startApi,
  waitReady,
} from '../support/server.mjs';

const CLI = join(REPO_ROOT, 'apps', 'api', 'dist', 'database', 'backup', 'cli.js');

/** Runs `node cli.js <command> <file>` the way `npm run backup -- <file>` does, on the embedded database in dataDir. */
function run(command, file, dataDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, command, file], {
      cwd: join(REPO_ROOT, 'apps', 'api'),
      env: { ...process.env, PACER_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function call(baseUrl, username, path) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Pacer@2026' }),
  });
  assert.equal(login.status, 200, `login ${username}`);
  const { accessToken } = await login.json();
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  assert.equal(res.status, 200, `GET ${path}`);
  return res.json();
}

describe('npm run backup / npm run restore on the embedded database (REL-8)', () => {
  const dirs = [
    makeDataDir('pacer-fault-backup-a-'),
    makeDataDir('pacer-fault-backup-b-'),
    makeDataDir('pacer-backups-'),
  ];
  const [source, target, backups] = dirs;
  after(async () => {
    for (const dir of dirs) {
      for (const pid of await processesUsing(dir)) process.kill(pid, 'SIGKILL');
      removeDataDir(dir);
    }
  });

  it('backs up a running Pacer, restores it onto a new data folder, and Pacer starts there with every project and a verifying audit chain', async () => {
    const file = join(backups, '示范县-2026-06-30.pacer.gz');
    const first = startApi({ dataDir: source, port: await freePort() });
    let projects;
    let audit;
    try {
      await waitReady(first.baseUrl, 60000, first);
      projects = (await call(first.baseUrl, 'admin', '/projects?pageSize=1')).total;
      audit = await call(first.baseUrl, 'auditor', '/audit/verify');
      // the API runs: the backup connects to its cluster (postmaster.pid names the port)
      const saved = await run('backup', file, source);
      assert.equal(saved.code, 0, saved.stderr);
      assert.match(
        saved.stdout,
        /^pacer backup: saved \d+ tables, \d+ rows of the embedded database in .* \(of the running Pacer\)/,
      );
      const again = await run('backup', file, source);
      assert.equal(again.code, 1);
      assert.equal(again.stderr, `pacer backup: ${file} already exists: choose another file name\n`);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    assert.ok(projects > 50);

    // a new machine: an empty data folder; restore starts its cluster for the length of the command
    const loaded = await run('restore', file, target);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(
      loaded.stdout,
      /pacer restore: loaded \d+ tables, \d+ rows from .* into the embedded database in /,
    );
    assert.match(loaded.stdout, /project\s+\d+/);
    assert.deepEqual(await processesUsing(target), [], 'the restore stopped the cluster it started');

    // a second restore into the now filled database is refused in one line
    const twice = await run('restore', file, target);
    assert.equal(twice.code, 1);
    assert.match(
      twice.stderr,
      /^pacer restore: the database is not empty \(table \w+ has rows\): restore only into a new, empty database\n$/,
    );

    const second = startApi({ dataDir: target, port: await freePort() });
    try {
      await waitReady(second.baseUrl, 30000, second);
      assert.equal((await call(second.baseUrl, 'admin', '/projects?pageSize=1')).total, projects);
      const verified = await call(second.baseUrl, 'auditor', '/audit/verify');
      assert.equal(verified.firstBrokenId ?? null, null, JSON.stringify(verified));
      // the restored chain holds the source's events and the logins since
      assert.ok(verified.checked > audit.checked, JSON.stringify({ verified, audit }));
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('says in one line what is wrong with a missing file or a file that is not a backup', async () => {
    const empty = makeDataDir('pacer-fault-backup-c-');
    dirs.push(empty);
    const missing = await run('restore', join(backups, '没有这个文件.pacer.gz'), empty);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^pacer restore: no such file: .*没有这个文件\.pacer\.gz\n$/);
    const csv = join(backups, '项目台账.csv');
    writeFileSync(csv, '责任单位,项目名称\n城关镇,智能装备产业园\n');
    const wrong = await run('restore', csv, empty);
    assert.equal(wrong.code, 1);
    assert.equal(wrong.stderr, 'pacer restore: this is not a Pacer backup (it is not gzip-compressed)\n');
    const usage = await run('backup', '', empty);
    assert.equal(usage.code, 1);
    assert.equal(usage.stderr, 'pacer backup: usage: npm run backup -- <file>\n');
  });
});
