import 'reflect-metadata';

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

import { Client } from 'pg';

import { type EmbeddedCluster, findFreePort, startEmbeddedPostgres } from '../database/embedded-pg';
import { ApiClient, type RunningApi, startApi, type Timing, timingOf } from './bench-api';
import { datasetSize } from './bench-dataset';
import { benchExcelImport } from './bench-excel';
import { FLOORS, type FloorStatement } from './bench-floor';
import { assertBenchScoringValid, BENCH_GROUPS, BENCH_MONTH } from './bench-plan';
import { compareWithRebuild, prepareDataset, timed } from './bench-prepare';
import { provinceAimLines, provinceAims } from './bench-province';
import { appendMarkdown, type BenchResult, describeMachine, type RouteRow, textTable } from './bench-report';
import { takeOverForThroughput } from './bench-throughput';

// 三员分立: the first administrator from the environment is a system administrator only; it creates the business
// administrator the bench measures as (approvals, closes and reads need the admin role)
const SYSADMIN = { username: 'benchsys', initial: 'Initial#2026x', password: 'Kaohe#Xitong2026q' };
const ADMIN = { username: 'benchadmin', initial: 'Chushi#Guanli2026', password: 'Kaohe#Guanli2026q' };

interface Options {
  scale: number;
  reps: number;
  warmup: number;
  maxLoad: number;
  waitMinutes: number;
  write: boolean;
  out: string;
  label: string | null;
  /** A folder for the API's CPU profile (node --cpu-prof), written when the API stops. */
  cpuProf: string | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    scale: 1,
    reps: 30,
    warmup: 5,
    maxLoad: 1.5,
    waitMinutes: 15,
    write: true,
    label: null,
    cpuProf: null,
    out: path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'benchmarks.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${arg} must be a positive number (got ${v})`);
      return n;
    };
    if (arg === '--scale') options.scale = positive(value());
    else if (arg === '--reps') options.reps = Math.round(positive(value()));
    else if (arg === '--warmup') options.warmup = Math.round(Number(value()));
    else if (arg === '--max-load') options.maxLoad = positive(value());
    else if (arg === '--wait-minutes') options.waitMinutes = Number(value());
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--label') options.label = value();
    else if (arg === '--throughput') return options; // the throughput bench takes over (bench-throughput.ts)
    else if (arg === '--cpu-prof') options.cpuProf = path.resolve(value());
    else
      throw new Error(
        `unknown option ${arg} (known: --scale N, --reps N, --warmup N, --max-load X, --wait-minutes N, --no-write, --out FILE, --label TEXT, --cpu-prof DIR)`,
      );
  }
  return options;
}

const say = (message: string) => process.stdout.write(`bench: ${message}\n`);

