import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { findFreePort } from '../database/embedded-pg';

/**
 * `npm run bench -- --throughput` (issue 11 part 2): the built API on the demo county, as `npm start` runs it (embedded
 * PostgreSQL, demo seeded, JSON logs at info, no jobs), and autocannon for a few seconds per route with 20
 * connections, as the demo's 县领导 (leader, who reads everything). Prints req/s and p97.5 per route and the ratio
 * against its floor in the same run: the dashboard's floor is half of /api/health/live's req/s, every other county
 * read route's floor is the dashboard's. Options: `--seconds N` (5), `--connections N` (20), `--no-write`,
 * `--out FILE` (docs/benchmarks.md), `--label TEXT`, `--compressed` (send `Accept-Encoding: br, gzip` as a browser does).
 */

interface ThroughputOptions {
  seconds: number;
  connections: number;
  write: boolean;
  out: string;
  label: string | null;
  compressed: boolean;
}

interface RouteResult {
  name: string;
  url: string;
  reqPerSec: number;
  p975: number;
  non2xx: number;
  bytesPerReq: number;
  floorName: string | null;
  floor: number | null;
}

const say = (message: string) => process.stdout.write(`bench throughput: ${message}\n`);

function parseThroughputArgs(argv: string[]): ThroughputOptions {
  const options: ThroughputOptions = {
    seconds: 5,
    connections: 20,
    write: true,
    out: path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'benchmarks.md'),
    label: null,
    compressed: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--throughput') continue;
    else if (arg === '--seconds') options.seconds = Number(value());
    else if (arg === '--connections') options.connections = Number(value());
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--label') options.label = value();
    else if (arg === '--compressed') options.compressed = true;
    else throw new Error(`unknown option ${arg} (known with --throughput: --seconds N, --connections N, --no-write, --out FILE, --label TEXT, --compressed)`);
  }
  if (!(options.seconds > 0) || !(options.connections > 0)) throw new Error('--seconds and --connections must be positive');
  return options;
}

/** The month before this one in Asia/Shanghai (the demo's month in review, docs/demo.md). */
function monthInReview(now = new Date()): string {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  const y = shanghai.getUTCFullYear();
  const m = shanghai.getUTCMonth(); // 0-based: this is last month's number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

async function startDemoApi(port: number, dataDir: string): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const main = path.resolve(__dirname, '..', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PACER_DATA_DIR: dataDir,
      PACER_JOBS: '0',
      PACER_DEMO: '1',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the API exited during start:\n${log}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`).catch(() => null);
    if (ready?.status === 200) return { child, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the API was not ready within 180 s:\n${log}`);
}

