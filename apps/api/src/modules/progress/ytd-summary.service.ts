import { Injectable } from '@nestjs/common';
import { formulaLayers } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import {
  type SummaryDriftRow,
  type SummaryPlan,
  type SummaryTable,
  YtdSummaryRepository,
} from './ytd-summary.repository';

export type { SummaryDriftRow, SummaryFigures } from './ytd-summary.repository';

/** What the month close's check found: how many (unit, indicator, month) rows differed, and the first of them. */
export interface SummaryDrift {
  planId: number;
  /** Rows of the maintained summary that differed from the rebuild (a value, a part, a row missing or extra). */
  total: number;
  /** The first `sampleSize` of them, by unit, indicator and month. */
  rows: SummaryDriftRow[];
}

/**
 * Keeps `ytd_summary` (DESIGN.md §4) true: every write that moves a year-to-date figure calls one of these
 * inside its own transaction, so the summary and the change commit together.
 *
 * A row holds, for (plan, unit of the plan's root subtree, indicator, month 1..12), the year-to-date value of the unit
 * and all its descendants at the end of that month; the table is dense (every unit × indicator × month has a row).
 * An approval, an unlock or a ledger change is maintained by delta (`refreshForReport`, `refreshForUnits`): the
 * changed units' own figures are recomputed and the difference added to them and their ancestors — a few hundred rows
 * however big the plan. A change of the tree itself, an indicator or the plan's crediting rebuilds the plan
 * (`refreshPlan`). The month close rebuilds beside the maintained rows and compares (`rebuildComparing`): a difference
 * is a bug of the delta path, which the close reports before it replaces the rows.
 */
@Injectable()
export class YtdSummaryService {
  constructor(private readonly repository: YtdSummaryRepository) {}

  /** Recompute the whole summary of one plan (indicator or tree changes, month close, repair). */
  async refreshPlan(manager: EntityManager, planId: number): Promise<void> {
    const plan = await this.lock(manager, planId);
    if (plan) await this.rebuild(manager, plan);
  }

  /**
   * The month close's check: the plan's summary rebuilt into a scratch table, compared with the maintained rows in one
   * set-based statement, and the maintained rows made equal to the rebuild (only the differing rows are written).
   * Answers what differed (`total` 0: nothing), or null for a plan that does not exist. A plan whose summary was never
   * built is built, and answers no drift: there was nothing maintained to drift.
   */
  async rebuildComparing(
    manager: EntityManager,
    planId: number,
    sampleSize: number,
  ): Promise<SummaryDrift | null> {
    const plan = await this.lock(manager, planId);
    if (!plan) return null;
    const wasBuilt = await this.repository.hasRows(manager, planId);
    await this.repository.createRebuildTable(manager);
    await this.rebuildInto(manager, plan, 'pg_temp.ytd_rebuild');
    if (!wasBuilt) {
      await this.repository.copyRebuild(manager, planId);
      return { planId, total: 0, rows: [] };
    }
    const total = await this.repository.compareWithRebuild(manager, planId);
    if (total === 0) return { planId, total, rows: [] };
    const rows = await this.repository.listDrift(manager, sampleSize);
    await this.repository.applyDrift(manager, planId);
    return { planId, total, rows };
  }

  /**
   * The own figures of these units moved (a project's responsible or credited units, before and after; a new unit):
   * every open plan whose tree holds one of them is maintained by delta.
   */
  async refreshForUnits(manager: EntityManager, unitIds: number[]): Promise<void> {
    const ids = distinctIds(unitIds);
    if (ids.length === 0) return;
    for (const planId of await this.repository.findOpenPlansCovering(manager, ids)) {
      await this.refreshUnitsOfPlan(manager, planId, ids);
    }
  }

  /**
   * The tree changed around these units (a unit moved: its old parent and the unit itself): the figures of the moved
   * subtree now roll up elsewhere, so every open plan holding one of them is rebuilt.
   */
  async refreshForTreeChange(manager: EntityManager, unitIds: number[]): Promise<void> {
    const ids = distinctIds(unitIds);
    if (ids.length === 0) return;
    for (const planId of await this.repository.findOpenPlansCovering(manager, ids)) {
      await this.refreshPlan(manager, planId);
    }
  }

  /** A report of this plan was approved or unlocked: its unit's own figures moved. */
  async refreshForReport(manager: EntityManager, planId: number, reportId: number): Promise<void> {
    const unitId = await this.repository.findReportUnit(manager, reportId);
    if (unitId !== null) await this.refreshUnitsOfPlan(manager, planId, [unitId]);
  }

  private async refreshUnitsOfPlan(manager: EntityManager, planId: number, unitIds: number[]): Promise<void> {
    const plan = await this.lock(manager, planId);
    if (!plan) return;
    // a delta needs a true summary to start from: a plan whose summary was never built is built whole
    if (!(await this.repository.hasRows(manager, planId))) return this.rebuild(manager, plan);
    const { changed, affected } = await this.repository.unitsInTree(manager, plan, unitIds);
    if (changed.length === 0) return;
    const ledger = await this.repository.listLedgerIndicators(manager, planId);
    const formulas = await this.repository.listFormulaIndicators(manager, planId);
    await this.repository.applyBaseDelta(manager, plan, ledger, changed);
    for (const layer of formulaLayers(formulas)) {
      await this.repository.upsertFormulaRows(manager, plan, layer, affected);
    }
  }

  private async rebuild(manager: EntityManager, plan: SummaryPlan): Promise<void> {
    const ledger = await this.repository.listLedgerIndicators(manager, plan.id);
    const formulas = await this.repository.listFormulaIndicators(manager, plan.id);
    await this.repository.deletePlan(manager, plan.id);
    await this.repository.insertBaseRows(manager, plan, ledger);
    for (const layer of formulaLayers(formulas)) {
      await this.repository.upsertFormulaRows(manager, plan, layer);
    }
  }

  /** What rebuild() writes, into the close's scratch table (created empty just before). */
  private async rebuildInto(manager: EntityManager, plan: SummaryPlan, into: SummaryTable): Promise<void> {
    const ledger = await this.repository.listLedgerIndicators(manager, plan.id);
    const formulas = await this.repository.listFormulaIndicators(manager, plan.id);
    await this.repository.insertBaseRows(manager, plan, ledger, into);
    // autovacuum never analyzes a temporary table: the formula layers' joins need its statistics
    await this.repository.analyzeRebuildTable(manager);
    for (const layer of formulaLayers(formulas)) {
      await this.repository.upsertFormulaRows(manager, plan, layer, null, into);
    }
  }

  private async lock(manager: EntityManager, planId: number): Promise<SummaryPlan | null> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'the year-to-date summary is refreshed inside the transaction of the change that moves it',
      );
    }
    // lock order: the audit chain lock, then the plan's. Writers call audit.record() and a refresh in either order;
    // taking both here in one fixed order means two writers can never deadlock on them.
    await this.repository.lockPlan(manager, planId);
    return this.repository.findPlan(manager, planId);
  }
}

function distinctIds(ids: number[]): number[] {
  return [...new Set(ids.filter((id) => Number.isInteger(id)))];
}
