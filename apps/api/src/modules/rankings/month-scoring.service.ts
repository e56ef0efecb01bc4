import { Injectable } from '@nestjs/common';
import {
  businessDate,
  parseMonth,
  reportDeadline,
  ScoringConfigError,
  type ScorePlanInput,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { LoadedParts } from './loaded-parts';
import { scoringConfigInvalid } from './rankings.errors';
import { monthString, type RankingPlan, RankingsRepository } from './rankings.repository';
import type { ScoredMonth } from './scored-month';
import { ScoringRunner } from './scoring-runner';
import { type ScoringPath, ScoringStates } from './scoring-states';
import {
  builtInCounters,
  LATE_START_MONTHS,
  type LoadedScoringData,
  referencedSources,
  toEngineInput,
  toScoredMonth,
} from './scoring-input';

/** Whether a scored month is frozen, and when and why it was computed (null while it is live). */
export interface ScoredMonthMeta {
  isFrozen: boolean;
  computedAt: string | null;
  reason: string | null;
}

/**
 * Scoring a month (docs/scoring.md): loads what the plan's scoring reads, in the caller's transaction, and runs the
 * engine on it in its worker. No caching here (ScoredMonthsService keeps months) and no snapshot (the month close
 * freezes what this answers).
 */
@Injectable()
export class MonthScoringService {
  /** The last engine state per plan month: the next scoring after a change rescores only what it moves. */
  private readonly states = new ScoringStates();
  /** How the last scoring ran (the bench and the specs read it). */
  lastPath: ScoringPath | null = null;
  /** The input's parts as last loaded per plan month, reused while the tables they read are unchanged. */
  private readonly loads = new LoadedParts();

  constructor(
    private readonly rankings: RankingsRepository,
    private readonly scoring: ScoringRunner,
  ) {}

  async score(
    plan: RankingPlan,
    month: string,
    at: Date,
    manager: EntityManager,
    meta: ScoredMonthMeta,
  ): Promise<ScoredMonth> {
    const data = await this.load(plan, parseMonth(month).month, at, manager);
    try {
      // a few changed units are rescored on the event loop (ScoringStates); a whole month runs in the engine's worker
      // thread, where other requests are served meanwhile
      const { result, path } = await this.states.score(`${plan.id}:${month}`, toEngineInput(data), (input) =>
        this.scoring.score(input),
      );
      this.lastPath = path;
      return toScoredMonth(data, result, { month, ...meta });
    } catch (error) {
      if (!(error instanceof ScoringConfigError)) throw error;
      throw scoringConfigInvalid(error.issues);
    }
  }

  /** The engine's input of the month, as `score` gives it to the engine (the what-if's GET …/scoring-input). */
  async input(plan: RankingPlan, month: string, at: Date, manager: EntityManager): Promise<ScorePlanInput> {
    return toEngineInput(await this.load(plan, parseMonth(month).month, at, manager));
  }

  private async load(
    plan: RankingPlan,
    monthNo: number,
    at: Date,
    manager: EntityManager,
  ): Promise<LoadedScoringData> {
    const sources = referencedSources(plan.scoring);
    const today = businessDate(at);
    const overdueMonths = Array.from({ length: monthNo }, (_, i) => monthString(plan.year, i + 1)).filter(
      (m) => today > reportDeadline(m, plan.reportDeadlineDay),
    );
    const month = monthString(plan.year, monthNo);
    // one connection in a transaction: the statements run one after the other. Each part is read again only when a
    // table it reads was written since it was last read for this plan month (LoadedParts)
    const versions = await this.rankings.listTableVersions(manager);
    const part = <T>(name: string, tables: readonly string[], params: unknown, load: () => Promise<T>) =>
      this.loads.get(`${plan.id}:${month}`, name, tables, versions, params, load);
    const TREE = ['unit', 'unit_closure'];
    const LEDGER = ['plan', 'project', 'project_share', ...TREE];
    const units = await part('units', TREE, plan.rootUnitId, () =>
      this.rankings.listTreeUnits(plan.rootUnitId, manager),
    );
    const indicators = await part('indicators', ['indicator'], null, () =>
      this.rankings.listIndicators(plan.id, manager),
    );
    const targets = await part('targets', ['target'], null, () =>
      this.rankings.listTargets(plan.id, manager),
    );
    // the indicator table too: an optional indicator's figures carry their month (§11)
    const actuals = await part('actuals', ['ytd_summary', 'indicator'], null, () =>
      this.rankings.listActuals(plan.id, monthNo, manager),
    );
    const counterNames = builtInCounters(sources.counters);
    const counterParams = {
      monthNo,
      overdueMonths,
      lateStartMonths: plan.lateStartMonths ?? LATE_START_MONTHS,
    };
    const counters = await part(
      'counters',
      [...LEDGER, 'monthly_report'],
      [plan, counterNames, counterParams],
      () => this.rankings.listCounters(plan, counterNames, counterParams, manager),
    );
    const projects = sources.lists.has('signed')
      ? await part('projects', LEDGER, plan, () => this.rankings.listSignedProjects(plan, monthNo, manager))
      : [];
    const manual = await part('manual', ['scoring_manual_entry'], null, () =>
      this.rankings.listManualEntries(plan.id, month, manager),
    );
    const history = await this.rankings.listHistory(plan, manager);
    return { plan, monthNo, units, indicators, targets, actuals, counters, projects, manual, history };
  }
}