async function hammer(
  url: string,
  headers: Record<string, string>,
  options: ThroughputOptions,
): Promise<{ reqPerSec: number; p975: number; non2xx: number; bytesPerReq: number }> {
  // autocannon is a devDependency: loaded only here
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as (opts: object) => Promise<{
    requests: { average: number; total: number };
    latency: { p97_5: number };
    non2xx: number;
    errors: number;
    throughput: { total: number };
  }>;
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers });
  return {
    reqPerSec: result.requests.average,
    p975: result.latency.p97_5,
    non2xx: result.non2xx + result.errors,
    bytesPerReq: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

function table(rows: RouteResult[]): string {
  const lines = [
    '| route | req/s | p97.5 ms | bytes/answer | floor | ratio to floor |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const r of rows) {
    const ratio = r.floor ? (r.reqPerSec / r.floor).toFixed(2) : '';
    const mark = r.floor && r.reqPerSec < r.floor ? ' **missed**' : '';
    lines.push(
      `| ${r.name} \`${r.url}\` | ${r.reqPerSec.toFixed(0)} | ${r.p975} | ${r.bytesPerReq} | ${r.floorName ?? ''}${r.floor ? ` ${r.floor.toFixed(0)}` : ''} | ${ratio}${mark} |`,
    );
  }
  return lines.join('\n');
}

export async function runThroughputBench(argv: string[]): Promise<void> {
  const options = parseThroughputArgs(argv);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-throughput-'));
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  say(`starting the built API on the demo county (${folder})`);
  const api = await startDemoApi(port, path.join(folder, 'data'));
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: 'Pacer@2026' }),
    });
    if (login.status !== 200) throw new Error(`demo login answered ${login.status}: ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const auth: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.compressed) auth['accept-encoding'] = 'br, gzip';
    const plans = (await (await fetch(`${base}/api/v1/plans`, { headers: auth })).json()) as {
      items: Array<{ id: number; rootUnitId: number }>;
    };
    const plan = plans.items[0]!;
    const month = monthInReview();
    const units = (await (await fetch(`${base}/api/v1/units`, { headers: auth })).json()) as { items?: Array<{ id: number; parentId: number | null }> } | Array<{ id: number; parentId: number | null }>;
    const unitList = Array.isArray(units) ? units : (units.items ?? []);
    const town = unitList.find((u) => u.parentId === plan.rootUnitId) ?? unitList[0]!;
    const p = `/api/v1/plans/${plan.id}`;
    const routes: Array<{ name: string; url: string }> = [
      { name: 'auth/me', url: '/api/v1/auth/me' },
      { name: 'unread notices', url: '/api/v1/notifications/unread-count' },
      { name: 'plans', url: '/api/v1/plans' },
      { name: 'plan', url: p },
      { name: 'months', url: `${p}/months` },
      { name: 'indicators', url: `${p}/indicators` },
      { name: 'units', url: '/api/v1/units' },
      { name: 'targets', url: `${p}/targets` },
      { name: 'reports', url: `${p}/reports?month=${month}` },
      { name: 'projects', url: `/api/v1/projects?planId=${plan.id}` },
      { name: 'progress', url: `${p}/progress?month=${month}` },
      { name: 'ranking', url: `${p}/ranking?month=${month}` },
      { name: 'scorecard', url: `${p}/units/${town.id}/scorecard?month=${month}` },
    ];
    // every route once: a route that does not answer 200 is named before anything is measured
    for (const route of [...routes, { name: 'dashboard', url: `${p}/dashboard?month=${month}` }]) {
      const res = await fetch(base + route.url, { headers: auth });
      if (res.status !== 200) throw new Error(`${route.url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    const results: RouteResult[] = [];
    const measure = async (name: string, url: string, headers: Record<string, string>) => {
      const r = await hammer(base + url, headers, options);
      if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} answers were not 2xx`);
      say(`${name}: ${r.reqPerSec.toFixed(0)} req/s, p97.5 ${r.p975} ms`);
      return r;
    };
    say(`measuring ${options.seconds} s per route, ${options.connections} connections, month ${month} (load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const healthBefore = await measure('health (before)', '/api/health/live', {});
    const dashboard = await measure('dashboard', `${p}/dashboard?month=${month}`, auth);
    const rest: Array<{ name: string; url: string; r: Awaited<ReturnType<typeof hammer>> }> = [];
    for (const route of routes) rest.push({ ...route, r: await measure(route.name, route.url, auth) });
    const healthAfter = await measure('health (after)', '/api/health/live', {});
    const health = (healthBefore.reqPerSec + healthAfter.reqPerSec) / 2;
    results.push({ name: 'health/live (mean of before and after)', url: '/api/health/live', reqPerSec: health, p975: Math.max(healthBefore.p975, healthAfter.p975), non2xx: 0, bytesPerReq: healthBefore.bytesPerReq, floorName: null, floor: null });
    results.push({ name: 'dashboard', url: '/api/v1/plans/:id/dashboard', ...dashboard, floorName: '½ health', floor: health / 2 });
    for (const { name, url, r } of rest) {
      results.push({ name, url: url.replace(`/plans/${plan.id}`, '/plans/:id').replace(`/units/${town.id}/`, '/units/:unitId/').replace(/month=[\d-]+/, 'month=…'), ...r, floorName: 'dashboard', floor: dashboard.reqPerSec });
    }
    const missed = results.filter((r) => r.floor && r.reqPerSec < r.floor);
    const heading = `### Throughput, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${options.label ? ` — ${options.label}` : ''}`;
    const body = [
      heading,
      '',
      `Demo county, month ${month}, autocannon ${options.connections} connections × ${options.seconds} s per route, as the leader` +
        `${options.compressed ? ', `Accept-Encoding: br, gzip`' : ', no Accept-Encoding'}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
        `load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end.`,
      '',
      table(results),
      '',
      missed.length === 0 ? 'Every aim met in this run.' : `Missed in this run: ${missed.map((m) => m.name).join(', ')}.`,
      '',
    ].join('\n');
    process.stdout.write(`\n${body}\n`);
    if (options.write) {
      fs.appendFileSync(options.out, `\n${body}`);
      say(`appended to ${options.out}`);
    }
  } finally {
    await api.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** `npm run bench -- --throughput …`: runs this bench instead of the province one; true when it took over. */
export function takeOverForThroughput(argv: string[]): boolean {
  if (!argv.includes('--throughput')) return false;
  runThroughputBench(argv).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench throughput: FAILED: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
  return true;
}
