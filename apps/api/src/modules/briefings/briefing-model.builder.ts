import {
  Dec,
  expectedFraction,
  formatMonth,
  parseMonth,
  resolveRounding,
  ROUNDING_MODE_TEXT,
  type ScoredCell,
  type ScoringPlanConfig,
  exchangeRateWords,
} from '@pacer/shared';

import type { ChainsService } from '../chains/chains.service';
import type { RankingSnapshotsService } from '../rankings/ranking-snapshots.service';
import type { RankingsService } from '../rankings/rankings.service';
import { headlineFigures, type RankingPlan } from '../rankings/rankings.types';
import type { BriefingHeadline, BriefingModel, BriefingVerification } from './briefing-model';
import { withOwnLines } from './briefing-own';
import { NAMES_SHOWN_LIMIT } from './briefing-excerpt';
import { briefingTitle, docNumberOf, issuerOf, scopeWordOf, summaryText } from './briefing-text';
import type { BriefingsRepository } from './briefings.repository';

export interface BriefingSources {
  rankings: RankingsService;
  snapshots: RankingSnapshotsService;
  briefings: BriefingsRepository;
  /** The 产业链 section's figures, read when the plan turns the section on. */
  chains?: Pick<ChainsService, 'briefingSection'>;
}

/**
 * Gathers a frozen month for the 通报: the scored month and its ranking view read from the snapshot exactly as
 * GET /plans/:id/ranking reads them, the county's headline cells and red-lit units, the trend over the frozen months,
 * and the month's report records.
 */
export async function assembleBriefing(
  sources: BriefingSources,
  plan: RankingPlan,
  month: string,
  issueDate: string,
): Promise<BriefingModel> {
  const [scored, previous, reports, frozen, verification, chains] = await Promise.all([
    sources.rankings.loadMonth(plan, month, { withCells: true }),
    sources.rankings.previous(plan, month),
    sources.briefings.listReportLines(plan.id, plan.rootUnitId, month, plan.ownFigures ?? 'none'),
    sources.snapshots.listUnitCellsByMonth(plan.id, plan.rootUnitId, month),
    assembleVerification(sources.briefings, plan, month),
    plan.briefingChains && sources.chains ? sources.chains.briefingSection(plan.rootUnitId, month) : null,
  ]);
  if (!scored.isFrozen || scored.computedAt === null)
    throw new Error(`${month} of plan ${plan.id} is not frozen`);
  const ranking = sources.rankings.rankingOf(scored, previous);
  const root = scored.units.find((u) => u.depth === 0)!;
  const assessed = scored.units.filter((u) => u.depth > 0);
  const rootCells = new Map(root.cells.map((c) => [c.indicatorId, c]));
  const headlines: BriefingHeadline[] = scored.indicators
    .filter((i) => i.isHeadline && rootCells.has(i.id))
    .map((i) => {
      const c = rootCells.get(i.id)!;
      return {
        ...headlineFigures(i, c),
        ...(c.hasValue === false ? { hasValue: false } : {}),
        ...(c.display ? { display: c.display } : {}),
        redUnits: redUnitNames(
          assessed.filter((u) => u.cells.some((x) => x.indicatorId === i.id && x.light === 'red')),
        ),
      };
    });
  const { month: monthNo } = parseMonth(month);
  const scopeWord = scopeWordOf(root.unitName);
  const first = headlines[0];
  const frozenActual = new Map(
    frozen.map((f) => [f.month, f.cells.find((c) => c.indicatorId === first?.indicatorId)?.actual ?? null]),
  );
  const base = {
    planId: plan.id,
    planName: plan.name,
    year: plan.year,
    month,
    monthNo,
    countyName: root.unitName,
    scopeWord,
    issuer: issuerOf(root.unitName),
    docNumber: docNumberOf(root.unitName, plan.year, monthNo),
    issueDate,
    title: briefingTitle(monthNo, scopeWord),
    snapshotComputedAt: scored.computedAt,
    expected: scored.expected,
    yellowBand: scored.yellowBand,
    displayDecimals: scored.displayDecimals,
    headlines,
    ruleNotes: briefingRuleNotes(plan, scored.indicators, rootCells),
    // each parent with own figures (本级) followed by its （本级） line (issue 14 point 11)
    units: withOwnLines([root, ...assessed], scored.indicators, {
      ownFigures: plan.ownFigures ?? 'none',
      scoring: plan.scoring as ScoringPlanConfig | undefined,
      displayDecimals: scored.displayDecimals,
      yellowBand: scored.yellowBand,
    }),
    ranking,
    // the trend is drawn from frozen months only: a month not closed is a gap, never a live figure
    trend: first
      ? {
          kind: first.kind,
          series: {
            name: first.name,
            measure: first.measure,
            target: first.target,
            points: Array.from({ length: monthNo }, (_, i) => {
              const m = formatMonth(plan.year, i + 1);
              return {
                month: m,
                actual: frozenActual.get(m) ?? null,
                expectedActual:
                  first.target === null
                    ? null
                    : new Dec(first.target)
                        .mul(expectedFraction(plan.curve, i + 1))
                        .toDecimalPlaces(4)
                        .toFixed(),
              };
            }),
          },
        }
      : null,
    reports,
    ...(verification ? { verification } : {}),
    chains,
  };
  return { ...base, summary: summaryText(base) };
}

