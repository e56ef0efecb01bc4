import {
  changedUnits,
  rescoreUnits,
  type ScorePlanInput,
  type ScorePlanResult,
  scoringSignatures,
  type ScoringState,
} from '@pacer/shared';

/** Scored months whose engine state is kept, per plan and month (a province's state is its scored month's objects). */
const STATES_KEPT = 3;
/**
 * Above this share of the units changed (and more than MIN_PARTIAL_UNITS), the month is scored whole in the worker: a
 * partial scoring runs on the event loop, which is right for the few units an approval or a ledger change moves, not
 * for a month's first reports. A county's month (tens of units) is always cheap: up to MIN_PARTIAL_UNITS it is rescored.
 */
const MAX_CHANGED_SHARE = 0.2;
const MIN_PARTIAL_UNITS = 64;

/** How a month was scored: whole in the worker, or again for the changed units only (their ids). */
export type ScoringPath = { kind: 'full' } | { kind: 'partial'; changedUnitIds: number[] };

/**
 * The last engine state (its input's signatures and its result) of each recently scored plan month, so that the next
 * scoring after a change rescores only what the change can move (rescoreUnits in @pacer/shared, docs/scoring.md
 * "Incremental scoring"). Whatever the state is, the answer is exactly a full scoring of the input given: the input
 * (read in the caller's snapshot at the scoring data version, on whichever replica) is compared with the state's, unit
 * by unit, so a state from an older version, another business day or a close is only a starting point, never stale.
 */
export class ScoringStates {
  private readonly states = new Map<string, ScoringState>();

  private readonly capacity: number;
  private readonly minPartialUnits: number;

  constructor(options: { capacity?: number; minPartialUnits?: number } = {}) {
    this.capacity = options.capacity ?? STATES_KEPT;
    this.minPartialUnits = options.minPartialUnits ?? MIN_PARTIAL_UNITS;
  }

  /**
   * Scores `input` from the kept state of `key` when few enough units changed, else through `full` (the worker); then
   * keeps the new state.
   */
  async score(
    key: string,
    input: ScorePlanInput,
    full: (input: ScorePlanInput) => Promise<ScorePlanResult>,
  ): Promise<{ result: ScorePlanResult; path: ScoringPath }> {
    const previous = this.states.get(key);
    const signatures = scoringSignatures(input);
    const changed = previous
      ? changedUnits(previous.signatures, signatures, new Set(input.units.map((u) => u.id)))
      : null;
    let result: ScorePlanResult;
    let path: ScoringPath;
    if (
      previous &&
      changed !== null &&
      changed.size <= Math.max(this.minPartialUnits, input.units.length * MAX_CHANGED_SHARE)
    ) {
      result = changed.size === 0 ? previous.result : rescoreUnits(previous.result, input, changed);
      path = { kind: 'partial', changedUnitIds: [...changed].sort((a, b) => a - b) };
    } else {
      result = await full(input);
      path = { kind: 'full' };
    }
    this.states.delete(key);
    this.states.set(key, { signatures, result });
    while (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!);
    return { result, path };
  }

  /** Forgets every state (tests; a plan's states go by themselves as others are scored). */
  clear(): void {
    this.states.clear();
  }
}