/** Waits (up to the limit) for the 1-minute load average to fall below `maxLoad`; the load when measuring starts. */
async function waitForQuietMachine(options: Options): Promise<number[]> {
  const deadline = Date.now() + options.waitMinutes * 60_000;
  while (os.loadavg()[0]! >= options.maxLoad && Date.now() < deadline) {
    say(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} ≥ ${options.maxLoad}: waiting 30 s`,
    );
    await new Promise((r) => setTimeout(r, 30_000));
  }
  return os.loadavg();
}

async function measureFloor(
  client: Client,
  statement: FloorStatement,
  reps: number,
  warmup: number,
): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + reps; i++) {
    const started = performance.now();
    await client.query(statement.sql, statement.params);
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return timingOf(samples);
}

/** Polls the month's 通报 versions until one is listed (the close hook's draft), for up to 20 minutes. */
async function waitForDraft(client: ApiClient, route: string): Promise<void> {
  const deadline = Date.now() + 20 * 60_000;
  while ((await client.json<{ items: unknown[] }>('GET', route)).items.length === 0) {
    if (Date.now() > deadline) throw new Error(`no draft 通报 at ${route} after 20 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function run(options: Options): Promise<void> {
  assertBenchScoringValid();
  const size = datasetSize(options.scale);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-bench-'));
  let cluster: EmbeddedCluster | undefined;
  let api: RunningApi | undefined;
  let client: ApiClient | undefined;
  const pg: { client?: Client } = {};
  let cleaned: Promise<void> | undefined;
  // the API, the cluster and the folder go whatever happens, once
  const cleanup = () =>
    (cleaned ??= (async () => {
      client?.close();
      await pg.client?.end().catch(() => undefined);
      await api?.stop().catch(() => undefined);
      await cluster?.stop().catch(() => undefined);
      fs.rmSync(folder, { recursive: true, force: true });
    })());
  const interrupted = () => {
    say('interrupted: stopping the API and the cluster');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const startedAt = new Date();
  try {
    say(`scale ${options.scale}: ${size.units} units, ${size.projects} projects; cluster in ${folder}`);
    cluster = await startEmbeddedPostgres({ clusterDir: path.join(folder, 'pg'), persistent: false });
    const data = await prepareDataset(cluster.url, size, say);
    const { ids, floor: ctx } = data;

    const port = await findFreePort();
    api = await startApi({
      // as a deployment runs it: migrations as the owner, requests as the runtime role
      databaseUrl: cluster.runtimeUrl,
      migrationUrl: cluster.url,
      port,
      dataDir: path.join(folder, 'api-data'),
      admin: { username: SYSADMIN.username, password: SYSADMIN.initial },
      nodeArgs: options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [],
    });
    say(`API started (pid ${api.pid}, port ${port})`);
    const startRssMiB = api.memory().rssMiB;
    client = new ApiClient(port);
    for (const account of [SYSADMIN, ADMIN]) {
      if (account === ADMIN) {
        await client.json(
          'POST',
          '/api/v1/users',
          {
            username: ADMIN.username,
            displayName: '基准测试管理员',
            roles: ['admin'],
            unitIds: [],
            password: ADMIN.initial,
          },
          201,
        );
      }
      await client.login(account.username, account.initial);
      await client.json(
        'POST',
        '/api/v1/auth/password',
        { currentPassword: account.initial, newPassword: account.password },
        204,
      );
    }
    const login = () => client!.login(ADMIN.username, ADMIN.password);
    const group = BENCH_GROUPS[0]!;

    const loadBefore = await waitForQuietMachine(options);
    say(`measuring (load ${loadBefore.map((l) => l.toFixed(2)).join(' ')})`);
    pg.client = new Client({ connectionString: cluster.url });
    await pg.client.connect();
    const floors = new Map<string, Timing>();
    for (const [name, build] of Object.entries(FLOORS)) {
      floors.set(name, await measureFloor(pg.client, build(ctx), options.reps, options.warmup));
      say(`floor ${name}: p50 ${floors.get(name)!.p50.toFixed(1)} ms`);
    }

    const plan = `/api/v1/plans/${ids.planId}`;
    const routes: RouteRow[] = [];
    const oneOff: BenchResult['oneOff'] = [...data.oneOff];
    const measure = async (name: string, route: string, floor: keyof typeof FLOORS | null) => {
      await login();
      const timing = await client!.measure(route, options.reps, options.warmup);
      routes.push({
        name,
        route: route.replace(plan, '/plans/:id').replace(`/units/${ctx.unitId}/`, '/units/:unitId/'),
        timing,
        floor: floor ? floors.get(floor)! : null,
      });
      say(`${name}: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms, ${timing.bytes} bytes`);
    };
    const month = `month=${BENCH_MONTH}`;
    const routeSet = async (state: string) => {
      await measure(`ranking (${state})`, `${plan}/ranking?${month}`, 'ranking');
      await measure(
        `ranking ${group.code} (${state})`,
        `${plan}/ranking?${month}&group=${group.code}`,
        'rankingGroup',
      );
      await measure(`dashboard (${state})`, `${plan}/dashboard?${month}`, 'dashboard');
      await measure(`scorecard (${state})`, `${plan}/units/${ctx.unitId}/scorecard?${month}`, 'scorecard');
    };
    await measure('progress', `${plan}/progress?${month}`, 'progress');
    await routeSet('live');

    const beforeClose = api.memory();
    await login();
    const close = await timed(() => client!.json('POST', `${plan}/months/${BENCH_MONTH}/close`, {}));
    oneOff.push({
      name: `POST /plans/:id/months/${BENCH_MONTH}/close`,
      ms: close.ms,
      note: 'summary rebuild + scoring + snapshot (the draft 通报 follows in the background)',
    });
    // the draft 通报 is written in the background after the close: wait for it (polling the versions), so that the
    // frozen routes below are measured on a machine as quiet as before the close
    const draft = await timed(() => waitForDraft(client!, `${plan}/months/${BENCH_MONTH}/briefings`));
    oneOff.push({
      name: 'the draft 通报 after the close (background; polled)',
      ms: close.ms + draft.ms,
      note: 'from the close request until the draft is listed',
    });
    await routeSet('frozen');

    // one approval over HTTP: what a reviewer waits for today (the summary is rebuilt in its transaction)
    const [submitted] = (
      await pg.client.query(
        `SELECT id, version FROM monthly_report WHERE plan_id = $1 AND status = 'submitted' AND month = '2026-07' ORDER BY id LIMIT 1`,
        [ids.planId],
      )
    ).rows;
    if (submitted) {
      await login();
      // the province's live ranking is read all day: the approval lands on a month already scored
      const first = await timed(() => client!.json('GET', `${plan}/ranking?month=2026-07`));
      oneOff.push({
        name: 'GET ranking 2026-07 before the approval',
        ms: first.ms,
        note: 'first scoring of July',
      });
      const approve = await timed(() =>
        client!.json('POST', `/api/v1/reports/${submitted.id}/approve`, { version: submitted.version }),
      );
      oneOff.push({
        name: 'POST /reports/:id/approve (one report)',
        ms: approve.ms,
        note: 'the summary maintained by delta in its transaction',
      });
      const after = await timed(() => client!.json('GET', `${plan}/ranking?month=2026-07`));
      oneOff.push({
        name: 'GET ranking 2026-07 right after the approval',
        ms: after.ms,
        note: 'first request on changed data',
      });
      const check = await compareWithRebuild(cluster.url, ids.planId);
      if (check.differing !== 0)
        throw new Error(`the maintained summary differs from a rebuild in ${check.differing} rows`);
      oneOff.push({
        name: 'maintained summary vs a rebuild after the approval',
        ms: check.ms,
        note: `${check.differing} differing rows of ${data.counts.ytd_summary ?? '?'}`,
      });
    }
    const memory = { ...api.memory(), peakBeforeCloseMiB: beforeClose.peakMiB };
    // after the memory figures above (the routes' peak); its own RSS rise is in its note
    await login();
    oneOff.push(...(await benchExcelImport({ client, api, pg: pg.client, planId: ids.planId, port, say })));
    const result: BenchResult = {
      startedAt,
      scale: options.scale,
      reps: options.reps,
      warmup: options.warmup,
      size,
      counts: data.counts,
      steps: data.steps,
      oneOff,
      routes,
      profile: data.profile,
      memory,
      load: { before: loadBefore, after: os.loadavg() },
      machine: describeMachine(data.postgres),
      label: options.label,
      notes: [],
    };
    const aims = provinceAimLines(provinceAims(result, startRssMiB));
    result.notes.push(...aims.map((line) => `Aim (issue 11): ${line}`));
    process.stdout.write(`\n${textTable(result)}\n${aims.join('\n')}\n`);
    if (options.write) {
      appendMarkdown(options.out, result);
      say(`appended to ${options.out}`);
    }
  } catch (error) {
    // what the API said last, when it went away (a crash shows here)
    if (api) process.stderr.write(`bench: the API's last output:\n${api.output().slice(-4000)}\n`);
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await cleanup();
  }
}

let options: Options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(2);
}
(takeOverForThroughput(process.argv.slice(2)) ? new Promise<void>(() => undefined) : run(options)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: FAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
