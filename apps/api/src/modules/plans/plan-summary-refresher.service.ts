import type { EntityManager } from 'typeorm';

/**
 * What a change of a plan's settings or catalogue needs of the year-to-date summary: rebuild the plan's rows in the
 * caller's transaction. The progress module provides it (its YtdSummaryService), so the plans module imports nothing
 * of progress while progress calls the plans service (the dependency runs one way: progress → plans).
 */
export abstract class PlanSummaryRefresher {
  abstract refreshPlan(manager: EntityManager, planId: number): Promise<void>;
}
