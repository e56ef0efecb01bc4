// The process-level promises of the foundation: ready fast, clean SIGTERM, survives kill -9, clear config errors.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import pg from 'pg';

import { clusterConnection, freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady } from '../support/server.mjs';

async function withDb(dataDir, fn) {
  const client = new pg.Client(clusterConnection(dataDir));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('npm start on the embedded database', () => {
  const dataDir = makeDataDir('pacer-fault-');
  after(async () => {
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('comes up ready, survives kill -9 with its data, and leaves nothing behind on SIGTERM', async () => {
    // 1. a first start on an empty folder initialises the cluster and migrates
    const first = startApi({ dataDir, port: await freePort() });
    const firstMs = await waitReady(first.baseUrl, 30000, first);
    assert.ok(firstMs < 30000);
    await withDb(dataDir, (c) =>
      c.query(`INSERT INTO app_setting (key, value) VALUES ('test.marker', '"示范县"')`),
    );

    // 2. kill -9: the postmaster it started is left running; the next start must stop it and come up clean
    first.child.kill('SIGKILL');
    await first.exited;
    const second = startApi({ dataDir, port: await freePort() });
    const secondMs = await waitReady(second.baseUrl, 15000, second);
    assert.ok(secondMs < 15000, `ready after ${secondMs} ms`);
    const marker = await withDb(dataDir, (c) => c.query(`SELECT value FROM app_setting WHERE key = 'test.marker'`));
    assert.deepEqual(marker.rows, [{ value: '示范县' }]);

    // 3. SIGTERM: exit 0, and neither node nor postgres remains
    second.child.kill('SIGTERM');
    const { code } = await second.exited;
    assert.equal(code, 0, second.output.stderr);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await processesUsing(dataDir), []);
  });
});

describe('bad configuration', () => {
  it('stops a start with PORT=abc in one clear line', async () => {
    const dataDir = makeDataDir('pacer-badcfg-');
    try {
      const server = startApi({ dataDir, port: 1, env: { PORT: 'abc' } });
      const { code } = await server.exited;
      assert.equal(code, 1);
      const lines = server.output.stderr.trim().split('\n');
      assert.equal(lines.length, 1, server.output.stderr);
      assert.match(lines[0], /^pacer: invalid configuration: PORT must be an integer between 0 and 65535 \(got "abc"\)$/);
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('stops a start with an unreachable DATABASE_URL in one clear line, without the password', async () => {
    const dataDir = makeDataDir('pacer-badcfg-');
    try {
      const port = await freePort(); // nothing listens there
      const server = startApi({
        dataDir,
        port: await freePort(),
        env: { DATABASE_URL: `postgres://pacer:s3cret@127.0.0.1:${port}/pacer`, PACER_DB_CONNECT_TIMEOUT: '1' },
      });
      const { code } = await server.exited;
      assert.equal(code, 1);
      const lines = server.output.stderr.trim().split('\n');
      assert.equal(lines.length, 1, server.output.stderr);
      assert.match(lines[0], /^pacer: cannot reach the database at postgres:\/\/pacer:\*\*\*@127\.0\.0\.1:\d+\/pacer after 1s: ECONNREFUSED/);
      assert.doesNotMatch(server.output.stderr, /s3cret/);
    } finally {
      removeDataDir(dataDir);
    }
  });
});
