import { performance } from 'node:perf_hooks';

import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { AppModule } from '../app.module';
import { systemActor } from '../common/jobs/system-actor';
import { buildDataSourceOptions, runMigrationsLocked } from '../database/data-source';
import { YtdSummaryRepository } from '../modules/progress/ytd-summary.repository';
import { YtdSummaryService } from '../modules/progress/ytd-summary.service';
import { MonthCloseService } from '../modules/month-close/month-close.service';
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
    say(
      `ytd_summary rebuilt in ${(again.ms / 1000).toFixed(1)} s (what a month close or an indicator change costs)`,
    );
    await dataSource.query('VACUUM ANALYZE ytd_summary');

    // the scorecard's unit: a town in the middle of the tree
    const [unit] = await dataSource.query(
      `SELECT u.id, u.category FROM unit u WHERE u.category = 'town' ORDER BY u.id
        OFFSET (SELECT count(*) / 2 FROM unit WHERE category = 'town') LIMIT 1`,
    );
    // the delta an approval or a ledger change runs: a town (3 ancestors), and the root (100 children to read)
    const delta = (unitId: number) =>
      timed(() => dataSource.transaction((m) => ytd.refreshForUnits(m, [unitId])));
    const deltaTown = await delta(unit.id);
    const deltaRoot = await delta(ids.rootUnitId);
    say(`ytd_summary delta: a town ${deltaTown.ms.toFixed(0)} ms, the root ${deltaRoot.ms.toFixed(0)} ms`);

    // the live ranking in process, step by step (the second run: plans cached, JIT warm)
    let profile: ProfileStep[] = [];
    for (let i = 0; i < 2; i++) profile = await profileLiveRanking(dataSource, ids.planId, BENCH_MONTH);
    say(`live ranking in process: ${profile.map((p) => `${p.name} ${p.ms.toFixed(0)} ms`).join(', ')}`);
    const freeze = await freezeMonth(url, ids.planId, PREVIOUS_MONTH);
    say(`${PREVIOUS_MONTH} frozen in ${(freeze / 1000).toFixed(1)} s`);

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
          note: 'what a month close, an indicator change or a unit move costs',
        },
        {
          name: 'YtdSummaryService.refreshForUnits (delta, a town)',
          ms: deltaTown.ms,
          note: 'what an approval, unlock or ledger change of a town costs the summary',
        },
        {
          name: 'YtdSummaryService.refreshForUnits (delta, the root)',
          ms: deltaRoot.ms,
          note: 'the worst case: the unit with the most children',
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
    const monthClose = app.get(MonthCloseService);
    const { ms } = await timed(() =>
      app.get(DataSource).transaction((manager) =>
        monthClose.freezePlanMonth(manager, systemActor('bench', month), planId, month, {
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

/**
 * Whether the maintained summary equals a rebuild from scratch: the plan's rows are kept aside, the plan rebuilt and
 * the two compared row for row, then rolled back (the database is left as it was). Answers the differing rows.
 */
export async function compareWithRebuild(
  url: string,
  planId: number,
): Promise<{ ms: number; differing: number }> {
  const dataSource = await new DataSource(buildDataSourceOptions(url, { extra: { max: 1 } })).initialize();
  const ytd = new YtdSummaryService(new YtdSummaryRepository());
  let differing = -1;
  const rollback = new Error('rollback');
  try {
    const { ms } = await timed(() =>
      dataSource
        .transaction(async (m) => {
          await m.query(
            `CREATE TEMP TABLE ytd_kept ON COMMIT DROP AS
             SELECT unit_id, indicator_id, month_no, value, numerator, denominator FROM ytd_summary WHERE plan_id = $1`,
            [planId],
          );
          await ytd.refreshPlan(m, planId);
          const [row] = await m.query(
            `WITH fresh AS (
               SELECT unit_id, indicator_id, month_no, value, numerator, denominator FROM ytd_summary WHERE plan_id = $1
             )
             SELECT ((SELECT count(*) FROM (SELECT * FROM ytd_kept EXCEPT ALL SELECT * FROM fresh) a)
                   + (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT ALL SELECT * FROM ytd_kept) b))::int AS n`,
            [planId],
          );
          differing = row.n;
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        }),
    );
    return { ms, differing };
  } finally {
    await dataSource.destroy();
  }
}
