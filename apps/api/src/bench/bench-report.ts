import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { Timing } from './bench-api';
import type { ProfileStep } from './bench-profile';
import type { DatasetSize } from './bench-dataset';

export interface Machine {
  cpuModel: string;
  nproc: number;
  memory: string;
  node: string;
  postgres: string;
  os: string;
}

export interface RouteRow {
  name: string;
  route: string;
  timing: Timing;
  floor: Timing | null;
}

export interface BenchResult {
  startedAt: Date;
  scale: number;
  reps: number;
  warmup: number;
  size: DatasetSize;
  counts: Record<string, number>;
  steps: Array<{ name: string; ms: number }>;
  oneOff: Array<{ name: string; ms: number; note?: string }>;
  routes: RouteRow[];
  /** The live ranking in process, step by step. */
  profile: ProfileStep[];
  /** MiB: the peak over the run, the peak before the month close (and its hooks), the resident set at the end. */
  memory: { peakMiB: number; rssMiB: number; peakBeforeCloseMiB: number };
  load: { before: number[]; after: number[] };
  machine: Machine;
  /** What was measured, when not the current code (e.g. "before the ranking cache"). */
  label: string | null;
  notes: string[];
}

/** Ranking (live) at most this p95, and within this factor of its floor. */
export const AIM = { p95Ms: 100, floorRatio: 1.5 };

export function describeMachine(postgres: string): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc = os.availableParallelism();
  let memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total`;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
    const mem = execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n')[1]?.trim().split(/\s+/);
    if (mem && mem[0] === 'Mem:') memory = `${mem[1]} total, ${mem[6] ?? '?'} available (free -h)`;
  } catch {
    // not Linux: keep what os says
  }
  return {
    cpuModel: model,
    nproc,
    memory,
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const kib = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
const loadText = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

export function verdict(result: BenchResult): string {
  const live = result.routes.find((r) => r.name === 'ranking (live)');
  if (!live?.floor) return 'ranking (live) not measured';
  const p95Ok = live.timing.p95 <= AIM.p95Ms;
  const floorOk = live.timing.p95 <= AIM.floorRatio * live.floor.p95;
  return (
    `ranking (live) p95 ${ms(live.timing.p95)} ms (aim ≤ ${AIM.p95Ms} ms: ${p95Ok ? 'met' : 'MISSED'}), ` +
    `${ratio(live.timing.p95, live.floor.p95)} its floor's p95 (aim ≤ ${AIM.floorRatio}×: ${floorOk ? 'met' : 'MISSED'})`
  );
}

