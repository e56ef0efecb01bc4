import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { type FormulaIndicatorDef, YtdSummaryRepository } from './ytd-summary.repository';

/** Codes a formula reads. */
function formulaCodes(def: FormulaIndicatorDef): string[] {
  const f = def.formula;
  if (f?.kind === 'ratio') return [f.numerator, f.denominator];
  if (f?.kind === 'weighted' && Array.isArray(f.parts))
    return f.parts.flatMap((p) => [p.numerator, p.denominator]);
  return [];
}

/**
 * Formula indicators in dependency layers: a formula comes after every formula it reads (a formula of formulas is
 * allowed by the catalogue, cycles are not; should one slip in, its members are computed last from what exists).
 */
export function formulaLayers(defs: FormulaIndicatorDef[]): number[][] {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const layers: number[][] = [];
  const done = new Set<string>();
  let pending = [...defs];
  while (pending.length > 0) {
    const ready = pending.filter((d) =>
      formulaCodes(d).every((code) => !byCode.has(code) || done.has(code) || code === d.code),
    );
    const layer = ready.length > 0 ? ready : pending;
    layers.push(layer.map((d) => d.id));
    layer.forEach((d) => done.add(d.code));
    pending = pending.filter((d) => !layer.includes(d));
  }
  return layers;
}

/**
 * Keeps `ytd_summary` (DESIGN.md §4) true: every write that moves a year-to-date figure calls one of these
 * inside its own transaction, so the summary and the change commit together.
 *
 * A row holds, for (plan, unit of the plan's root subtree, indicator, month 1..12), the year-to-date value of the unit
 * and all its descendants at the end of that month; the table is dense (every unit × indicator × month has a row).
 * Today every refresh recomputes the whole plan in a few set-based statements; a delta maintenance for
 * province-scale plans can replace `refreshForReport` / `refreshForUnits` later without changing their callers.
 */
@Injectable()
export class YtdSummaryService {
  constructor(private readonly repository: YtdSummaryRepository) {}

  /** Recompute the whole summary of one plan (indicator or target changes, month close, repair). */
  async refreshPlan(manager: EntityManager, planId: number): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'the year-to-date summary is refreshed inside the transaction of the change that moves it',
      );
    }
    // lock order: the audit chain lock, then the plan's. Writers call audit.record() and a refresh in either order;
    // taking both here in one fixed order means two writers can never deadlock on them.
    await this.repository.lockPlan(manager, planId);
    const plan = await this.repository.findPlan(manager, planId);
    if (!plan) return;
    const ledger = await this.repository.listLedgerIndicators(manager, planId);
    const formulas = await this.repository.listFormulaIndicators(manager, planId);
    await this.repository.deletePlan(manager, planId);
    await this.repository.insertBaseRows(manager, plan, ledger);
    for (const layer of formulaLayers(formulas)) {
      await this.repository.insertFormulaRows(manager, plan, layer);
    }
  }

  /** The ledger changed for these units (a project's responsible or credited units, before and after). */
  async refreshForUnits(manager: EntityManager, unitIds: number[]): Promise<void> {
    const ids = [...new Set(unitIds.filter((id) => Number.isInteger(id)))];
    if (ids.length === 0) return;
    for (const planId of await this.repository.findOpenPlansCovering(manager, ids)) {
      await this.refreshPlan(manager, planId);
    }
  }

  /** A report of this plan was approved or unlocked. */
  async refreshForReport(manager: EntityManager, planId: number, _reportId: number): Promise<void> {
    // the report id is what a delta maintenance will need; the full recompute does not
    await this.refreshPlan(manager, planId);
  }
}