/** 认定 for the 通报 (issue 15): only where the plan has indicators that count only verified events. */
async function assembleVerification(
  briefings: BriefingsRepository,
  plan: RankingPlan,
  month: string,
): Promise<BriefingVerification | null> {
  const verifiedOnlyIndicators = await briefings.listVerifiedOnlyIndicators(plan.id);
  if (verifiedOnlyIndicators.length === 0) return null;
  const yearStart = `${plan.year}-01-01`;
  const { year, month: m } = parseMonth(month);
  const monthEnd = m === 12 ? `${year + 1}-01-01` : `${formatMonth(year, m + 1)}-01`;
  const [lines, rejected] = await Promise.all([
    briefings.listVerificationLines(plan.rootUnitId, yearStart, monthEnd),
    briefings.listRejections(plan.rootUnitId, yearStart, monthEnd),
  ]);
  return { verifiedOnlyIndicators, lines, rejected };
}

/**
 * Red-lit units in tree order; a list too long to write out in full (a province's) puts the upper levels first, so
 * the names the 通报 does write are the counties' before their towns'.
 */
function redUnitNames(units: ReadonlyArray<{ unitName: string; depth: number }>): string[] {
  const ordered = units.length > NAMES_SHOWN_LIMIT ? [...units].sort((a, b) => a.depth - b.depth) : units;
  return ordered.map((u) => u.unitName);
}

/**
 * The plan's rules in words for the 通报 (issue 16): each indicator measured against its own time progress, and the
 * rounding of the published completion and gap when it is not the default (四舍五入 at the plan's decimals).
 */
export function briefingRuleNotes(
  plan: Pick<RankingPlan, 'scoring' | 'displayDecimals'>,
  indicators: ReadonlyArray<{ id: number; code: string; name: string; exchangeRate?: string | null }>,
  rootCells: ReadonlyMap<number, Pick<ScoredCell, 'display'>>,
): string[] {
  const notes: string[] = [];
  for (const i of indicators) {
    const words = rootCells.get(i.id)?.display?.timeProgress;
    if (words) notes.push(`${i.name}${words}`);
  }
  // a total adding 万元 and 万美元 says its rate (issue 16 rule 12): 实际利用内外资中的外币金额按汇率：1美元=7.1元人民币折算
  for (const i of indicators) {
    if (i.exchangeRate) notes.push(`${i.name}中的外币金额按${exchangeRateWords(i.exchangeRate)}折算`);
  }
  const config = plan.scoring as ScoringPlanConfig;
  const describe = (label: string, rule: { mode: keyof typeof ROUNDING_MODE_TEXT; decimals: number }) =>
    `${label}按${ROUNDING_MODE_TEXT[rule.mode]}保留${rule.decimals}位小数`;
  const isDefault = (rule: { mode: string; decimals: number }) =>
    rule.mode === 'half-up' && rule.decimals === plan.displayDecimals;
  const completion = resolveRounding('completion', config.rounding, undefined, plan.displayDecimals);
  const gap = resolveRounding('gapPp', config.rounding, undefined, plan.displayDecimals);
  if (!isDefault(completion)) notes.push(describe('完成率', completion));
  if (!isDefault(gap)) notes.push(describe('超欠序时进度', gap));
  if (config.rounding?.gapFrom === 'rounded')
    notes.push('超欠序时进度按四舍五入后的完成率与序时进度相减计算');
  for (const i of indicators) {
    const own = config.indicators?.[i.code]?.rounding;
    if (own === undefined) continue;
    const c = resolveRounding('completion', config.rounding, own, plan.displayDecimals);
    if (c.mode !== completion.mode || c.decimals !== completion.decimals)
      notes.push(describe(`${i.name}完成率`, c));
  }
  return notes;
}
