import type { Workbook } from 'exceljs';
import type { DataSource } from 'typeorm';

import { Clock } from '../src/common/clock/clock.service';
import type { Actor } from '../src/common/auth/principal';
import { importStale } from '../src/modules/excel/excel.errors';
import {
  type ProjectBatchChange,
  ProjectsBatchService,
} from '../src/modules/projects/projects-batch.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { INVESTORS, insertProject } from './factories/project.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { ledgerState } from './support/ledger-state';
import { writeRowByRow } from './support/projects-row-by-row';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

// 2026-06-15 12:00 in Asia/Shanghai
const clock = { now: () => new Date('2026-06-15T04:00:00Z') };
const utc = (d: string) => new Date(`${d}T00:00:00Z`);
const TOWNS = ['城关镇', '青山镇'] as const;
const CHAINS = ['新能源汽车', '低空经济', '绿色食品加工'] as const;
const AUDIT_CHAIN_LOCK = 7_365_002;

jest.setTimeout(180_000);

interface County {
  t: TestApp;
  units: Record<string, number>;
  planId: number;
  existingId: number;
  admin: string;
}

/** The same county on a fresh database each time (same ids): one to commit synchronously, one as a job. */
async function county(): Promise<County> {
  const t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
  const units = await insertUnits(t.dataSource, SMALL_COUNTY);
  await insertStandardUsers(t.dataSource, units);
  const planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, status: 'published' });
  await insertIndicators(t.dataSource, planId);
  const existingId = await insertProject(t.dataSource, {
    unitId: units.T01!,
    name: '智能装备产业园一期',
    investorName: INVESTORS.robot.name,
    investorCreditCode: INVESTORS.robot.creditCode,
    industryChain: '新能源汽车',
    agreedInvestmentWan: '80000',
    signedDate: '2026-03-10',
    createdAt: '2026-03-10T02:00:00.000Z',
  });
  return { t, units, planId, existingId, admin: await bearer(t.http, 'admin') };
}

