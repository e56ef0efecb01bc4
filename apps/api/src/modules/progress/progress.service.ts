import { HttpStatus, Injectable } from '@nestjs/common';
import {
  expectedFraction,
  parseMonth,
  type ProgressCell,
  progressFigures,
  type ProgressResponse,
} from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';
import { ProgressRepository } from './progress.repository';

@Injectable()
export class ProgressService {
  constructor(private readonly progress: ProgressRepository) {}

  /** Completion, time progress, gap and light of every unit × indicator at a month of the plan's year. */
  async getProgress(planId: number, month: string): Promise<ProgressResponse> {
    const plan = await this.progress.findPlan(planId);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const { year, month: monthNo } = parseMonth(month);
    if (year !== plan.year) {
      throw ApiException.field(
        'month',
        'outsidePlanYear',
        `月份必须在计划年度 ${plan.year} 年内`,
        `month must be in the plan's year ${plan.year}`,
        HttpStatus.BAD_REQUEST,
      );
    }
    const [units, indicators, rows] = await Promise.all([
      this.progress.listTreeUnits(plan.rootUnitId),
      this.progress.listIndicators(plan.id),
      this.progress.listCells(plan, monthNo),
    ]);
    const byKey = new Map(rows.map((r) => [`${r.unitId}:${r.indicatorId}`, r]));
    const cells: ProgressCell[] = [];
    for (const unit of units) {
      for (const indicator of indicators) {
        const row = byKey.get(`${unit.id}:${indicator.id}`);
        const actual = row?.actual ?? '0';
        const target = row?.target ?? null;
        const figures = progressFigures({
          actual,
          target,
          monthNo,
          curve: plan.curve,
          yellowBand: plan.yellowBand,
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
        });
      }
    }
    return {
      planId: plan.id,
      month,
      expected: expectedFraction(plan.curve, monthNo).toFixed(),
      yellowBand: plan.yellowBand,
      units,
      indicators,
      cells,
    };
  }
}
