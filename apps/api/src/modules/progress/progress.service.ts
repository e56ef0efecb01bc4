import { Injectable } from '@nestjs/common';
import {
  Dec,
  expectedFraction,
  indicatorExpected,
  ownPart,
  parseMonth,
  showsOwnLine,
  type ScoringPlanConfig,
  type ProgressCell,
  progressFigures,
  type ProgressIndicator,
  type ProgressUnit,
  type ProgressResponse,
} from '@pacer/shared';

import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { DataVersionCache } from '../../common/cache/data-version-cache';
import { entityTag, type KeptJson } from '../../common/http/kept-json';
import { PlansService } from '../plans/plans.service';
import { type ProgressPlan, ProgressRepository } from './progress.repository';

/** Progress answers kept (a province's month is 16.5 MiB of JSON, read ~1 s from 90,000 summary rows). */
const MONTHS_KEPT = 3;
/** The answer's shape, in its entity tag: bump it when the answer changes form. */
const PROGRESS_BODY = 'progress/1';

/** A formula ratio whose denominator is 0 has no value ("—"). */
function isZeroDenominator(row: { denominator: string | null } | undefined): boolean {
  return row?.denominator !== undefined && row.denominator !== null && new Dec(row.denominator).isZero();
}

@Injectable()
export class ProgressService {
  private readonly kept: DataVersionCache<KeptJson>;

  constructor(
    dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly progress: ProgressRepository,
  ) {
    this.kept = new DataVersionCache<KeptJson>(dataSource, MONTHS_KEPT);
  }

  /** Completion, time progress, gap and light of every unit × indicator at a month of the plan's year. */
  async getProgress(actor: Actor, planId: number, month: string): Promise<ProgressResponse> {
    const plan = await this.requireVisiblePlan(actor, planId, month);
    return this.compute(plan, month);
  }

  /**
   * The answer as the route sends it: JSON kept per plan and month while the scoring data version (which every
   * write to the plan, its units, indicators, targets and summary moves) is unchanged, under an entity tag naming
   * that version. Computed in one REPEATABLE READ snapshot whose version is read first, so the kept bytes are exactly
   * that version's figures. Nothing in it depends on the caller beyond seeing the plan, which is checked first.
   */
  async getProgressBody(actor: Actor, planId: number, month: string): Promise<KeptJson> {
    const plan = await this.requireVisiblePlan(actor, planId, month);
    return this.kept.get(`${plan.id}:${month}`, async (manager, version) => {
      const current = (await this.plans.findById(plan.id, manager)) ?? plan;
      const response = await this.compute(current, month, manager);
      return {
        etag: entityTag([PROGRESS_BODY, `plan-${plan.id}`, month, `v${version}`]),
        body: Buffer.from(JSON.stringify(response), 'utf8'),
      };
    });
  }

  private requireVisiblePlan(actor: Actor, planId: number, month: string): Promise<ProgressPlan> {
    return this.plans.requirePlanMonth(planId, month, { scope: scopeParam(actor.principal) });
  }

  private async compute(
    plan: ProgressPlan,
    month: string,
    manager?: EntityManager,
  ): Promise<ProgressResponse> {
    const { month: monthNo } = parseMonth(month);
    // one connection in a transaction: the statements run one after the other
    const units = await this.progress.listTreeUnits(plan.rootUnitId, manager);
    const indicators = await this.progress.listIndicators(plan.id, manager);
    const rows = await this.progress.listCells(plan, monthNo, manager);
    const byKey = new Map(rows.map((r) => [`${r.unitId}:${r.indicatorId}`, r]));
    // an indicator's own time progress (issue 16, rule 4), from the plan's scoring configuration
    const settings = (plan.scoring as ScoringPlanConfig | undefined)?.indicators ?? {};
    const ownExpected = new Map(
      indicators.flatMap((i) => {
        const rule = Object.hasOwn(settings, i.code) ? settings[i.code]?.timeProgress : undefined;
        return rule === undefined ? [] : [[i.id, indicatorExpected(plan.curve, monthNo, rule)] as const];
      }),
    );
    const cells: ProgressCell[] = [];
    for (const unit of units) {
      for (const indicator of indicators) {
        const row = byKey.get(`${unit.id}:${indicator.id}`);
        const actual = row?.actual ?? '0';
        const target = row?.target ?? null;
        // a rate is a level: no row is no value, not 0%; nor is 0 ÷ 0 (issue 16, defects 1 and 2)
        const hasValue = (indicator.kind !== 'ratio' || row?.hasRow === true) && !isZeroDenominator(row);
        const figures = progressFigures({
          actual,
          target,
          monthNo,
          curve: plan.curve,
          yellowBand: plan.yellowBand,
          numerator: row?.numerator ?? null,
          denominator: row?.denominator ?? null,
          hasValue,
          expected: ownExpected.get(indicator.id),
        });
        cells.push({
          unitId: unit.id,
          indicatorId: indicator.id,
          actual,
          target,
          completion: figures.completion,
          expected: figures.expected,
          gapPp: figures.gapPp,
          light: figures.light,
          // said only when false: absent means a value (the answer's shape is unchanged for every other cell)
          ...(hasValue ? {} : { hasValue }),
        });
      }
    }
    const own = this.ownLines(plan, units, indicators, cells, (indicatorId, actual, target) =>
      progressFigures({
        actual,
        target,
        monthNo,
        curve: plan.curve,
        yellowBand: plan.yellowBand,
        expected: ownExpected.get(indicatorId),
      }),
    );
    return {
      planId: plan.id,
      month,
      expected: expectedFraction(plan.curve, monthNo).toFixed(),
      yellowBand: plan.yellowBand,
      units,
      indicators,
      cells,
      // only when the plan has 本级 lines: a plan without them answers exactly as before
      ...(own === null ? {} : { own }),
    };
  }

  /**
   * The （本级） lines (issue 14 point 11): each parent's own part of each summed indicator (its cell less its direct
   * children's, inactive ones included); null when the plan's ownFigures is 'none'.
   */
  private ownLines(
    plan: ProgressPlan,
    units: ProgressUnit[],
    indicators: ProgressIndicator[],
    cells: ProgressCell[],
    figures: (indicatorId: number, actual: string, target: string | null) => ReturnType<typeof progressFigures>,
  ): ProgressCell[] | null {
    const ownFigures = plan.ownFigures ?? 'none';
    if (ownFigures === 'none') return null;
    const children = new Map<number, number[]>();
    for (const u of units) {
      if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    }
    const cellOf = new Map(cells.map((c) => [`${c.unitId}:${c.indicatorId}`, c]));
    const summed = indicators.filter((i) => i.kind !== 'ratio');
    const own: ProgressCell[] = [];
    for (const unit of units) {
      const below = children.get(unit.id) ?? [];
      if (!showsOwnLine(ownFigures, { depth: unit.depth, hasChildren: below.length > 0 })) continue;
      for (const indicator of summed) {
        const parent = cellOf.get(`${unit.id}:${indicator.id}`)!;
        const part = ownPart(
          parent,
          below.map((id) => cellOf.get(`${id}:${indicator.id}`)!),
        );
        const f = figures(indicator.id, part.actual, part.target);
        own.push({
          unitId: unit.id,
          indicatorId: indicator.id,
          actual: part.actual,
          target: part.target,
          completion: f.completion,
          expected: f.expected,
          gapPp: f.gapPp,
          light: f.light,
        });
      }
    }
    return own;
  }
}
