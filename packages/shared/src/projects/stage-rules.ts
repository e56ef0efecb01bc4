import { PROJECT_STAGE_ORDER, type ProjectStage } from '../enums/project-stage.js';

/** A stage event's kind: a stage, or `registered` (入库), which is a date of its own and leaves the stage alone. */
export type StageEventKind = ProjectStage | 'registered';

export const PATH_STAGES = ['lead', 'negotiating', 'signed', 'started', 'producing'] as const;
export type PathStage = (typeof PATH_STAGES)[number];

/** A project's stage and its dates (the project row's stage/date columns). */
export interface StageState {
  stage: ProjectStage;
  dates: Record<StageEventKind, string | null>;
}

export interface StageEventOutcome {
  /** Going back in time or back along the path: allowed only with a reason, and audited as such. */
  isCorrection: boolean;
  next: StageState;
}

export function isPathStage(stage: StageEventKind): stage is PathStage {
  return (PATH_STAGES as readonly string[]).includes(stage);
}

/** The latest date already on the path (dropped included, registered not): the floor of a forward event. */
export function latestPathDate(state: StageState): string | null {
  let latest: string | null = null;
  for (const key of [...PATH_STAGES, 'dropped'] as const) {
    const d = state.dates[key];
    if (d && (latest === null || d > latest)) latest = d;
  }
  return latest;
}

/**
 * Applies a stage event (the date is a real date not in the future; the caller checked that).
 * Forward along lead → negotiating → signed → started → producing (skipping allowed) on or after the latest
 * date is a plain event; `dropped` may come at any time. A stage earlier than the current one, leaving
 * `dropped` for a path stage, or a date earlier than the latest one is a correction. Moving back clears the
 * dates of the stages after the new one (they did not happen); `registered` only sets its own date, and an
 * earlier registered date than the one stored is a correction.
 */
export function applyStageEvent(state: StageState, kind: StageEventKind, date: string): StageEventOutcome {
  const dates = { ...state.dates };
  if (kind === 'registered') {
    const isCorrection = dates.registered !== null && date < dates.registered;
    dates.registered = date;
    return { isCorrection, next: { stage: state.stage, dates } };
  }
  const latest = latestPathDate(state);
  const isEarlierDate = latest !== null && date < latest;
  if (kind === 'dropped') {
    dates.dropped = date;
    return { isCorrection: isEarlierDate, next: { stage: 'dropped', dates } };
  }
  const isBackwards =
    state.stage === 'dropped' || PROJECT_STAGE_ORDER[kind] < PROJECT_STAGE_ORDER[state.stage];
  dates[kind] = date;
  for (const later of PATH_STAGES) {
    if (PROJECT_STAGE_ORDER[later] > PROJECT_STAGE_ORDER[kind]) dates[later] = null;
  }
  dates.dropped = null;
  return { isCorrection: isBackwards || isEarlierDate, next: { stage: kind, dates } };
}

/** The state of a new project created at `stage` on `date`. */
export function initialStageState(stage: PathStage, date: string): StageState {
  const dates: StageState['dates'] = {
    lead: null,
    negotiating: null,
    signed: null,
    started: null,
    producing: null,
    dropped: null,
    registered: null,
  };
  dates[stage] = date;
  return { stage, dates };
}
