import { performance } from 'node:perf_hooks';

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { hashPassword } from '../../common/auth/passwords';
import { Clock } from '../../common/clock/clock.service';
import { systemActor } from '../../common/jobs/system-actor';
import type { Env } from '../../config/env.schema';
import { AuditService } from '../../modules/audit/audit.service';
import { CLOSE_MONTH_JOB } from '../../modules/month-close/month-close-jobs.service';
import { MARK_LATE_JOB, OPEN_MONTH_JOB } from '../../modules/reports/reports-jobs.service';
import { DEMO_PASSWORD } from '../../modules/auth/demo-accounts.service';
import { YtdSummaryService } from '../../modules/progress/ytd-summary.service';
import { MonthCloseService } from '../../modules/month-close/month-close.service';
import { UnitsRepository } from '../../modules/units/units.repository';
import { UsersRepository } from '../../modules/users/users.repository';
import { insertDemoActivities } from './demo-county/activities.seed';
import { type DemoCalendar, demoCalendar } from './demo-county/calendar';
import { insertDemoChains } from './demo-county/chains.seed';
import { DEMO_PLAN, demoPlanDates, insertDemoPlan } from './demo-county/plan.seed';
import { insertDemoEvidence } from './demo-county/evidence.seed';
import { insertDemoLeads } from './demo-county/leads.seed';
import { insertDemoProjects } from './demo-county/projects.insert';
import { buildDemoProjects, ledgerAsOf } from './demo-county/projects.seed';
import { addDays, shanghai } from './demo-county/random';
import { freezeDemoMonths } from './demo-county/rankings.seed';
import { buildDemoReports, type DemoReport, insertDemoReports } from './demo-county/reports.seed';
import { insertDemoTargets } from './demo-county/targets.seed';
import { insertDemoUnits, REPORTING_UNITS } from './demo-county/units.seed';
import { insertDemoUsers } from './demo-county/users.seed';
import { decideDemoVerifications } from './demo-county/verifications.seed';

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
      /** The plan the story is told in, the day it was seeded for, its closed months and the month in review. */
      calendar: DemoCalendar;
      counts: { units: number; users: number; targets: number; projects: number; reports: number; attachments: number };
      ms: number;
    }
  | { seeded: false; reason: 'already-seeded' | 'not-empty' };

/** Serialises seeding between replicas that start together on one empty database. */
const DEMO_SEED_LOCK = 7_365_050;

