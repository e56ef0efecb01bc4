import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { PlanRow } from '@pacer/shared';
import type { DataSource, EntityManager } from 'typeorm';

import { ApiException } from '../../common/exceptions/api.exception';
import type { AuditService } from '../audit/audit.service';
import type { IndicatorsRepository } from './indicators.repository';
import type { PlanSummaryRefresher } from './plan-summary-refresher.service';
import type { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

const plan2026 = { id: 7, year: 2026, name: '示范县2026年度招商引资目标考核', rootUnitId: 1 } as PlanRow;

function errorOf(
  promise: Promise<unknown>,
): Promise<{ status: number; details?: Array<{ field: string; code: string }> }> {
  return promise.then(
    () => {
      throw new Error('expected an ApiException');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ApiException);
      const e = error as ApiException;
      return {
        status: e.getStatus(),
        ...(e.getResponse() as { details?: Array<{ field: string; code: string }> }),
      };
    },
  );
}

describe(PlansService.name, () => {
  let plans: jest.Mocked<Pick<PlansRepository, 'findVisible' | 'findById'>>;
  let sut: PlansService;

  beforeEach(() => {
    plans = {
      findVisible: jest.fn(async (_id: number, _scope: number[] | null, _manager?: EntityManager) => plan2026),
      findById: jest.fn(async (_id: number, _manager?: EntityManager) => plan2026),
    } as jest.Mocked<Pick<PlansRepository, 'findVisible' | 'findById'>>;
    sut = new PlansService(
      {} as DataSource,
      plans as unknown as PlansRepository,
      {} as IndicatorsRepository,
      {} as AuditService,
      {} as PlanSummaryRefresher,
    );
  });

  describe('requirePlanMonth', () => {
    it('should answer the visible plan when the month lies in its year, with the scope and manager given', async () => {
      const manager = {} as EntityManager;
      await expect(sut.requirePlanMonth(7, '2026-06', { scope: [3, 4], manager })).resolves.toBe(plan2026);
      expect(plans.findVisible).toHaveBeenCalledWith(7, [3, 4], manager);
    });

    it('should load without a scope for a job (null: every plan)', async () => {
      await sut.requirePlanMonth(7, '2026-12');
      expect(plans.findVisible).toHaveBeenCalledWith(7, null, undefined);
    });

    it('should answer 404 when the scope does not see the plan', async () => {
      plans.findVisible.mockResolvedValueOnce(null);
      expect((await errorOf(sut.requirePlanMonth(7, '2026-06', { scope: [99] }))).status).toBe(404);
    });

    it('should answer 400 month: outsidePlanYear for a month of another year', async () => {
      const error = await errorOf(sut.requirePlanMonth(7, '2025-12'));
      expect(error.status).toBe(400);
      expect(error.details).toEqual([expect.objectContaining({ field: 'month', code: 'outsidePlanYear' })]);
    });
  });

  it('should leave the plans module free of imports from progress (progress calls plans, not the reverse)', () => {
    const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const offenders = files.filter((f) =>
      /from '(\.\.\/)+progress\//.test(readFileSync(join(__dirname, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
