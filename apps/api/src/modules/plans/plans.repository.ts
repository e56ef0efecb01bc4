import { Injectable } from '@nestjs/common';
import type {
  CountCredit,
  OwnFigures,
  PlanRow,
  PlanStatus,
  RankingGroup,
  ReadScreensMonth,
  RequiredDocuments,
  ScoringConfig,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';
import { planVisibleSql } from '../../common/sql/visibility.sql';

const PLAN_COLUMNS = `p.id, p.year, p.root_unit_id AS "rootUnitId", ru.name AS "rootUnitName", p.name, p.status, p.curve,
  p.report_deadline_day AS "reportDeadlineDay", p.month_close_day AS "monthCloseDay",
  trim_scale(p.yellow_band)::text AS "yellowBand", p.ranking_groups AS "rankingGroups",
  p.display_decimals AS "displayDecimals", p.count_credit AS "countCredit", p.industry_chains AS "industryChains",
  p.scoring, p.require_four_eyes AS "requireFourEyes",
  p.late_start_months AS "lateStartMonths", p.require_progress_text AS "requireProgressText",
  trim_scale(p.spike_factor)::text AS "spikeFactor",
  p.read_screens_month AS "readScreensMonth", p.own_figures AS "ownFigures", p.verification_reasons AS "verificationReasons",
  p.required_documents AS "requiredDocuments", p.briefing_chains AS "briefingChains",
  p.published_at AS "publishedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

interface RawPlan extends Omit<PlanRow, 'publishedAt' | 'createdAt' | 'updatedAt'> {
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function toRow(r: RawPlan): PlanRow {
  return {
    ...r,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

// a scoped principal (reporter) sees the plans whose root unit is an ancestor of (or is) one of its units
function visible(param: number): string {
  return planVisibleSql('p', `$${param}`);
}

/** The editable settings of a plan, as written to its row. */
export interface PlanSettings {
  name: string;
  curve: string[] | null;
  reportDeadlineDay: number;
  monthCloseDay: number;
  yellowBand: string;
  rankingGroups: RankingGroup[];
  displayDecimals: number;
  countCredit: CountCredit;
  industryChains: string[];
  scoring: ScoringConfig;
  requireFourEyes: boolean;
  lateStartMonths: number;
  requireProgressText: boolean;
  spikeFactor: string;
  readScreensMonth: ReadScreensMonth;
  ownFigures: OwnFigures;
  verificationReasons: string[];
  requiredDocuments: RequiredDocuments;
  briefingChains: boolean;
}

/** What a plan write needs to know about the plan, read under its row lock. */
export interface PlanLockRow {
  id: number;
  status: PlanStatus;
  rootUnitId: number;
  industryChains: string[];
}

@Injectable()
export class PlansRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async listVisible(scope: number[] | null, year?: number): Promise<PlanRow[]> {
    const rows: RawPlan[] = await this.q().query(
      `SELECT ${PLAN_COLUMNS} FROM plan p JOIN unit ru ON ru.id = p.root_unit_id
        WHERE ($1::int IS NULL OR p.year = $1) AND ${visible(2)}
        ORDER BY p.year DESC, ru.sort_order, p.id`,
      [year ?? null, scope],
    );
    return rows.map(toRow);
  }

  /** The plan when the scope may see it (null otherwise: answered as 404). */
  async findVisible(id: number, scope: number[] | null, manager?: EntityManager): Promise<PlanRow | null> {
    const rows: RawPlan[] = await this.q(manager).query(
      `SELECT ${PLAN_COLUMNS} FROM plan p JOIN unit ru ON ru.id = p.root_unit_id WHERE p.id = $1 AND ${visible(2)}`,
      [id, scope],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async findById(id: number, manager?: EntityManager): Promise<PlanRow | null> {
    return this.findVisible(id, null, manager);
  }

  /**
   * Locks the plan row for a write of the plan's catalogue or targets: writers of one plan queue up, and the
   * plan cannot be closed meanwhile. NO KEY UPDATE leaves foreign-key checks of other tables unblocked.
   */
  async lockForWrite(
    manager: EntityManager,
    id: number,
    scope: number[] | null = null,
  ): Promise<PlanLockRow | null> {
    const rows: PlanLockRow[] = await manager.query(
      `SELECT p.id, p.status, p.root_unit_id AS "rootUnitId", p.industry_chains AS "industryChains"
         FROM plan p WHERE p.id = $1 AND ${visible(2)} FOR NO KEY UPDATE`,
      [id, scope],
    );
    return rows[0] ?? null;
  }

  async existsForYear(manager: EntityManager, year: number, rootUnitId: number): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM plan WHERE year = $1 AND root_unit_id = $2', [
      year,
      rootUnitId,
    ]);
    return rows.length > 0;
  }

  async findActiveUnit(
    manager: EntityManager,
    unitId: number,
  ): Promise<{ id: number; isActive: boolean } | null> {
    const rows = await manager.query('SELECT id, is_active AS "isActive" FROM unit WHERE id = $1', [unitId]);
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    plan: { year: number; rootUnitId: number } & PlanSettings,
  ): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO plan (year, root_unit_id, name, curve, report_deadline_day, month_close_day, yellow_band, ranking_groups,
                         display_decimals, count_credit, industry_chains, scoring, require_four_eyes,
                         late_start_months, require_progress_text, spike_factor, read_screens_month, own_figures,
                         verification_reasons, required_documents, briefing_chains)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::numeric, $8::jsonb, $9, $10, $11::text[], $12::jsonb, $13,
               $14, $15, $16::numeric, $17, $18, $19::text[], $20::jsonb, $21)
       RETURNING id`,
      [plan.year, plan.rootUnitId, ...settingsParams(plan)],
    );
    return rows[0].id as number;
  }

  /** Writes the settings and status when the version matches; publishing stamps published_at once. */
  async update(
    manager: EntityManager,
    id: number,
    version: number,
    plan: PlanSettings & { status: PlanStatus },
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE plan SET name = $3, curve = $4::jsonb, report_deadline_day = $5, month_close_day = $6, yellow_band = $7::numeric,
              ranking_groups = $8::jsonb, display_decimals = $9, count_credit = $10, industry_chains = $11::text[],
              scoring = $12::jsonb, require_four_eyes = $13, late_start_months = $14, require_progress_text = $15,
              spike_factor = $16::numeric, read_screens_month = $17, own_figures = $18,
              verification_reasons = $19::text[], required_documents = $20::jsonb, briefing_chains = $21, status = $22,
              published_at = CASE WHEN $22 = 'published' AND status = 'draft' THEN now() ELSE published_at END,
              updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2`,
      [id, version, ...settingsParams(plan), plan.status],
    );
    return affectedRows(result) === 1;
  }

  /** Industry chains named by the ledger rules of the plan's indicators. */
  async chainsUsedByIndicators(
    manager: EntityManager,
    planId: number,
  ): Promise<Array<{ code: string; chain: string }>> {
    return manager.query(
      `SELECT i.code, c.chain FROM indicator i
         CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(i.ledger_rule -> 'industryChains', '[]'::jsonb)) AS c(chain)
        WHERE i.plan_id = $1 ORDER BY i.sort_order, i.id`,
      [planId],
    );
  }
}

function settingsParams(plan: PlanSettings): unknown[] {
  return [
    plan.name,
    plan.curve === null ? null : JSON.stringify(plan.curve),
    plan.reportDeadlineDay,
    plan.monthCloseDay,
    plan.yellowBand,
    JSON.stringify(plan.rankingGroups),
    plan.displayDecimals,
    plan.countCredit,
    plan.industryChains,
    JSON.stringify(plan.scoring),
    plan.requireFourEyes,
    plan.lateStartMonths,
    plan.requireProgressText,
    plan.spikeFactor,
    plan.readScreensMonth,
    plan.ownFigures,
    plan.verificationReasons,
    JSON.stringify(plan.requiredDocuments),
    plan.briefingChains,
  ];
}
