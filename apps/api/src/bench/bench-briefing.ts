import 'reflect-metadata';

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

import { NestFactory } from '@nestjs/core';
import { businessDate } from '@pacer/shared';

import { AppModule } from '../app.module';
import { systemActor } from '../common/jobs/system-actor';
import { type EmbeddedCluster, startEmbeddedPostgres } from '../database/embedded-pg';
import { renderBriefingCharts } from '../modules/briefings/briefing-charts';
import { buildBriefingDocx } from '../modules/briefings/briefing-docx';
import { assembleBriefing } from '../modules/briefings/briefing-model.builder';
import { buildBriefingXlsx } from '../modules/briefings/briefing-xlsx';
import { BriefingsRepository } from '../modules/briefings/briefings.repository';
import { BriefingsService } from '../modules/briefings/briefings.service';
import { MonthCloseHooks } from '../modules/month-close/month-close-hooks.service';
import { MonthCloseService } from '../modules/month-close/month-close.service';
import { RankingSnapshotsService } from '../modules/rankings/ranking-snapshots.service';
import { RankingsService } from '../modules/rankings/rankings.service';
import { datasetSize } from './bench-dataset';
import { BENCH_MONTH } from './bench-plan';
import { prepareDataset } from './bench-prepare';

/*
 * Where the month close's draft 通报 spends its time and memory, in process (npm run build, then
 * `node --expose-gc dist/bench/bench-briefing.js --scale 0.1`): the bench's province prepared in a throwaway
 * embedded PostgreSQL, June closed through MonthCloseService.closeMonth (the close returns, then the hooks' draft),
 * then each step of BriefingsService.generate on its own (model, charts, .docx, .xlsx) and a whole generate() with
 * its store. Each step: wall time and the process's peak RSS during it (VmHWM, reset before the step). Prints a
 * table; writes nothing to docs/.
 */

const say = (message: string) => process.stdout.write(`bench-briefing: ${message}\n`);

function parseScale(argv: string[]): number {
  let scale = 0.1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scale') scale = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (known: --scale N)`);
  }
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('--scale must be a positive number');
  return scale;
}

const mib = (kb: number) => kb / 1024;
function statusKb(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Collects what it can, then resets the peak RSS (VmHWM) to the current RSS (Linux: clear_refs 5). */
function resetPeak(): void {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: the peaks below are the process's since it started
  }
}

interface Step {
  name: string;
  ms: number;
  rssBeforeMiB: number;
  peakMiB: number;
  note?: string;
}

async function step<T>(steps: Step[], name: string, work: () => Promise<T>, note?: (v: T) => string) {
  resetPeak();
  const rssBeforeMiB = mib(statusKb('VmRSS'));
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const peakMiB = mib(statusKb('VmHWM'));
  steps.push({ name, ms, rssBeforeMiB, peakMiB, ...(note ? { note: note(value) } : {}) });
  say(
    `${name}: ${(ms / 1000).toFixed(2)} s, peak RSS ${peakMiB.toFixed(0)} MiB (from ${rssBeforeMiB.toFixed(0)})`,
  );
  return value;
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

async function run(scale: number): Promise<void> {
  const size = datasetSize(scale);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-bench-briefing-'));
  let cluster: EmbeddedCluster | undefined;
  try {
    say(`scale ${scale}: ${size.units} units; cluster in ${folder}`);
    cluster = await startEmbeddedPostgres({ clusterDir: path.join(folder, 'pg'), persistent: false });
    const data = await prepareDataset(cluster.url, size, say);
    const planId = data.ids.planId;
    process.env.PACER_JOBS = '0';
    const app = await NestFactory.createApplicationContext(
      // measured as the API runs: requests as the runtime role
      AppModule.forRoot({
        databaseUrl: cluster.runtimeUrl,
        migrationUrl: cluster.url,
        logLevel: 'warn',
        demo: false,
      }),
      { logger: ['error', 'warn', 'log'] },
    );
    const steps: Step[] = [];
    try {
      const rankings = app.get(RankingsService);
      const hooks = app.get(MonthCloseHooks) as MonthCloseHooks & { idle?: () => Promise<void> };
      const actor = systemActor('bench', BENCH_MONTH);
      await step(steps, `closeMonth ${BENCH_MONTH} (returns)`, () =>
        app.get(MonthCloseService).closeMonth(actor, planId, BENCH_MONTH),
      );
      if (hooks.idle) await step(steps, 'the close hooks (draft 通报) after it', () => hooks.idle!());

      // generate()'s steps one by one, on the frozen month
      const plan = await rankings.requireVisiblePlan(actor, planId, BENCH_MONTH);
      const sources = {
        rankings,
        snapshots: app.get(RankingSnapshotsService),
        briefings: app.get(BriefingsRepository),
      };
      let model = await step(
        steps,
        'assembleBriefing',
        () => assembleBriefing(sources, plan, BENCH_MONTH, businessDate(new Date())),
        (m) => `${m.units.length} units, ${m.ranking.rows.length} ranked`,
      );
      let charts = await step(
        steps,
        'charts',
        () => renderBriefingCharts(model),
        (c) =>
          `${c.groups.size + (c.trend ? 1 : 0)} PNGs, ${kib(
            [...c.groups.values(), ...(c.trend ? [c.trend] : [])].reduce((n, i) => n + i.png.length, 0),
          )}, bars ${[...c.groups.values()].map((i) => `${i.height}px`).join(' / ')}`,
      );
      await step(
        steps,
        '.docx',
        () => buildBriefingDocx(model, charts),
        (b) => kib(b.length),
      );
      await step(
        steps,
        '.xlsx',
        () => buildBriefingXlsx(model),
        (b) => kib(b.length),
      );
      // drop them before the whole run
      model = undefined as never;
      charts = undefined as never;
      await step(
        steps,
        'BriefingsService.generate (all, stored)',
        () => app.get(BriefingsService).generate(actor, planId, BENCH_MONTH, 'manual'),
        (v) => `v${v.version}, docx ${kib(v.docxBytes ?? 0)}, xlsx ${kib(v.xlsxBytes ?? 0)}`,
      );
    } finally {
      await app.close();
    }
    const name = Math.max(...steps.map((s) => s.name.length));
    process.stdout.write(
      `\nscale ${scale} (${size.units} units), load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n` +
        steps
          .map(
            (s) =>
              `${s.name.padEnd(name)}  ${(s.ms / 1000).toFixed(2).padStart(7)} s  peak ${s.peakMiB
                .toFixed(0)
                .padStart(5)} MiB (from ${s.rssBeforeMiB.toFixed(0)})${s.note ? `  ${s.note}` : ''}`,
          )
          .join('\n') +
        '\n',
    );
  } finally {
    await cluster?.stop().catch(() => undefined);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

let scale: number;
try {
  scale = parseScale(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench-briefing: ${(error as Error).message}\n`);
  process.exit(2);
}
run(scale).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench-briefing: FAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
