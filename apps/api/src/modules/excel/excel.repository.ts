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

/**
 * SQL of the Excel module: its import batches (the only table it writes), and the plan's unit tree that templates,
 * previews and exports list (a pure read; the records themselves are read and written through their modules).
 */
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