/** The plan's ledger template with the existing project moved to 开工 and `count` new projects. */
async function ledger(c: County, count: number, tag = ''): Promise<Workbook> {
  const res = await download(c.t.http, c.admin, `/templates/projects.xlsx?planId=${c.planId}`);
  expect(res.status).toBe(200);
  const wb = await readXlsx(res.body);
  const sheet = wb.getWorksheet('项目台账')!;
  sheet.getCell('G2').value = 90000;
  sheet.getCell('K2').value = '开工';
  sheet.getCell('M2').value = utc('2026-06-01');
  for (let i = 0; i < count; i++) {
    const signed = i % 3 !== 0;
    sheet.addRow([
      TOWNS[i % 2],
      `${tag}${CHAINS[i % 3]}配套项目第${i + 1}号`,
      `浙江恒瑞实业${(i % 7) + 1}号有限公司`,
      null,
      i % 4 === 0 ? '境外' : '省外',
      CHAINS[i % 3],
      10000 + i * 37.5,
      null,
      '否',
      i % 5 === 0 ? '是' : '否',
      signed ? (i % 2 ? '开工' : '签约') : '洽谈',
      signed ? utc(`2026-0${1 + (i % 4)}-1${i % 9}`) : null,
      signed && i % 2 ? utc('2026-05-20') : null,
      null,
      null,
      null,
      '年产能扩建',
      '李主任 13800000000',
    ]);
  }
  return wb;
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('excel: the ledger commit as a background job (e2e)', () => {
  let sync: County;
  let job: County;
  /** The batch's latest job, read through the import's own route. */
  const getJob = async (c: County, batchId: string) => {
    const res = await c.t.http.get(`/api/v1/imports/${batchId}`).set('Authorization', c.admin);
    expect(res.status).toBe(200);
    return { body: res.body.job };
  };
  const startJob = (c: County, batchId: string) =>
    c.t.http.post(`/api/v1/imports/${batchId}/jobs`).set('Authorization', c.admin);
  const finished = (c: County, id: string) =>
    until(
      async () => (await getJob(c, id)).body,
      (b) => b.status !== 'running',
    );

  beforeAll(async () => {
    sync = await county();
    job = await county();
  });
  afterAll(async () => {
    await sync?.t.close();
    await job?.t.close();
  });

  it('should answer 202 at once, show its progress, and end in the same state as the synchronous commit', async () => {
    const file = await toXlsx(await ledger(sync, 60));
    const a = await upload(
      sync.t.http,
      sync.admin,
      'projects',
      file,
      { planId: sync.planId },
      '项目台账.xlsx',
    );
    const b = await upload(job.t.http, job.admin, 'projects', file, { planId: job.planId }, '项目台账.xlsx');
    expect(a.body.summary).toEqual({ rows: 61, created: 60, updated: 1, unchanged: 0 });
    expect(b.body.summary).toEqual(a.body.summary);

    const committed = await sync.t.http
      .post(`/api/v1/imports/${a.body.id}/commit`)
      .set('Authorization', sync.admin);
    expect(committed.status).toBe(200);

    // another batch of the plan, previewed before the job starts (a preview waits for the rows a running job locked)
    const other = await upload(
      job.t.http,
      job.admin,
      'projects',
      await toXlsx(await ledger(job, 2, '二期')),
      { planId: job.planId },
      '项目台账-二期.xlsx',
    );
    // hold the audit chain: the job writes its rows, then waits inside its transaction (progress readable meanwhile)
    const holder = job.t.ownerDataSource.createQueryRunner();
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    let started;
    try {
      started = await startJob(job, b.body.id);
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({
        batchId: b.body.id,
        planId: job.planId,
        kind: 'projects',
        status: 'running',
        phase: 'queued',
        rowsTotal: 61,
        result: null,
      });
      const midway = await until(
        async () => (await getJob(job, b.body.id)).body,
        (j) => j.phase === 'finishing',
      );
      expect(midway).toMatchObject({ status: 'running', rowsDone: 61, rowsTotal: 61 });
      expect(midway.progress).toBeLessThan(100);
      // nothing of it is visible before it ends
      const [{ n }] = await job.t.dataSource.query(
        `SELECT count(*)::int AS n FROM project WHERE name LIKE '%配套项目%'`,
      );
      expect(n).toBe(0);
      // one job per plan at a time
      const refused = await startJob(job, other.body.id);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'IMPORT_JOB_RUNNING', details: [{ field: 'planId' }] });
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
      await holder.release();
    }
    const done = await finished(job, b.body.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      progress: 100,
      rowsDone: 61,
      error: null,
    });
    const { id: _a, committedAt: _b, ...syncAnswer } = committed.body;
    expect(done.result).toMatchObject(syncAnswer);
    expect(done.result.summary).toEqual({ rows: 61, created: 60, updated: 1, unchanged: 0 });
    // the same rows, events, shares, audit rows and summary as the synchronous commit wrote
    expect(await ledgerState(job.t.dataSource)).toEqual(await ledgerState(sync.t.dataSource));
    const [batch] = await job.t.dataSource.query('SELECT status FROM import_batch WHERE id = $1', [
      b.body.id,
    ]);
    expect(batch.status).toBe('committed');
    const again = await startJob(job, b.body.id);
    expect(again.status).toBe(202);
    const repeated = await finished(job, b.body.id);
    expect(repeated.id).toBe(again.body.id);
    expect(repeated.result).toMatchObject({ isWritten: false });
  });

  it('should abort the whole job on one failing row and report it per row with the field', async () => {
    const c = job;
    const file = await toXlsx(await ledger(c, 5, '三期'));
    const preview = await upload(
      c.t.http,
      c.admin,
      'projects',
      file,
      { planId: c.planId },
      '项目台账-三期.xlsx',
    );
    expect(preview.body.problems).toEqual([]);
    const before = await ledgerState(c.t.dataSource);
    // after the preview, 青山镇 is deactivated: its rows (3, 5) fail the commit's second check
    await c.t.ownerDataSource.query('UPDATE unit SET is_active = false WHERE id = $1', [c.units.T02]);
    try {
      const started = await startJob(c, preview.body.id);
      expect(started.status).toBe(202);
      const done = await finished(c, preview.body.id);
      expect(done.status).toBe('failed');
      expect(done.result).toBeNull();
      expect(done.error).toMatchObject({ code: 'IMPORT_HAS_PROBLEMS' });
      // every 青山镇 row of the sheet (the template lists the ledger's projects, then the five new ones), each with its cell
      const rows = (await readXlsx(file)).getWorksheet('项目台账')!;
      const expected: string[] = [];
      rows.eachRow((row, n) => {
        if (n > 1 && row.getCell(1).value === '青山镇') expected.push(`项目台账!A${n}`);
      });
      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(done.error.details.map((d: { field: string }) => d.field)).toEqual(expected);
      for (const d of done.error.details) expect(d.message).toContain('单位“青山镇”已停用');
      expect(await ledgerState(c.t.dataSource)).toEqual(before);
      const [batch] = await c.t.dataSource.query('SELECT status FROM import_batch WHERE id = $1', [
        preview.body.id,
      ]);
      expect(batch.status).toBe('failed');
      // a batch known to have problems is refused at once
      const refused = await startJob(c, preview.body.id);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IMPORT_HAS_PROBLEMS');
    } finally {
      await c.t.ownerDataSource.query('UPDATE unit SET is_active = true WHERE id = $1', [c.units.T02]);
    }
  });

  it('should show no job on a batch never committed as one, and another user’s batch as none', async () => {
    const c = job;
    const file = await toXlsx(await ledger(c, 1, '四期'));
    const preview = await upload(
      c.t.http,
      c.admin,
      'projects',
      file,
      { planId: c.planId },
      '项目台账-四期.xlsx',
    );
    expect((await getJob(c, preview.body.id)).body).toBeNull();
    const reporter = await bearer(c.t.http, 'rep_t01');
    const started = await startJob(c, preview.body.id);
    expect(started.status).toBe(202);
    await finished(c, preview.body.id);
    const other = await c.t.http.get(`/api/v1/imports/${preview.body.id}`).set('Authorization', reporter);
    expect(other.status).toBe(404);
    const otherStart = await c.t.http
      .post(`/api/v1/imports/${preview.body.id}/jobs`)
      .set('Authorization', reporter);
    expect(otherStart.status).toBe(404);
  });

  it('should write, set-based, exactly what one write after another writes, for random ledgers', async () => {
    const c = sync;
    const batch = c.t.app.get(ProjectsBatchService);
    const [admin] = await c.t.dataSource.query(`SELECT id FROM app_user WHERE username = 'admin'`);
    const actor: Actor = {
      principal: {
        userId: admin.id,
        username: 'admin',
        roles: ['admin'],
        unitIds: [],
        scopeUnitIds: null,
        permissions: new Set(),
      } as unknown as Actor['principal'],
      ip: '127.0.0.1',
      requestId: 'property',
    } as Actor;
    for (const seed of [7, 42, 2026]) {
      const changes = await randomLedger(c.t.dataSource, c.units, seed);
      const run = (write: (m: import('typeorm').EntityManager) => Promise<void>) =>
        c.t.dataSource
          .transaction(async (m) => {
            const [{ p }] = await m.query(`SELECT nextval('project_id_seq')::int + 1 AS p`);
            const [{ e }] = await m.query(`SELECT nextval('project_event_id_seq')::int + 1 AS e`);
            await write(m);
            throw Object.assign(new Error('rollback'), {
              state: await ledgerState(m, { projectId: p, eventId: e }),
            });
          })
          .catch((e: { state?: unknown }) => {
            if (!e.state) throw e;
            return e.state;
          });
      const reference = await run((m) => writeRowByRow(c.t.app, m, actor, changes, importStale));
      const setBased = await run((m) => batch.writeBatch(m, actor, changes, { stale: importStale }));
      expect(setBased).toEqual(reference);
    }
  });
});

