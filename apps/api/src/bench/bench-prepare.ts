import { performance } from 'node:perf_hooks';

import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { AppModule } from '../app.module';
import { systemActor } from '../common/jobs/system-actor';
import { buildDataSourceOptions, runMigrationsLocked } from '../database/data-source';
import { YtdSummaryRepository } from '../modules/progress/ytd-summary.repository';
import { YtdSummaryService } from '../modules/progress/ytd-summary.service';
import { RankingsService } from '../modules/rankings/rankings.service';
import { type BenchIds, countRows, type DatasetSize, generateProvince, insertTargets } from './bench-dataset';
import type { FloorContext } from './bench-floor';
import { BENCH_GROUPS, BENCH_MONTH } from './bench-plan';
import { profileLiveRanking, type ProfileStep } from './bench-profile';
import type { BenchResult } from './bench-report';

export interface PreparedDataset {
  ids: BenchIds;
  counts: Record<string, number>;
  steps: BenchResult['steps'];
  oneOff: BenchResult['oneOff'];
  profile: ProfileStep[];
  floor: FloorContext;
  postgres: string;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/** The month before the measured one, frozen so that rankings show movement as they do after a real close. */
const PREVIOUS_MONTH = '2026-05';

/**
 * The province in a migrated database: generated, its year-to-date summary built (timed, then rebuilt as an
 * approval would), targets set from the generated year, the live ranking profiled in process, and May frozen.
 */
export async function prepareDataset(
  url: string,
  size: DatasetSize,
  say: (message: string) => void,
): Promise<PreparedDataset> {
  const dataSource = await new DataSource(buildDataSourceOptions(url, { extra: { max: 4 } })).initialize();
  try {
    await runMigrationsLocked(dataSource);
    const steps: BenchResult['steps'] = [];
    const step = async (name: string, work: () => Promise<unknown>) => {
      const { ms } = await timed(work);
      steps.push({ name, ms });
      say(`generated ${name} in ${(ms / 1000).toFixed(1)} s`);
    };
    const runner = dataSource.createQueryRunner();
    let ids: BenchIds;
    let counts: Record<string, number>;
    const ytd = new YtdSummaryService(new YtdSummaryRepository());
    const refresh = () => dataSource.transaction((m) => ytd.refreshPlan(m, ids.planId));
    let first: { ms: number };
    try {
      ids = await generateProvince(runner, size, step);
      first = await timed(refresh);
      say(`ytd_summary built in ${(first.ms / 1000).toFixed(1)} s`);
      await step('targets', () => insertTargets(runner, ids));
      await runner.query('VACUUM ANALYZE');
      counts = await countRows(runner);
    } finally {
      await runner.release();
    }
    const again = await timed(refresh);
    say(`ytd_summary rebuilt in ${(again.ms / 1000).toFixed(1)} s (what one approval costs)`);
    await dataSource.query('VACUUM ANALYZE ytd_summary');

    // the live ranking in process, step by step (the second run: plans cached, JIT warm)
    let profile: ProfileStep[] = [];
    for (let i = 0; i < 2; i++) profile = await profileLiveRanking(dataSource, ids.planId, BENCH_MONTH);
    say(`live ranking in process: ${profile.map((p) => `${p.name} ${p.ms.toFixed(0)} ms`).join(', ')}`);
    const freeze = await freezeMonth(url, ids.planId, PREVIOUS_MONTH);
    say(`${PREVIOUS_MONTH} frozen in ${(freeze / 1000).toFixed(1)} s`);

    // the scorecard's unit: a town in the middle of the tree
    const [unit] = await dataSource.query(
      `SELECT u.id, u.category FROM unit u WHERE u.category = 'town' ORDER BY u.id
        OFFSET (SELECT count(*) / 2 FROM unit WHERE category = 'town') LIMIT 1`,
    );
    const monthNo = Number(BENCH_MONTH.slice(5));
    const [{ version }] = await dataSource.query('SELECT version()');
    return {
      ids,
      counts,
      steps,
      oneOff: [
        { name: 'YtdSummaryService.refreshPlan (first build)', ms: first.ms },
        {
          name: 'YtdSummaryService.refreshPlan (rebuild)',
          ms: again.ms,
          note: 'what any approval, unlock or ledger change costs',
        },
        {
          name: `freeze ${PREVIOUS_MONTH} in process`,
          ms: freeze,
          note: 'scoring + snapshot, no summary rebuild',
        },
      ],
      profile,
      floor: {
        planId: ids.planId,
        rootUnitId: ids.rootUnitId,
        monthNo,
        expected: (monthNo / 12).toFixed(20),
        yellowBand: '10',
        groupCategories: BENCH_GROUPS[0]!.categories,
        allCategories: BENCH_GROUPS.flatMap((g) => g.categories),
        unitId: unit.id,
        unitCategory: unit.category,
      },
      postgres: String(version).split(',')[0]!,
    };
  } finally {
    await dataSource.destroy();
  }
}

/** Freezes a month as the month-close job does (the summary is current), in an application context of its own. */
async function freezeMonth(url: string, planId: number, month: string): Promise<number> {
  process.env.PACER_JOBS = '0';
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ databaseUrl: url, logLevel: 'warn', demo: false }),
    { logger: ['error', 'warn'] },
  );
  try {
    const rankings = app.get(RankingsService);
    const { ms } = await timed(() =>
      app.get(DataSource).transaction((manager) =>
        rankings.freezePlanMonth(manager, systemActor('bench', month), planId, month, {
          at: new Date(
            `${month.slice(0, 4)}-${String(Number(month.slice(5)) + 1).padStart(2, '0')}-10T01:00:00Z`,
          ),
          reason: null,
        }),
      ),
    );
    return ms;
  } finally {
    await app.close();
  }
}
