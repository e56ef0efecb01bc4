import { Dec } from '../money/decimal.js';

/**
 * Year-to-date entry (issue 16 rule 10, docs/scoring.md §10): a unit enters the year's 累计 of an indicator and Pacer
 * stores the month's increment, so that the year-to-date summary stays a sum of increments.
 */

/** The month's increment from an entered 累计 and the unit's approved 累计 before the month; negative = a correction. */
export function ytdIncrement(ytd: string, approvedBefore: string): { value: string; isCorrection: boolean } {
  const value = new Dec(ytd).minus(approvedBefore);
  return { value: value.toFixed(), isCorrection: value.isNegative() && !value.isZero() };
}

/** One approved month of one unit and indicator, in month order: the entered 累计 (null: entered as a month's figure). */
export interface ApprovedEntry {
  ytd: string | null;
  value: string;
}

/**
 * The increments of a unit's approved months of one indicator (in month order), derived again from their entered
 * 累计: each `ytd` month's increment is its 累计 minus the 累计 reached by the approved months before it; a month
 * entered as a figure keeps its value. Run on every approval and unlock, so that the increments of the approved
 * months always add up to the latest approved 累计, whatever order months were approved in.
 */
export function deriveYtdIncrements(entries: readonly ApprovedEntry[]): string[] {
  let reached = new Dec(0);
  return entries.map((e) => {
    if (e.ytd === null) {
      reached = reached.plus(e.value);
      return e.value;
    }
    const value = new Dec(e.ytd).minus(reached);
    reached = new Dec(e.ytd);
    return value.toFixed();
  });
}