/**
 * The demo county (示范县, docs/demo.md): seeded once, in one transaction, into a database with no unit yet.
 * It is told as of the day it is seeded (the injected Clock, Asia/Shanghai: demo-county/calendar.ts): the same
 * county on every day (seeded PRNG, a full-year ledger moved to the plan year and cut at that day), and the same
 * data for the same day.
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
    private readonly monthClose: MonthCloseService,
    private readonly clock: Clock,
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
    // built before the transaction: pure, and the same on every run of the same day
    const cal = demoCalendar(this.clock.now());
    const projects = ledgerAsOf(buildDemoProjects(), cal);
    const reports = buildDemoReports(projects, cal);
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
      const plan = await insertDemoPlan(manager, unitIds.XIAN!, cal.storyYear, cal.lastEventDay);
      let targets = await insertDemoTargets(
        manager,
        plan,
        unitIds,
        demoPlanDates(cal.storyYear, cal.lastEventDay).publishedAt,
      );
      // January: next year's plan is published with its targets, nothing reported or signed in it yet
      const newPlan = cal.newYear
        ? await insertDemoPlan(manager, unitIds.XIAN!, cal.newYear, cal.lastEventDay)
        : null;
      if (newPlan) {
        targets += await insertDemoTargets(
          manager,
          newPlan,
          unitIds,
          demoPlanDates(cal.newYear!, cal.lastEventDay).publishedAt,
        );
      }
      await insertDemoProjects(manager, unitIds, reporterIdByUnit, projects, cal);
      await decideDemoVerifications(manager, cal, userIds.admin!);
      const attachments = await insertDemoEvidence(manager, userIds.admin!);
      // 招商工作 (issue 17): chains, then leads, then activities (each finds what it links to by name)
      await insertDemoChains(manager, unitIds, userIds.admin ?? null);
      // 线索 (issue 17): after the ledger (a signed lead links a project) and the chains (a lead names a link)
      const demoLeads = await insertDemoLeads(manager, unitIds, reporterIdByUnit, cal);
      this.logger.log(`demo 线索: ${demoLeads.leads} leads, ${demoLeads.followUps} follow-ups`);
      const actors = { adminId: userIds.admin!, reporterIdByUnit };
      const inStory = reports.filter((r) => r.month.startsWith(String(cal.storyYear)));
      await insertDemoReports(manager, plan, unitIds, actors, inStory);
      // January after December's close: the new year's early drafts
      if (newPlan && inStory.length < reports.length) {
        await insertDemoReports(
          manager,
          newPlan,
          unitIds,
          actors,
          reports.filter((r) => !inStory.includes(r)),
        );
      }
      await this.recordJobs(manager, plan.planId, cal, reports);
      // 招商工作 (issue 17): chains → leads → activities, each finding what it links to by name
      await insertDemoActivities(manager, unitIds, reporterIdByUnit, cal);

      const counts = {
        units: Object.keys(unitIds).length,
        users: Object.keys(userIds).length,
        targets,
        projects: projects.length,
        reports: reports.length,
        attachments,
      };
      await manager.query(
        `INSERT INTO app_setting (key, value) VALUES ('demo.enabled', 'true'::jsonb), ('demo.seeded', $1::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [
          JSON.stringify({
            version: 2,
            planId: plan.planId,
            newPlanId: newPlan?.planId ?? null,
            asOf: cal.today,
            ...counts,
          }),
        ],
      );
      await this.audit.record(
        manager,
        { principal: null, ip: null, requestId: null, userAgent: null },
        {
          action: 'demo.seed',
          objectType: 'plan',
          objectId: plan.planId,
          username: 'system',
          after: { plan: DEMO_PLAN.name(cal.storyYear), ...counts },
          detail: { source, asOf: cal.today, closedMonths: cal.closedMonths, reviewMonth: cal.reviewMonth },
        },
      );
      await this.ytd.refreshPlan(manager, plan.planId);
      if (newPlan) await this.ytd.refreshPlan(manager, newPlan.planId);
      await freezeDemoMonths(manager, this.monthClose, plan.planId, cal.closedMonths);
      return {
        seeded: true,
        planId: plan.planId,
        calendar: cal,
        counts,
        ms: Math.round(performance.now() - started),
      };
    });
  }

  /**
   * What the scheduled jobs did before the seeding day, so that they neither redo it nor act on a state the
   * demo made up: a job_run row per (job, month) that ran — open-month on the 1st, mark-late on the 6th, close on
   * the 10th — and, for the month in review after its deadline, the mark-late audit event of each draft it flagged.
   */
  private async recordJobs(
    manager: EntityManager,
    planId: number,
    cal: DemoCalendar,
    reports: readonly DemoReport[],
  ): Promise<void> {
    const runs: Array<[job: string, month: string, at: string]> = [];
    const dayAfter = (month: string, day: number, hour: number, minute: number) =>
      shanghai(`${addDays(`${month}-01`, 32).slice(0, 7)}-${String(day).padStart(2, '0')}`, hour, minute);
    for (const month of cal.closedMonths) {
      runs.push([OPEN_MONTH_JOB, month, dayAfter(month, 1, 0, 10)]);
      runs.push([MARK_LATE_JOB, month, dayAfter(month, DEMO_PLAN.reportDeadlineDay + 1, 0, 20)]);
      runs.push([CLOSE_MONTH_JOB, month, dayAfter(month, DEMO_PLAN.monthCloseDay, 1, 0)]);
    }
    const review = cal.phase === 'after-close' ? null : cal.reviewMonth;
    if (review) {
      runs.push([OPEN_MONTH_JOB, review, dayAfter(review, 1, 0, 10)]);
      if (cal.phase === 'after-deadline') {
        runs.push([MARK_LATE_JOB, review, dayAfter(review, DEMO_PLAN.reportDeadlineDay + 1, 0, 20)]);
        // the job flags the drafts never submitted at the deadline; some of them were handed in (late) since
        const flagged = await manager.query(
          `SELECT r.id, r.unit_id AS "unitId" FROM monthly_report r JOIN unit u ON u.id = r.unit_id
            WHERE r.plan_id = $1 AND r.month = $2 AND r.is_late AND u.code = ANY($3::text[]) ORDER BY r.id`,
          [planId, review, reports.filter((r) => r.month === review && r.isLate).map((r) => r.unitCode)],
        );
        const actor = systemActor(MARK_LATE_JOB, review);
        for (const report of flagged as Array<{ id: number; unitId: number }>) {
          await this.audit.record(manager, actor, {
            action: 'report.mark_late',
            objectType: 'report',
            objectId: report.id,
            before: { isLate: false },
            after: { isLate: true },
            detail: {
              planId,
              unitId: report.unitId,
              month: review,
              deadline: `${dayAfter(review, DEMO_PLAN.reportDeadlineDay, 0, 0).slice(0, 10)}`,
            },
          });
        }
      }
    }
    if (runs.length === 0) return;
    await manager.query(
      `INSERT INTO job_run (job, plan_id, period, started_at, finished_at, runner, result)
       SELECT t.job, $1, t.period, t.at, t.at, 'demo-seed', 'null'::jsonb
         FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS t(job, period, at)`,
      [planId, runs.map((r) => r[0]), runs.map((r) => r[1]), runs.map((r) => r[2])],
    );
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
