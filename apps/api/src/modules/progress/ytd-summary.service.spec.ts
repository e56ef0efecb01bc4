import { formulaLayers } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import type { FormulaIndicatorDef, YtdSummaryRepository } from './ytd-summary.repository';
import { YtdSummaryService } from './ytd-summary.service';

const ratio = (id: number, code: string, numerator: string, denominator: string): FormulaIndicatorDef => ({
  id,
  code,
  formula: { kind: 'ratio', numerator, denominator },
});

describe(YtdSummaryService.name, () => {
  const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;
  let calls: string[];
  let repository: jest.Mocked<YtdSummaryRepository>;
  let sut: YtdSummaryService;

  beforeEach(() => {
    calls = [];
    const record = (name: string, result?: unknown) =>
      jest.fn(async (..._args: unknown[]) => (calls.push(name), result));
    repository = {
      lockPlan: record('lockPlan'),
      findPlan: record('findPlan', { id: 7, year: 2026, rootUnitId: 1, countCredit: 'responsible' }),
      findOpenPlansCovering: record('findOpenPlansCovering', [3, 7]),
      listLedgerIndicators: record('listLedgerIndicators', []),
      listFormulaIndicators: record('listFormulaIndicators', [
        ratio(12, 'BL', 'KGL', 'ZHL'),
        ratio(11, 'KGL', 'KGGS', 'QYGS'),
        ratio(13, 'ZHL', 'SWDW', 'QYZTZ'),
      ]),
      deletePlan: record('deletePlan'),
      insertBaseRows: record('insertBaseRows'),
      upsertFormulaRows: record('upsertFormulaRows'),
      findReportUnit: record('findReportUnit', 5),
      hasRows: record('hasRows', true),
      unitsInTree: record('unitsInTree', { changed: [5], affected: [1, 2, 5] }),
      applyBaseDelta: record('applyBaseDelta'),
      createRebuildTable: record('createRebuildTable'),
      analyzeRebuildTable: record('analyzeRebuildTable'),
      compareWithRebuild: record('compareWithRebuild', 0),
      listDrift: record('listDrift', []),
      applyDrift: record('applyDrift'),
      copyRebuild: record('copyRebuild'),
    } as unknown as jest.Mocked<YtdSummaryRepository>;
    sut = new YtdSummaryService(repository);
  });

  it('should lock, delete and rebuild the plan, formulas after the formulas they read', async () => {
    await sut.refreshPlan(inTransaction, 7);
    expect(calls).toEqual([
      'lockPlan',
      'findPlan',
      'listLedgerIndicators',
      'listFormulaIndicators',
      'deletePlan',
      'insertBaseRows',
      'upsertFormulaRows',
      'upsertFormulaRows',
    ]);
    expect(repository.upsertFormulaRows.mock.calls.map((c) => c[2])).toEqual([[11, 13], [12]]);
    // the whole tree: no unit restriction
    expect(repository.upsertFormulaRows.mock.calls.map((c) => c[3])).toEqual([undefined, undefined]);
  });

  it('should refuse to run outside a transaction', async () => {
    const autocommit = { queryRunner: undefined } as unknown as EntityManager;
    await expect(sut.refreshPlan(autocommit, 7)).rejects.toThrow('inside the transaction');
    expect(calls).toEqual([]);
  });

  it('should maintain every open plan covering the units by delta, in id order, and nothing for no units', async () => {
    await sut.refreshForUnits(inTransaction, []);
    expect(calls).toEqual([]);
    await sut.refreshForUnits(inTransaction, [5, 5, 6]);
    expect(repository.findOpenPlansCovering).toHaveBeenCalledWith(inTransaction, [5, 6]);
    expect(repository.lockPlan.mock.calls.map((c) => c[1])).toEqual([3, 7]);
    expect(repository.deletePlan).not.toHaveBeenCalled();
    expect(repository.insertBaseRows).not.toHaveBeenCalled();
    expect(repository.applyBaseDelta.mock.calls.map((c) => c[3])).toEqual([[5], [5]]);
    // formulas of the changed units and their ancestors only, layer after layer
    expect(repository.upsertFormulaRows.mock.calls.map((c) => [c[2], c[3]])).toEqual([
      [
        [11, 13],
        [1, 2, 5],
      ],
      [[12], [1, 2, 5]],
      [
        [11, 13],
        [1, 2, 5],
      ],
      [[12], [1, 2, 5]],
    ]);
  });

  it("should maintain a report's unit by delta, and skip units outside the plan's tree", async () => {
    await sut.refreshForReport(inTransaction, 7, 901);
    expect(repository.findReportUnit).toHaveBeenCalledWith(inTransaction, 901);
    expect(repository.unitsInTree).toHaveBeenCalledWith(
      inTransaction,
      expect.objectContaining({ id: 7 }),
      [5],
    );
    expect(calls).toEqual([
      'findReportUnit',
      'lockPlan',
      'findPlan',
      'hasRows',
      'unitsInTree',
      'listLedgerIndicators',
      'listFormulaIndicators',
      'applyBaseDelta',
      'upsertFormulaRows',
      'upsertFormulaRows',
    ]);
    calls.length = 0;
    // a unit outside the plan's tree: nothing is computed or written
    repository.unitsInTree.mockResolvedValueOnce({ changed: [], affected: [] });
    await sut.refreshForReport(inTransaction, 7, 902);
    expect(repository.unitsInTree).toHaveBeenCalledTimes(2);
    expect(repository.applyBaseDelta).toHaveBeenCalledTimes(1);
    expect(repository.upsertFormulaRows).toHaveBeenCalledTimes(2);
  });

  it('should build a plan whose summary was never built instead of applying a delta to nothing', async () => {
    repository.hasRows.mockResolvedValueOnce(false);
    await sut.refreshForReport(inTransaction, 7, 903);
    expect(repository.applyBaseDelta).not.toHaveBeenCalled();
    expect(repository.insertBaseRows).toHaveBeenCalledTimes(1);
  });

  it('should rebuild every covering plan when the tree changes', async () => {
    await sut.refreshForTreeChange(inTransaction, [5, 2]);
    expect(repository.findOpenPlansCovering).toHaveBeenCalledWith(inTransaction, [5, 2]);
    expect(repository.lockPlan.mock.calls.map((c) => c[1])).toEqual([3, 7]);
    expect(repository.deletePlan).toHaveBeenCalledTimes(2);
    expect(repository.insertBaseRows).toHaveBeenCalledTimes(2);
    expect(repository.applyBaseDelta).not.toHaveBeenCalled();
  });

  describe('rebuildComparing (the month close)', () => {
    const drifted = {
      unitId: 5,
      unitName: '城关镇',
      indicatorId: 11,
      indicatorCode: 'KGL',
      monthNo: 10,
      maintained: { value: '60000', numerator: null, denominator: null },
      rebuilt: { value: '50000', numerator: null, denominator: null },
    };

    it('should rebuild beside the maintained rows, compare, and write only the differing rows', async () => {
      repository.compareWithRebuild.mockImplementationOnce(async () => (calls.push('compareWithRebuild'), 3));
      repository.listDrift.mockImplementationOnce(async () => (calls.push('listDrift'), [drifted]));
      await expect(sut.rebuildComparing(inTransaction, 7, 200)).resolves.toEqual({
        planId: 7,
        total: 3,
        rows: [drifted],
      });
      expect(calls).toEqual([
        'lockPlan',
        'findPlan',
        'hasRows',
        'createRebuildTable',
        'listLedgerIndicators',
        'listFormulaIndicators',
        'insertBaseRows',
        'analyzeRebuildTable',
        'upsertFormulaRows',
        'upsertFormulaRows',
        'compareWithRebuild',
        'listDrift',
        'applyDrift',
      ]);
      expect(repository.insertBaseRows.mock.calls[0]![3]).toBe('pg_temp.ytd_rebuild');
      expect(repository.upsertFormulaRows.mock.calls.map((c) => [c[2], c[3], c[4]])).toEqual([
        [[11, 13], null, 'pg_temp.ytd_rebuild'],
        [[12], null, 'pg_temp.ytd_rebuild'],
      ]);
      expect(repository.listDrift).toHaveBeenCalledWith(inTransaction, 200);
      // the maintained rows are never dropped wholesale
      expect(repository.deletePlan).not.toHaveBeenCalled();
    });

    it('should answer no drift and write nothing when the maintained rows equal the rebuild', async () => {
      await expect(sut.rebuildComparing(inTransaction, 7, 200)).resolves.toEqual({
        planId: 7,
        total: 0,
        rows: [],
      });
      expect(repository.listDrift).not.toHaveBeenCalled();
      expect(repository.applyDrift).not.toHaveBeenCalled();
    });

    it('should build a plan whose summary was never built, with no drift to report', async () => {
      repository.hasRows.mockResolvedValueOnce(false);
      await expect(sut.rebuildComparing(inTransaction, 7, 200)).resolves.toEqual({
        planId: 7,
        total: 0,
        rows: [],
      });
      expect(repository.copyRebuild).toHaveBeenCalledWith(inTransaction, 7);
      expect(repository.compareWithRebuild).not.toHaveBeenCalled();
    });

    it('should answer null for a plan that does not exist', async () => {
      repository.findPlan.mockResolvedValueOnce(null);
      await expect(sut.rebuildComparing(inTransaction, 99, 200)).resolves.toBeNull();
      expect(repository.createRebuildTable).not.toHaveBeenCalled();
    });
  });

  describe(formulaLayers.name, () => {
    it('should put independent formulas in one layer and keep a cycle from looping forever', () => {
      expect(formulaLayers([ratio(1, 'A', 'X', 'Y'), ratio(2, 'B', 'X', 'Z')])).toEqual([[1, 2]]);
      expect(
        formulaLayers([ratio(1, 'A', 'B', 'Y'), ratio(2, 'B', 'C', 'Z'), ratio(3, 'C', 'X', 'Y')]),
      ).toEqual([[3], [2], [1]]);
      expect(formulaLayers([ratio(1, 'A', 'B', 'Y'), ratio(2, 'B', 'A', 'Z')])).toEqual([[1, 2]]);
      expect(formulaLayers([])).toEqual([]);
    });
  });
});
