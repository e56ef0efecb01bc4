// REL-3: an API process killed (kill -9) in the middle of committing an Excel import leaves no partial rows, and
// committing the same batch again after a restart writes every row exactly once.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import ExcelJS from 'exceljs';
import pg from 'pg';

import {
  clusterConnection,
  freePort,
  makeDataDir,
  processesUsing,
  removeDataDir,
  startApi,
  waitReady,
} from '../support/server.mjs';

/** The audit chain lock (AuditService): an import commit takes it after writing its rows, before marking the batch. */
const AUDIT_CHAIN_LOCK = 7365002;
const MARK = '故障演练';
const NEW_PROJECTS = [
  ['城关镇', `${MARK}新能源电池包装配线`, '江苏恒远动力科技有限公司', '省外', 52000],
  ['青山镇', `${MARK}富硒茶精深加工园`, '浙江绿源茶业集团有限公司', '省外', 18000.5],
  ['白沙镇', `${MARK}冷链仓储物流中心`, '本县白沙农产品合作社联合社', '本市', 6500],
];

function dbClient(dataDir) {
  return new pg.Client({ ...clusterConnection(dataDir), application_name: 'fault-test' });
}

async function login(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Pacer@2026' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { accessToken } = await res.json();
  return { authorization: `Bearer ${accessToken}` };
}

