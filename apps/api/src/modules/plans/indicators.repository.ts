import { Injectable } from '@nestjs/common';
import type {
  EntryMode,
  FormulaDef,
  ReportFrequency,
  IndicatorKind,
  IndicatorRow,
  IndicatorSource,
  LedgerRule,
  Measure,
  WorkRule,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';

const INDICATOR_COLUMNS = `i.id, i.plan_id AS "planId", i.code, i.name, i.measure, i.kind, i.source,
  i.ledger_rule AS "ledgerRule", i.work_rule AS "workRule", i.formula, trim_scale(i.weight)::text AS weight, trim_scale(i.cap)::text AS cap,
  i.is_scored AS "isScored", i.is_headline AS "isHeadline", i.sort_order AS "sortOrder", i.description, i.entry_mode AS "entryMode",
  i.report_frequency AS "reportFrequency",
  i.version`;

/** The editable fields of an indicator, as written to its row. */
export interface IndicatorFields {
  name: string;
  measure: Measure;
  kind: IndicatorKind;
  ledgerRule: LedgerRule | null;
  workRule: WorkRule | null;
  formula: FormulaDef | null;
  weight: string;
  cap: string | null;
  isScored: boolean;
  isHeadline: boolean;
  sortOrder: number;
  description: string | null;
  entryMode: EntryMode;
  reportFrequency: ReportFrequency;
}

@Injectable()
export class IndicatorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async listByPlan(planId: number, manager?: EntityManager): Promise<IndicatorRow[]> {
    return this.q(manager).query(
      `SELECT ${INDICATOR_COLUMNS} FROM indicator i WHERE i.plan_id = $1 ORDER BY i.sort_order, i.id`,
      [planId],
    );
  }

  async findById(id: number, manager?: EntityManager): Promise<IndicatorRow | null> {
    const rows: IndicatorRow[] = await this.q(manager).query(
      `SELECT ${INDICATOR_COLUMNS} FROM indicator i WHERE i.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The plan an indicator belongs to (to lock the plan before the indicator). */
  async planIdOf(id: number, manager?: EntityManager): Promise<number | null> {
    const rows = await this.q(manager).query('SELECT plan_id AS "planId" FROM indicator WHERE id = $1', [id]);
    return rows[0]?.planId ?? null;
  }

  async codeTaken(manager: EntityManager, planId: number, code: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM indicator WHERE plan_id = $1 AND code = $2', [
      planId,
      code,
    ]);
    return rows.length > 0;
  }

  /** Targets of the indicator above a value (to refuse turning it into a ratio whose targets cannot be fractions). */
  async countTargetsAbove(manager: EntityManager, indicatorId: number, limit: string): Promise<number> {
    const rows = await manager.query(
      'SELECT count(*)::int AS n FROM target WHERE indicator_id = $1 AND value > $2::numeric',
      [indicatorId, limit],
    );
    return rows[0].n as number;
  }

  async insert(
    manager: EntityManager,
    planId: number,
    indicator: IndicatorFields & { code: string; source: IndicatorSource },
  ): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO indicator (plan_id, code, source, name, measure, kind, ledger_rule, formula, weight, cap, is_scored,
                              is_headline, sort_order, description, entry_mode,
                              report_frequency, work_rule)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::numeric, $10::numeric, $11, $12, $13, $14, $15, $16, $17::jsonb)
       RETURNING id`,
      [planId, indicator.code, indicator.source, ...fieldParams(indicator)],
    );
    return rows[0].id as number;
  }

  async update(
    manager: EntityManager,
    id: number,
    version: number,
    indicator: IndicatorFields,
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE indicator SET name = $3, measure = $4, kind = $5, ledger_rule = $6::jsonb, formula = $7::jsonb,
              weight = $8::numeric, cap = $9::numeric, is_scored = $10, is_headline = $11, sort_order = $12,
              description = $13, entry_mode = $14, report_frequency = $15, work_rule = $16::jsonb,
              updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2`,
      [id, version, ...fieldParams(indicator)],
    );
    return affectedRows(result) === 1;
  }
}

function fieldParams(i: IndicatorFields): unknown[] {
  return [
    i.name,
    i.measure,
    i.kind,
    i.ledgerRule === null ? null : JSON.stringify(i.ledgerRule),
    i.formula === null ? null : JSON.stringify(i.formula),
    i.weight,
    i.cap,
    i.isScored,
    i.isHeadline,
    i.sortOrder,
    i.description,
    i.entryMode,
    i.reportFrequency,
    i.workRule === null ? null : JSON.stringify(i.workRule),
  ];
}
