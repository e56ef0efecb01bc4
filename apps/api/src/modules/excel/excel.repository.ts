import { Injectable } from '@nestjs/common';
import type { ImportKind, ImportProblem, ImportStatus, ImportSummary } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';
import { planTreeCte } from '../../common/sql/plan-tree.sql';

/** A unit of a plan's tree, in tree order (root first, depth-first by sort order). */
export interface TreeUnit {
  id: number;
  code: string;
  name: string;
  category: string;
  parentId: number | null;
  depth: number;
  isActive: boolean;
}

/** A unit's report of the month as an import compares it (locked until the transaction ends). */
export interface ReportState {
  id: number;
  unitId: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  version: number;
  values: Array<{ indicatorId: number; value: string }>;
  progressText: string;
  problemsText: string;
  nextPlanText: string;
}

/** A live project matched by its natural key (responsible unit, name, investor), as an import compares it. */
export interface StoredProject {
  id: number;
  version: number;
  unitId: number;
  name: string;
  investorName: string;
  investorCreditCode: string | null;
  origin: string;
  industryChain: string | null;
  agreedInvestmentWan: string;
  fortune500Kind: string | null;
  isChainLeader: boolean;
  isSpecialized: boolean;
  description: string | null;
  contact: string | null;
  stage: string;
  leadDate: string | null;
  negotiatingDate: string | null;
  signedDate: string | null;
  startedDate: string | null;
  producingDate: string | null;
  registeredDate: string | null;
  droppedDate: string | null;
}

export interface ImportBatchRow {
  id: string;
  kind: ImportKind;
  planId: number;
  month: string | null;
  fileName: string;
  contentSha256: string;
  status: ImportStatus;
  rows: unknown[];
  problems: ImportProblem[];
  summary: ImportSummary;
  createdBy: number;
  createdAt: Date;
  committedAt: Date | null;
}

const BATCH_COLUMNS = `b.id, b.kind, b.plan_id AS "planId", b.month, b.file_name AS "fileName",
  b.content_sha256 AS "contentSha256", b.status, b.rows, b.problems, b.summary, b.created_by AS "createdBy",
  b.created_at AS "createdAt", b.committed_at AS "committedAt"`;