async function waitFor(what, fn, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The plan's ledger template with its prefilled rows removed and three new projects added. */
async function ledgerWorkbook(baseUrl, headers, planId, projects = NEW_PROJECTS) {
  const res = await fetch(`${baseUrl}/api/v1/templates/projects.xlsx?planId=${planId}`, { headers });
  assert.equal(res.status, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.getWorksheet('项目台账');
  if (sheet.rowCount > 1) sheet.spliceRows(2, sheet.rowCount - 1);
  for (const [unit, name, investor, origin, amount] of projects) {
    // 责任单位 项目名称 投资方 信用代码 来源 产业链 协议投资额 500强 链主 专精特新 阶段
    sheet.addRow([unit, name, investor, null, origin, null, amount, null, '否', '否', '洽谈']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importedRows(client, mark = MARK) {
  const { rows } = await client.query(
    `SELECT name, count(*)::int AS n FROM project WHERE name LIKE $1 GROUP BY name ORDER BY name`,
    [`${mark}%`],
  );
  return rows;
}

// the job form (issue 11 §3): the same import committed by a background job
const JOB_MARK = '任务演练';
const JOB_PROJECTS = NEW_PROJECTS.map(([unit, name, ...rest]) => [
  unit,
  name.replace(MARK, JOB_MARK),
  ...rest,
]);

describe('an import commit killed half-way (REL-3)', () => {
  const dataDir = makeDataDir('pacer-fault-import-');
  after(async () => {
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('leaves no row of the import after kill -9 with its rows written, and the same batch commits once after a restart', async () => {
    // the first start seeds the demo county (embedded database, demo mode)
    const first = startApi({ dataDir, port: await freePort() });
    await waitReady(first.baseUrl, 60000, first);
    const headers = await login(first.baseUrl);
    const plans = await (await fetch(`${first.baseUrl}/api/v1/plans`, { headers })).json();
    const planId = (Array.isArray(plans) ? plans : plans.items)[0].id;

    const form = new FormData();
    form.set('planId', String(planId));
    form.set(
      'file',
      new Blob([await ledgerWorkbook(first.baseUrl, headers, planId)]),
      '项目台账-故障演练.xlsx',
    );
    const upload = await fetch(`${first.baseUrl}/api/v1/imports/projects`, {
      method: 'POST',
      headers,
      body: form,
    });
    const preview = await upload.json();
    assert.equal(upload.status, 200, JSON.stringify(preview));
    assert.deepEqual(preview.problems, []);
    assert.equal(preview.summary.created, 3);

    // hold the audit chain lock: the commit writes its projects, then waits for the lock inside its transaction
    const holder = dbClient(dataDir);
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    const projectsBefore = Number((await holder.query('SELECT count(*) FROM project')).rows[0].count);
    const eventsBefore = Number((await holder.query('SELECT count(*) FROM project_event')).rows[0].count);
    const commit = fetch(`${first.baseUrl}/api/v1/imports/${preview.id}/commit`, {
      method: 'POST',
      headers,
    }).then(
      (r) => r.status,
      (e) => e, // the server dies under it
    );
    const waiting = await waitFor('the commit to block on the audit lock', async () => {
      const { rows } = await holder.query(
        `SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.objid = $1 AND NOT l.granted AND a.application_name = 'pacer-api'
            AND a.wait_event_type = 'Lock' AND a.state = 'active'`,
        [AUDIT_CHAIN_LOCK],
      );
      return rows[0]?.pid;
    });
    // mid-way: its transaction has inserted into project (a row lock on the table), uncommitted so invisible
    const { rows: held } = await holder.query(
      `SELECT mode FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND relation = 'project'::regclass`,
      [waiting],
    );
    assert.ok(
      held.some((l) => l.mode === 'RowExclusiveLock'),
      JSON.stringify(held),
    );
    assert.deepEqual(await importedRows(holder), []);

    // kill -9 the API while its transaction waits, then let the orphaned backend go on: it must roll back
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.ok((await commit) instanceof Error, 'the commit got no answer');
    await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
    await waitFor('the killed commit’s backend to end', async () => {
      const { rows } = await holder.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting]);
      return rows.length === 0;
    });
    assert.deepEqual(await importedRows(holder), []);
    assert.equal(Number((await holder.query('SELECT count(*) FROM project')).rows[0].count), projectsBefore);
    assert.equal(
      Number((await holder.query('SELECT count(*) FROM project_event')).rows[0].count),
      eventsBefore,
    );
    const { rows: batch } = await holder.query(
      'SELECT status, committed_at FROM import_batch WHERE id = $1',
      [preview.id],
    );
    assert.deepEqual(batch, [{ status: 'preview', committed_at: null }]);
    const { rows: audit } = await holder.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'import.commit' AND object_id = $1`,
      [preview.id],
    );
    assert.equal(audit[0].n, 0);
    await holder.end();

    // restart on the same folder (it stops the postmaster the killed process left) and commit the same batch again
    const second = startApi({ dataDir, port: await freePort() });
    try {
      await waitReady(second.baseUrl, 30000, second);
      const again = await login(second.baseUrl);
      const res = await fetch(`${second.baseUrl}/api/v1/imports/${preview.id}/commit`, {
        method: 'POST',
        headers: again,
      });
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(body.isWritten, true);
      assert.equal(body.summary.created, 3);
      // a third commit of the batch writes nothing more
      const repeat = await fetch(`${second.baseUrl}/api/v1/imports/${preview.id}/commit`, {
        method: 'POST',
        headers: again,
      });
      assert.equal((await repeat.json()).isWritten, false);

      const check = dbClient(dataDir);
      await check.connect();
      try {
        assert.deepEqual(
          await importedRows(check),
          NEW_PROJECTS.map(([, name]) => ({ name, n: 1 })).sort((a, b) => (a.name < b.name ? -1 : 1)),
        );
        const { rows } = await check.query(
          `SELECT status, (summary->>'created')::int AS created FROM import_batch WHERE id = $1`,
          [preview.id],
        );
        assert.deepEqual(rows, [{ status: 'committed', created: 3 }]);
        const { rows: events } = await check.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE action = 'import.commit' AND object_id = $1`,
          [preview.id],
        );
        assert.equal(events[0].n, 1);
      } finally {
        await check.end();
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('leaves no row of an import job killed half-way; after a restart the job reads as interrupted and a new job commits once', async () => {
    // the same folder, seeded by the test above
    const first = startApi({ dataDir, port: await freePort() });
    await waitReady(first.baseUrl, 60000, first);
    const headers = await login(first.baseUrl);
    const plans = await (await fetch(`${first.baseUrl}/api/v1/plans`, { headers })).json();
    const planId = (Array.isArray(plans) ? plans : plans.items)[0].id;
    const form = new FormData();
    form.set('planId', String(planId));
    form.set(
      'file',
      new Blob([await ledgerWorkbook(first.baseUrl, headers, planId, JOB_PROJECTS)]),
      '项目台账-任务演练.xlsx',
    );
    const upload = await fetch(`${first.baseUrl}/api/v1/imports/projects`, {
      method: 'POST',
      headers,
      body: form,
    });
    const preview = await upload.json();
    assert.equal(upload.status, 200, JSON.stringify(preview));
    assert.equal(preview.summary.created, 3);

    const holder = dbClient(dataDir);
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    const started = await fetch(`${first.baseUrl}/api/v1/imports/${preview.id}/jobs`, {
      method: 'POST',
      headers,
    });
    const job = await started.json();
    assert.equal(started.status, 202, JSON.stringify(job));
    assert.equal(job.status, 'running');
    const waiting = await waitFor('the job to block on the audit lock', async () => {
      const { rows } = await holder.query(
        `SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.objid = $1 AND NOT l.granted AND a.application_name = 'pacer-api'
            AND a.wait_event_type = 'Lock' AND a.state = 'active'`,
        [AUDIT_CHAIN_LOCK],
      );
      return rows[0]?.pid;
    });
    const midway = (await (await fetch(`${first.baseUrl}/api/v1/imports/${preview.id}`, { headers })).json())
      .job;
    assert.equal(midway.status, 'running');
    assert.equal(midway.rowsDone, 3);

    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
    await waitFor('the killed job’s backend to end', async () => {
      const { rows } = await holder.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting]);
      return rows.length === 0;
    });
    assert.deepEqual(await importedRows(holder, JOB_MARK), []);
    const { rows: batch } = await holder.query('SELECT status FROM import_batch WHERE id = $1', [preview.id]);
    assert.deepEqual(batch, [{ status: 'preview' }]);
    await holder.end();

    const second = startApi({ dataDir, port: await freePort() });
    try {
      await waitReady(second.baseUrl, 30000, second);
      const again = await login(second.baseUrl);
      const dead = (
        await (await fetch(`${second.baseUrl}/api/v1/imports/${preview.id}`, { headers: again })).json()
      ).job;
      assert.equal(dead.id, job.id);
      assert.equal(dead.status, 'failed', JSON.stringify(dead));
      assert.equal(dead.error.code, 'IMPORT_JOB_INTERRUPTED');
      // the plan is not blocked by the dead job: a new job commits the same batch
      const restarted = await fetch(`${second.baseUrl}/api/v1/imports/${preview.id}/jobs`, {
        method: 'POST',
        headers: again,
      });
      const next = await restarted.json();
      assert.equal(restarted.status, 202, JSON.stringify(next));
      const done = await waitFor('the new job to end', async () => {
        const { job: latest } = await (
          await fetch(`${second.baseUrl}/api/v1/imports/${preview.id}`, { headers: again })
        ).json();
        return latest.id === next.id && latest.status !== 'running' ? latest : null;
      });
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
      assert.equal(done.result.summary.created, 3);
      const check = dbClient(dataDir);
      await check.connect();
      try {
        assert.deepEqual(
          await importedRows(check, JOB_MARK),
          JOB_PROJECTS.map(([, name]) => ({ name, n: 1 })).sort((a, b) => (a.name < b.name ? -1 : 1)),
        );
      } finally {
        await check.end();
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
