import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { ReportsBatchService } from './reports-batch.service';
import type { ReportsRepository } from './reports.repository';
import type { ReportsService } from './reports.service';

describe(ReportsBatchService.name, () => {
  const manager = {} as EntityManager;
  const actor = { principal: { userId: 3 } } as unknown as Actor;
  const stale = () => new Error('stale');

  function newTestService(created: Array<{ id: number; unitId: number }>) {
    const mocks = {
      service: {
        createDrafts: jest.fn().mockResolvedValue(created),
        writeContent: jest.fn().mockResolvedValue(undefined),
      },
    };
    const sut = new ReportsBatchService({} as ReportsRepository, mocks.service as unknown as ReportsService);
    return { sut, mocks };
  }

  const rows = [
    { unitId: 11, existing: { id: 101, version: 4 }, texts: { progressText: '完成签约2个' }, values: [] },
    { unitId: 12, existing: null, texts: {}, values: [{ indicatorId: 5, value: '3500.5' }] },
  ];

  it('should create the missing drafts through the one draft creation, then save each report at its version', async () => {
    const { sut, mocks } = newTestService([{ id: 102, unitId: 12 }]);
    await sut.writeMonth(
      manager,
      actor,
      { planId: 1, month: '2026-05', rows },
      { stale, detail: { importBatchId: 'b' } },
    );
    expect(mocks.service.createDrafts).toHaveBeenCalledWith(
      manager,
      actor,
      { planId: 1, month: '2026-05', unitIds: [12] },
      { detail: { importBatchId: 'b' } },
    );
    expect(mocks.service.writeContent.mock.calls.map((c) => [c[2], c[3]])).toEqual([
      [101, 4],
      [102, null],
    ]);
  });

  it('should throw the caller’s stale error when a draft appeared since the caller read the month', async () => {
    const { sut, mocks } = newTestService([]);
    await expect(
      sut.writeMonth(manager, actor, { planId: 1, month: '2026-05', rows }, { stale }),
    ).rejects.toThrow('stale');
    expect(mocks.service.writeContent).not.toHaveBeenCalled();
  });
});