/** A ledger of random creates and updates (fields, forward stage events) over the county's stored projects. */
async function randomLedger(
  db: DataSource,
  units: Record<string, number>,
  seed: number,
): Promise<ProjectBatchChange[]> {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const stored: Array<{ id: number; version: number; stage: string; signed_date: string | null }> =
    await db.query(
      `SELECT id, version, stage, signed_date FROM project WHERE deleted_at IS NULL ORDER BY id`,
    );
  const changes: ProjectBatchChange[] = [];
  const unitIds = [units.T01!, units.T02!, units.D01!, units.P01!];
  for (let i = 0; i < 120; i++) {
    const signed = `2026-0${1 + Math.floor(rnd() * 5)}-1${Math.floor(rnd() * 9)}`;
    const isStarted = rnd() < 0.4;
    const dates = {
      lead: null,
      negotiating: null,
      signed,
      started: isStarted ? '2026-06-0' + (1 + Math.floor(rnd() * 9)) : null,
      producing: null,
      dropped: null,
      registered: null,
    };
    changes.push({
      kind: 'create',
      fields: {
        name: `${pick(CHAINS)}随机项目${seed}-${i}`,
        investorName: `${pick(['江苏', '广东', '上海', '香港'])}${pick(['恒远', '华创', '瑞丰'])}科技有限公司`,
        investorCreditCode: null,
        origin: pick(['out_of_province', 'overseas', 'in_province']),
        industryChain: rnd() < 0.2 ? null : pick(CHAINS),
        agreedInvestmentWan: (Math.floor(rnd() * 5_000_000) / 100).toFixed(2),
        fortune500Kind: rnd() < 0.1 ? 'world' : null,
        isChainLeader: rnd() < 0.1,
        isSpecialized: rnd() < 0.3,
        unitId: pick(unitIds),
        description: rnd() < 0.5 ? '扩大产能，新建厂房' : null,
        contact: null,
      },
      stage: { stage: isStarted ? 'started' : 'signed', dates },
      events: [
        { stage: 'signed', date: signed },
        ...(isStarted ? [{ stage: 'started' as const, date: dates.started! }] : []),
      ],
      detail: { row: i + 2 },
    });
  }
  for (const p of stored) {
    const patch = rnd() < 0.7 ? { agreedInvestmentWan: String(10000 + Math.floor(rnd() * 90000)) } : {};
    const move = p.stage === 'signed' && rnd() < 0.6;
    changes.splice(Math.floor(rnd() * changes.length), 0, {
      kind: 'update',
      id: p.id,
      version: p.version,
      patch: { ...patch, ...(rnd() < 0.5 ? { contact: '张科长 13700000000', isSpecialized: true } : {}) },
      stage: {
        stage: move ? 'started' : (p.stage as 'signed'),
        dates: {
          lead: null,
          negotiating: null,
          signed: p.signed_date,
          started: move ? '2026-06-10' : null,
          producing: null,
          dropped: null,
          registered: null,
        },
      },
      events: move ? [{ stage: 'started', date: '2026-06-10' }] : [],
      detail: { row: 99 },
    });
  }
  return changes;
}
