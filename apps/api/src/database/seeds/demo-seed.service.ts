import { performance } from 'node:perf_hooks';

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { hashPassword } from '../../common/auth/passwords';
import type { Env } from '../../config/env.schema';
import { AuditService } from '../../modules/audit/audit.service';
import { DEMO_PASSWORD } from '../../modules/auth/demo-accounts.service';
import { YtdSummaryService } from '../../modules/progress/ytd-summary.service';
import { RankingsService } from '../../modules/rankings/rankings.service';
import { UnitsRepository } from '../../modules/units/units.repository';
import { UsersRepository } from '../../modules/users/users.repository';
import { DEMO_PLAN, insertDemoPlan } from './demo-county/plan.seed';
import { insertDemoProjects } from './demo-county/projects.insert';
import { buildDemoProjects } from './demo-county/projects.seed';
import { freezeDemoMonths } from './demo-county/rankings.seed';
import { buildDemoReports, insertDemoReports } from './demo-county/reports.seed';
import { insertDemoTargets } from './demo-county/targets.seed';
import { insertDemoUnits, REPORTING_UNITS } from './demo-county/units.seed';
import { insertDemoUsers } from './demo-county/users.seed';

export const DEMO_OPTIONS = Symbol('DEMO_OPTIONS');

export interface DemoOptions {
  /** Seed the demo county at start when the database has no unit yet (main.ts decides: see isDemoMode). */
  seedOnStart: boolean;
}

/** Demo mode: PACER_DEMO when set, else on exactly when there is no DATABASE_URL (the embedded database). */
export function isDemoMode(env: Pick<Env, 'PACER_DEMO' | 'DATABASE_URL'>): boolean {
  return env.PACER_DEMO ?? !env.DATABASE_URL;
}

export type DemoSeedResult =
  | {
      seeded: true;
      planId: number;
      counts: { units: number; users: number; targets: number; projects: number; reports: number };
      ms: number;
    }
  | { seeded: false; reason: 'already-seeded' | 'not-empty' };

/** Serialises seeding between replicas that start together on one empty database. */
const DEMO_SEED_LOCK = 7_365_050;

/**
 * The demo county (示范县, docs/demo.md): seeded once, in one transaction, into a database with no unit yet.
 * The data is fixed (seeded PRNG, fixed 2026 dates), so every seeded database holds the same county.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly ytd: YtdSummaryService,
    private readonly rankings: RankingsService,
    @Inject(DEMO_OPTIONS) private readonly options: DemoOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedOnStart) return;
    const [{ empty }] = await this.dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM unit) AS empty');
    if (!empty) return;
    try {
      const result = await this.seed('startup');
      if (result.seeded) {
        this.logger.log(
          `demo county seeded in ${result.ms} ms: ${result.counts.units} units, ${result.counts.projects} projects, ` +
            `${result.counts.reports} reports; log in as admin / ${DEMO_PASSWORD} (docs/demo.md)`,
        );
      }
    } catch (error) {
      // the product still starts (empty); the transaction left nothing behind
      this.logger.error(`the demo county could not be seeded: ${(error as Error).message}`);
    }
  }

  /** Seeds the demo unless it is there already or the database holds other units (idempotent). */
  async seed(source: 'startup' | 'cli' | 'test' = 'cli'): Promise<DemoSeedResult> {
    const started = performance.now();
    // built before the transaction: pure, and the same on every run
    const projects = buildDemoProjects();
    const reports = buildDemoReports(projects);
    const passwordHash = await hashPassword(DEMO_PASSWORD);

    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK]);
      const skip = await this.skipReason(manager);
      if (skip) return { seeded: false, reason: skip };

      const unitIds = await insertDemoUnits(manager, this.units);
      const userIds = await insertDemoUsers(manager, this.users, unitIds, passwordHash);
      const reporterIdByUnit = Object.fromEntries(
        REPORTING_UNITS.map((u) => [u.code, userIds[u.reporter!]!]),
      );
      const plan = await insertDemoPlan(manager, unitIds.XIAN!);
      const targets = await insertDemoTargets(manager, plan, unitIds);
      await insertDemoProjects(manager, unitIds, reporterIdByUnit, projects);
      await insertDemoReports(manager, plan, unitIds, { adminId: userIds.admin!, reporterIdByUnit }, reports);

      const counts = {
        units: Object.keys(unitIds).length,
        users: Object.keys(userIds).length,
        targets,
        projects: projects.length,
        reports: reports.length,
      };
      await manager.query(
        `INSERT INTO app_setting (key, value) VALUES ('demo.enabled', 'true'::jsonb), ('demo.seeded', $1::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [JSON.stringify({ version: 1, planId: plan.planId, ...counts })],
      );
      await this.audit.record(
        manager,
        { principal: null, ip: null, requestId: null, userAgent: null },
        {
          action: 'demo.seed',
          objectType: 'plan',
          objectId: plan.planId,
          username: 'system',
          after: { plan: DEMO_PLAN.name, ...counts },
          detail: { source },
        },
      );
      await this.ytd.refreshPlan(manager, plan.planId);
      await freezeDemoMonths(manager, this.rankings, plan.planId);
      return { seeded: true, planId: plan.planId, counts, ms: Math.round(performance.now() - started) };
    });
  }

  private async skipReason(manager: EntityManager): Promise<'already-seeded' | 'not-empty' | null> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM app_setting WHERE key = 'demo.seeded') AS seeded,
              EXISTS (SELECT 1 FROM unit) AS "hasUnits"`,
    );
    if (row.seeded) return 'already-seeded';
    return row.hasUnits ? 'not-empty' : null;
  }
}
