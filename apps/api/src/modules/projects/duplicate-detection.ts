import { Dec, type DuplicateCandidate, type DuplicateRule } from '@pacer/shared';

// 一个项目多个单位报: warn before the same project is counted twice (DESIGN.md §2, "a project is counted once"),
// across units (entered twice rather than shared) and across years (跨年重签: signed again in a later year, or after
// being dropped; issue 15).

/** Names this similar (character-bigram Dice coefficient) from the same investor may be the same project. */
export const NAME_DICE_THRESHOLD = 0.5;
/** Agreed amounts within ±20% (of the larger) may be the same contract. */
export const AMOUNT_TOLERANCE = '0.2';

/** What is being saved (or typed into the form). */
export interface DuplicateProbe {
  name?: string | null;
  investorName?: string | null;
  investorCreditCode?: string | null;
  agreedInvestmentWan?: string | null;
  /** The probe's responsible unit and signing date, when known (a stored project): they decide the rules below. */
  unitId?: number | null;
  signedDate?: string | null;
}

/** A stored project the repository found by credit code or by investor key (the rule is applied here). */
export interface DuplicateSource {
  projectId: number;
  code: string;
  name: string;
  investorName: string;
  investorCreditCode: string | null;
  unitId: number;
  unitName: string;
  agreedInvestmentWan: string;
  signedDate: string | null;
  stage: string;
  droppedDate: string | null;
}

/**
 * What makes a look-alike more than that (issue 15):
 * - `other_unit`: another unit entered it (a co-introduced project is one project with shares, not two entries);
 * - `resigned_cross_year`: it was signed in an earlier calendar year than the probe (跨年重签);
 * - `resigned_after_drop`: it was dropped (终止) and the probe signed on or after that day — or, with no drop date,
 *   after it was signed.
 */
export function duplicateRules(probe: DuplicateProbe, source: DuplicateSource): DuplicateRule[] {
  const rules: DuplicateRule[] = [];
  if (probe.unitId != null && source.unitId !== probe.unitId) rules.push('other_unit');
  const signed = probe.signedDate ?? null;
  if (signed && source.signedDate && source.signedDate.slice(0, 4) < signed.slice(0, 4)) {
    rules.push('resigned_cross_year');
  }
  if (signed && source.stage === 'dropped' && signed >= (source.droppedDate ?? source.signedDate ?? signed)) {
    rules.push('resigned_after_drop');
  }
  return rules;
}

/** A re-signing (跨年重签 or after a drop): 不予认定 by default unless the office says otherwise. */
export function isResigning(candidates: readonly DuplicateCandidate[]): boolean {
  return candidates.some(
    (c) => c.rules.includes('resigned_cross_year') || c.rules.includes('resigned_after_drop'),
  );
}

// whitespace (full-width included) and the punctuation clerks vary between sheets: （）()《》“”、，,.·-— …
const NAME_NOISE = /[\s\p{P}\p{S}]+/gu;

/** A project name as compared: lower case, without spaces and punctuation. */
export function normalizeProjectName(name: string): string {
  return name.normalize('NFKC').replace(NAME_NOISE, '').toLowerCase();
}

/** An investor name as compared: case- and space-insensitive (the SQL twin is project_investor_key()). */
export function normalizeInvestorName(name: string): string {
  return name.replace(/[\s\u3000]+/g, '').toLowerCase();
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text);
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice coefficient over character bigrams (multisets) of the normalised names, 0..1. */
export function bigramDice(a: string, b: string): number {
  const x = normalizeProjectName(a);
  const y = normalizeProjectName(b);
  if (x === y) return x.length > 0 ? 1 : 0;
  const bx = bigrams(x);
  const by = bigrams(y);
  let sizeX = 0;
  let sizeY = 0;
  let shared = 0;
  for (const n of bx.values()) sizeX += n;
  for (const [gram, n] of by) {
    sizeY += n;
    shared += Math.min(n, bx.get(gram) ?? 0);
  }
  return sizeX + sizeY === 0 ? 0 : (2 * shared) / (sizeX + sizeY);
}

/** |a − b| ≤ tolerance × max(a, b), exactly (decimal strings in 万元). */
export function amountsClose(a: string, b: string, tolerance: string = AMOUNT_TOLERANCE): boolean {
  const x = new Dec(a);
  const y = new Dec(b);
  return x.minus(y).abs().lte(Dec.max(x, y).mul(tolerance));
}

/**
 * The candidates that really look like the probe, each with its reason, same credit code first.
 * With no amount in the probe the amount test is skipped (the form may not have it yet).
 */
export function classifyDuplicates(
  probe: DuplicateProbe,
  sources: readonly DuplicateSource[],
): DuplicateCandidate[] {
  const creditCode = probe.investorCreditCode || null;
  const investorKey = probe.investorName ? normalizeInvestorName(probe.investorName) : null;
  const found: DuplicateCandidate[] = [];
  for (const s of sources) {
    let reason: DuplicateCandidate['reason'] | null = null;
    if (creditCode && s.investorCreditCode === creditCode) {
      reason = 'same_credit_code';
    } else if (
      investorKey &&
      probe.name &&
      normalizeInvestorName(s.investorName) === investorKey &&
      bigramDice(probe.name, s.name) >= NAME_DICE_THRESHOLD &&
      (!probe.agreedInvestmentWan || amountsClose(probe.agreedInvestmentWan, s.agreedInvestmentWan))
    ) {
      reason = 'similar_name_and_amount';
    }
    if (!reason) continue;
    found.push({
      projectId: s.projectId,
      code: s.code,
      name: s.name,
      investorName: s.investorName,
      unitName: s.unitName,
      agreedInvestmentWan: s.agreedInvestmentWan,
      signedDate: s.signedDate,
      reason,
      rules: duplicateRules(probe, s),
    });
  }
  return found.sort(
    (a, b) => Number(b.reason === 'same_credit_code') - Number(a.reason === 'same_credit_code'),
  );
}