/** The plain-text table printed at the end of a run. */
export function textTable(result: BenchResult): string {
  const head = [
    'route',
    'p50 ms',
    'p95 ms',
    'max ms',
    'size',
    'floor p50',
    'floor p95',
    'ratio p50',
    'ratio p95',
  ];
  const rows = result.routes.map((r) => [
    r.name,
    ms(r.timing.p50),
    ms(r.timing.p95),
    ms(r.timing.max),
    kib(r.timing.bytes),
    r.floor ? ms(r.floor.p50) : '—',
    r.floor ? ms(r.floor.p95) : '—',
    r.floor ? ratio(r.timing.p50, r.floor.p50) : '—',
    r.floor ? ratio(r.timing.p95, r.floor.p95) : '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    ...result.oneOff.map((o) => `${o.name}: ${ms(o.ms)} ms${o.note ? ` (${o.note})` : ''}`),
    `API peak RSS (VmHWM): ${result.memory.peakMiB.toFixed(0)} MiB (${result.memory.peakBeforeCloseMiB.toFixed(0)} MiB before the close); ` +
      `RSS at the end ${result.memory.rssMiB.toFixed(0)} MiB`,
    `load average (1/5/15 min) before: ${loadText(result.load.before)}, after: ${loadText(result.load.after)}`,
    verdict(result),
  ].join('\n');
}

export function markdownSection(result: BenchResult): string {
  const m = result.machine;
  const c = result.counts;
  const fmt = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
  const lines = [
    `## ${result.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — scale ${result.scale}` +
      (result.label ? ` — ${result.label}` : ''),
    '',
    `- Machine: ${m.cpuModel}, ${m.nproc} CPUs (nproc), memory ${m.memory}; ${m.os}`,
    `- Node ${m.node}; ${m.postgres} (embedded, default settings)`,
    `- Load average (1/5/15 min) before the measured run ${loadText(result.load.before)}, after ${loadText(result.load.after)}` +
      ' — other jobs (builds, tests) may share the machine',
    `- Data: ${fmt(c.unit)} units (1 province, ${fmt(result.size.cities)} counties, ${fmt(result.size.leaves)} towns and departments), ` +
      `15 indicators, ${fmt(c.target)} targets, ${fmt(c.monthly_report)} reports with ${fmt(c.report_value)} values, ` +
      `${fmt(c.project)} projects (${fmt(c.project_share)} share rows, ${fmt(c.project_event)} events, ${fmt(c.project_fund)} fund rows), ` +
      `${fmt(c.ytd_summary)} ytd_summary rows`,
    `- Each route: ${result.reps} sequential requests on one keep-alive connection after ${result.warmup} warm-up requests; the floor is one ` +
      'hand-written SQL statement (apps/api/src/bench/bench-floor.ts) run the same way through `pg`',
    '',
    '| route | p50 ms | p95 ms | max ms | response | floor p50 | floor p95 | route ÷ floor (p50) | route ÷ floor (p95) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.routes.map(
      (r) =>
        `| ${r.name} \`${r.route}\` | ${ms(r.timing.p50)} | ${ms(r.timing.p95)} | ${ms(r.timing.max)} | ${kib(r.timing.bytes)} | ` +
        `${r.floor ? ms(r.floor.p50) : '—'} | ${r.floor ? ms(r.floor.p95) : '—'} | ` +
        `${r.floor ? ratio(r.timing.p50, r.floor.p50) : '—'} | ${r.floor ? ratio(r.timing.p95, r.floor.p95) : '—'} |`,
    ),
    '',
    '| one-off | ms | |',
    '| --- | ---: | --- |',
    ...result.steps.map((s) => `| generate: ${s.name} | ${ms(s.ms)} | |`),
    ...result.oneOff.map((o) => `| ${o.name} | ${ms(o.ms)} | ${o.note ?? ''} |`),
    '',
    'The live ranking in process (MonthScoringService.load + engine), one warm run:',
    '',
    '| step | ms | rows |',
    '| --- | ---: | ---: |',
    ...result.profile.map((p) => `| ${p.name} | ${ms(p.ms)} | ${p.rows === undefined ? '' : fmt(p.rows)} |`),
    '',
    `API peak memory (VmHWM): **${result.memory.peakMiB.toFixed(0)} MiB** over the run, ` +
      `${result.memory.peakBeforeCloseMiB.toFixed(0)} MiB before the month close and its hooks; ` +
      `RSS at the end ${result.memory.rssMiB.toFixed(0)} MiB.`,
    '',
    `Aim: ${verdict(result)}.`,
    ...(result.notes.length > 0 ? ['', ...result.notes.map((n) => `- ${n}`)] : []),
    '',
  ];
  return lines.join('\n');
}

const INTRO = `# Benchmarks

\`npm run bench\` (after \`npm run build\`; not part of \`npm test\`; \`npm run bench -- --scale 0.1\` for a quick run)
generates a province-size dataset with set-based SQL in a throwaway embedded PostgreSQL — 6,000 units in 3 levels,
15 indicators, 12 months of reports, 200,000 projects — builds the year-to-date summary, freezes May, starts the
compiled API on it and measures the progress, ranking, scorecard and dashboard routes over HTTP for June, live and
after the month close, next to the same aggregate as one hand-written SQL statement (the floor). Options:
\`--reps N\` (30), \`--warmup N\` (5), \`--max-load X\` and \`--wait-minutes N\` (wait up to 15 minutes for a load
average under 1.5), \`--no-write\`, \`--out FILE\`, \`--label TEXT\`, \`--cpu-prof DIR\` (the API's CPU
profiles). Each run appends a section to this file.
`;

/** Appends the run's section to docs/benchmarks.md (creating it with an introduction). */
export function appendMarkdown(file: string, result: BenchResult): void {
  const section = markdownSection(result);
  if (fs.existsSync(file)) fs.appendFileSync(file, `\n${section}`);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${INTRO}\n${section}`);
  }
}
