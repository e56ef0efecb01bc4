import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Keeps `ytd_summary` (DESIGN.md §4) true: every write that moves a year-to-date figure calls one of these
 * inside its own transaction, so the summary and the change commit together.
 */
@Injectable()
export class YtdSummaryService {
  /** Recompute the whole summary of one plan (indicator or target changes, month close, repair). */
  async refreshPlan(_manager: EntityManager, _planId: number): Promise<void> {
    // implemented with the progress work
  }

  /** The ledger changed for these units (a project's responsible or credited units, before and after). */
  async refreshForUnits(_manager: EntityManager, _unitIds: number[]): Promise<void> {
    // implemented with the progress work
  }

  /** A report of this plan was approved or unlocked. */
  async refreshForReport(_manager: EntityManager, _planId: number, _reportId: number): Promise<void> {
    // implemented with the progress work
  }
}