/** SQL of the Excel module: the plan tree for templates and lookups, and the import batches. */
@Injectable()
export class ExcelRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async listTreeUnits(rootUnitId: number, manager?: EntityManager): Promise<TreeUnit[]> {
    return this.q(manager).query(
      // with the deactivated units: an import names them to refuse them (停用), a template leaves them out itself
      `WITH RECURSIVE ${planTreeCte('$1', { withInactive: true })}
       SELECT u.id, u.code, u.name, u.category, u.parent_id AS "parentId", w.depth, u.is_active AS "isActive"
         FROM plan_tree w JOIN unit u ON u.id = w.id ORDER BY w.path`,
      [rootUnitId],
    );
  }

  /** The month's reports of these units with their values; locked when read inside a write. */
  async lockReportStates(
    manager: EntityManager | undefined,
    planId: number,
    month: string,
    unitIds: number[],
  ): Promise<ReportState[]> {
    return this.q(manager).query(
      `SELECT r.id, r.unit_id AS "unitId", r.status, r.version, r.progress_text AS "progressText",
              r.problems_text AS "problemsText", r.next_plan_text AS "nextPlanText",
              coalesce((SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'value', trim_scale(v.value)::text)
                                        ORDER BY v.indicator_id)
                          FROM report_value v WHERE v.report_id = r.id), '[]'::json) AS values
         FROM monthly_report r
        WHERE r.plan_id = $1 AND r.month = $2 AND r.unit_id = ANY($3::int[])
        ORDER BY r.unit_id
        ${manager?.queryRunner?.isTransactionActive ? 'FOR UPDATE OF r' : ''}`,
      [planId, month, unitIds],
    );
  }

  /** Live projects whose (unit, name, investor) match one of the keys (spaces collapsed), locked for the commit. */
  async lockProjectsByKeys(
    manager: EntityManager,
    keys: Array<{ unitId: number; name: string; investorName: string }>,
  ): Promise<StoredProject[]> {
    if (keys.length === 0) return [];
    return manager.query(
      `SELECT p.id, p.version, p.unit_id AS "unitId", p.name, p.investor_name AS "investorName",
              p.investor_credit_code AS "investorCreditCode", p.origin, p.industry_chain AS "industryChain",
              trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan", p.fortune500_kind AS "fortune500Kind",
              p.is_chain_leader AS "isChainLeader", p.is_specialized AS "isSpecialized", p.description, p.contact,
              p.stage, p.lead_date AS "leadDate", p.negotiating_date AS "negotiatingDate", p.signed_date AS "signedDate",
              p.started_date AS "startedDate", p.producing_date AS "producingDate", p.registered_date AS "registeredDate",
              p.dropped_date AS "droppedDate"
         FROM project p
         JOIN unnest($1::int[], $2::text[], $3::text[]) AS k(unit_id, name, investor)
           ON p.unit_id = k.unit_id
          AND regexp_replace(btrim(p.name), '\\s+', ' ', 'g') = k.name
          AND regexp_replace(btrim(p.investor_name), '\\s+', ' ', 'g') = k.investor
        WHERE p.deleted_at IS NULL
        ORDER BY p.id
        FOR UPDATE OF p`,
      [
        keys.map((k) => k.unitId),
        keys.map((k) => k.name.replace(/\s+/g, ' ').trim()),
        keys.map((k) => k.investorName.replace(/\s+/g, ' ').trim()),
      ],
    );
  }

  async insertBatch(
    manager: EntityManager,
    batch: Omit<ImportBatchRow, 'createdAt' | 'committedAt' | 'status'>,
  ): Promise<ImportBatchRow> {
    const rows = await manager.query(
      `INSERT INTO import_batch AS b (id, kind, plan_id, month, file_name, content_sha256, rows, problems, summary, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10)
       RETURNING ${BATCH_COLUMNS}`,
      [
        batch.id,
        batch.kind,
        batch.planId,
        batch.month,
        batch.fileName,
        batch.contentSha256,
        JSON.stringify(batch.rows),
        JSON.stringify(batch.problems),
        JSON.stringify(batch.summary),
        batch.createdBy,
      ],
    );
    return rows[0];
  }

  /** A batch of this user (another user's batch looks like none); locked when asked, for the commit. */
  async findBatch(
    id: string,
    userId: number,
    manager?: EntityManager,
    forUpdate = false,
  ): Promise<ImportBatchRow | null> {
    const rows: ImportBatchRow[] = await this.q(manager).query(
      `SELECT ${BATCH_COLUMNS} FROM import_batch b WHERE b.id = $1 AND b.created_by = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** Whether the same bytes were already committed for the same kind, plan and month. */
  async isCommittedBefore(
    kind: ImportKind,
    planId: number,
    month: string | null,
    sha256: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    const rows = await this.q(manager).query(
      `SELECT 1 FROM import_batch
        WHERE kind = $1 AND plan_id = $2 AND month IS NOT DISTINCT FROM $3 AND content_sha256 = $4 AND status = 'committed'
        LIMIT 1`,
      [kind, planId, month, sha256],
    );
    return rows.length > 0;
  }

  async markCommitted(manager: EntityManager, id: string, summary: ImportSummary): Promise<Date> {
    const rows = returnedRows<{ committedAt: Date }>(
      await manager.query(
        `UPDATE import_batch SET status = 'committed', committed_at = now(), summary = $2::jsonb
          WHERE id = $1 AND status = 'preview' RETURNING committed_at AS "committedAt"`,
        [id, JSON.stringify(summary)],
      ),
    );
    return rows[0]!.committedAt;
  }

  async markFailed(id: string, problems: ImportProblem[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_batch SET status = 'failed', problems = $2::jsonb WHERE id = $1 AND status = 'preview'`,
      [id, JSON.stringify(problems)],
    );
  }
}
