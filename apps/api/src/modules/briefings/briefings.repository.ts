import { Injectable } from '@nestjs/common';
import {
  type BriefingStatus,
  type BriefingVersion,
  type OwnFigures,
  VERIFICATION_KINDS,
  type VerificationKind,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';
import { reportingUnitSql } from '../../common/sql/plan-tree.sql';
import { countedProjectSql } from '../../common/sql/project-credit.sql';
import type { BriefingRejection, BriefingReportLine, BriefingVerificationLine } from './briefing-model';

export interface BriefingInsert {
  planId: number;
  month: string;
  version: number;
  title: string;
  summaryText: string;
  snapshotVersion: number;
  snapshotComputedAt: Date;
  docx: Buffer;
  xlsx: Buffer;
  generatedAt: Date;
  generatedBy: number | null;
}

interface StoredVersion {
  id: number;
  planId: number;
  month: string;
  version: number;
  status: BriefingStatus;
  title: string;
  summaryText: string;
  snapshotComputedAt: Date;
  isStale: boolean;
  generatedAt: Date;
  generatedBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  docxBytes: number | null;
  xlsxBytes: number | null;
}

export type BriefingFormat = 'docx' | 'xlsx';

const VERSION_COLUMNS = `b.id, b.plan_id AS "planId", b.month, b.version, b.status, b.title, b.summary_text AS "summaryText",
  b.snapshot_computed_at AS "snapshotComputedAt",
  (s.version IS DISTINCT FROM b.snapshot_version) AS "isStale",
  b.generated_at AS "generatedAt", gu.username AS "generatedBy",
  b.published_at AS "publishedAt", pu.username AS "publishedBy",
  octet_length(b.docx) AS "docxBytes", octet_length(b.xlsx) AS "xlsxBytes"`;

const VERSION_FROM = `briefing b
  LEFT JOIN ranking_snapshot s ON s.plan_id = b.plan_id AND s.month = b.month
  LEFT JOIN app_user gu ON gu.id = b.generated_by
  LEFT JOIN app_user pu ON pu.id = b.published_by`;

export function toBriefingVersion(row: StoredVersion): BriefingVersion {
  return {
    planId: row.planId,
    month: row.month,
    version: row.version,
    status: row.status,
    title: row.title,
    summaryText: row.summaryText,
    snapshotComputedAt: new Date(row.snapshotComputedAt).toISOString(),
    isStale: row.isStale,
    generatedAt: new Date(row.generatedAt).toISOString(),
    generatedBy: row.generatedBy,
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
    publishedBy: row.publishedBy,
    docxBytes: row.docxBytes === null ? null : Number(row.docxBytes),
    xlsxBytes: row.xlsxBytes === null ? null : Number(row.xlsxBytes),
  };
}

/** SQL of the 通报 versions, and the report records the 通报 names. */
@Injectable()
export class BriefingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** The month's snapshot version (bumped by each re-close); null when the month is not frozen. */
  async findSnapshotVersion(planId: number, month: string): Promise<number | null> {
    const rows: Array<{ version: number }> = await this.q().query(
      'SELECT version FROM ranking_snapshot WHERE plan_id = $1 AND month = $2',
      [planId, month],
    );
    return rows[0]?.version ?? null;
  }

  /**
   * The same, locking the snapshot row until the commit: generations of the month queue up behind each other, and a
   * re-close (which updates the row) waits for the version being stored.
   */
  async lockSnapshotVersion(manager: EntityManager, planId: number, month: string): Promise<number | null> {
    const rows: Array<{ version: number }> = await manager.query(
      'SELECT version FROM ranking_snapshot WHERE plan_id = $1 AND month = $2 FOR UPDATE',
      [planId, month],
    );
    return rows[0]?.version ?? null;
  }

  /** The draft of the month becomes superseded (its files dropped); answers its version, if there was one. */
  async supersedeDraft(
    manager: EntityManager,
    planId: number,
    month: string,
    at: Date,
  ): Promise<number | null> {
    const rows = returnedRows<{ version: number }>(
      await manager.query(
        `UPDATE briefing SET status = 'superseded', superseded_at = $3, docx = NULL, xlsx = NULL
          WHERE plan_id = $1 AND month = $2 AND status = 'draft' RETURNING version`,
        [planId, month, at],
      ),
    );
    return rows[0]?.version ?? null;
  }

  async nextVersion(manager: EntityManager, planId: number, month: string): Promise<number> {
    const rows: Array<{ next: number }> = await manager.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM briefing WHERE plan_id = $1 AND month = $2`,
      [planId, month],
    );
    return rows[0]!.next;
  }

  async insertDraft(manager: EntityManager, b: BriefingInsert): Promise<number> {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO briefing (plan_id, month, version, status, title, summary_text, snapshot_version,
                             snapshot_computed_at, docx, xlsx, generated_at, generated_by)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        b.planId,
        b.month,
        b.version,
        b.title,
        b.summaryText,
        b.snapshotVersion,
        b.snapshotComputedAt,
        b.docx,
        b.xlsx,
        b.generatedAt,
        b.generatedBy,
      ],
    );
    return rows[0]!.id;
  }

  /** Draft → published; null when that version is not a draft (or does not exist). */
  async publish(
    manager: EntityManager,
    planId: number,
    month: string,
    version: number,
    at: Date,
    userId: number | null,
  ): Promise<number | null> {
    const rows = returnedRows<{ id: number }>(
      await manager.query(
        `UPDATE briefing SET status = 'published', published_at = $4, published_by = $5
          WHERE plan_id = $1 AND month = $2 AND version = $3 AND status = 'draft' RETURNING id`,
        [planId, month, version, at, userId],
      ),
    );
    return rows[0]?.id ?? null;
  }

  async findVersion(
    planId: number,
    month: string,
    version: number,
    manager?: EntityManager,
  ): Promise<(BriefingVersion & { id: number }) | null> {
    const rows: StoredVersion[] = await this.q(manager).query(
      `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE b.plan_id = $1 AND b.month = $2 AND b.version = $3`,
      [planId, month, version],
    );
    return rows[0] ? { id: rows[0].id, ...toBriefingVersion(rows[0]) } : null;
  }

  /** Versions of the month, newest first; drafts and superseded ones only when asked. */
  async list(planId: number, month: string, withDrafts: boolean): Promise<BriefingVersion[]> {
    const rows: StoredVersion[] = await this.q().query(
      `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM}
        WHERE b.plan_id = $1 AND b.month = $2 AND ($3 OR b.status = 'published')
        ORDER BY b.version DESC`,
      [planId, month, withDrafts],
    );
    return rows.map(toBriefingVersion);
  }

  /**
   * A version's file: the one asked for, else the latest published, else (when drafts may be read) the latest
   * draft. Superseded versions have no file.
   */
  async findFile(
    planId: number,
    month: string,
    format: BriefingFormat,
    options: { version: number | null; withDrafts: boolean },
  ): Promise<{ version: number; status: BriefingStatus; title: string; bytes: Buffer } | null> {
    const rows: Array<{ version: number; status: BriefingStatus; title: string; bytes: Buffer }> =
      await this.q().query(
        `SELECT version, status, title, ${format === 'docx' ? 'docx' : 'xlsx'} AS bytes FROM briefing
          WHERE plan_id = $1 AND month = $2 AND status <> 'superseded'
            AND ($4 OR status = 'published') AND ($3::int IS NULL OR version = $3)
          ORDER BY (status = 'published') DESC, version DESC
          LIMIT 1`,
        [planId, month, options.version, options.withDrafts],
      );
    return rows[0] ?? null;
  }

  /** Every reporting unit (active, below the root) with its report of the month, in unit order. */
  /** Names of the plan's ledger indicators that count only 已认定 events, in catalogue order. */
  async listVerifiedOnlyIndicators(planId: number): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.q().query(
      `SELECT name FROM indicator WHERE plan_id = $1 AND source = 'ledger' AND (ledger_rule ->> 'verifiedOnly') = 'true'
        ORDER BY sort_order, id`,
      [planId],
    );
    return rows.map((r) => r.name);
  }

  /**
   * The counting events of live projects whose responsible unit is in the plan's tree, dated in the plan year up to the
   * month's end, counted and summed per kind and 认定 state.
   */
  async listVerificationLines(rootUnitId: number, yearStart: string, monthEnd: string): Promise<BriefingVerificationLine[]> {
    const rows: Array<{ kind: VerificationKind; status: string; n: number; wan: string }> = await this.q().query(
      `SELECT v.kind, v.status, count(*)::int AS n, trim_scale(coalesce(sum(v.amount_wan), 0))::text AS wan
         FROM verification v JOIN project p ON p.id = v.project_id
         JOIN unit_closure c ON c.descendant_id = p.unit_id AND c.ancestor_id = $1
        WHERE ${countedProjectSql('p')} AND p.stage <> 'dropped'
          AND v.event_date >= $2::date AND v.event_date < $3::date
        GROUP BY v.kind, v.status`,
      [rootUnitId, yearStart, monthEnd],
    );
    return VERIFICATION_KINDS.map((kind) => {
      const of = (status: string) => rows.find((r) => r.kind === kind && r.status === status);
      return {
        kind,
        verifiedCount: of('verified')?.n ?? 0,
        verifiedWan: of('verified')?.wan ?? '0',
        pendingCount: of('pending')?.n ?? 0,
        pendingWan: of('pending')?.wan ?? '0',
        rejectedCount: of('rejected')?.n ?? 0,
        rejectedWan: of('rejected')?.wan ?? '0',
      };
    });
  }

  /** The 不予认定 events of the same scope, by unit (tree order) and date: the annex. */
  async listRejections(rootUnitId: number, yearStart: string, monthEnd: string): Promise<BriefingRejection[]> {
    return this.q().query(
      `SELECT u.name AS "unitName", p.code AS "projectCode", p.name AS "projectName", v.kind,
              coalesce(v.fund_month, to_char(v.event_date, 'YYYY-MM-DD')) AS "when",
              trim_scale(v.amount_wan)::text AS "amountWan", v.reason, v.note, v.is_appealed AS "isAppealed"
         FROM verification v JOIN project p ON p.id = v.project_id JOIN unit u ON u.id = p.unit_id
         JOIN unit_closure c ON c.descendant_id = p.unit_id AND c.ancestor_id = $1
        WHERE ${countedProjectSql('p')} AND p.stage <> 'dropped' AND v.status = 'rejected'
          AND v.event_date >= $2::date AND v.event_date < $3::date
        ORDER BY u.sort_order, u.id, v.event_date, v.id`,
      [rootUnitId, yearStart, monthEnd],
    );
  }

  async listReportLines(
    planId: number,
    rootUnitId: number,
    month: string,
    ownFigures: OwnFigures,
  ): Promise<BriefingReportLine[]> {
    const rows: Array<Omit<BriefingReportLine, 'submittedAt'> & { submittedAt: Date | null }> =
      await this.q().query(
        `SELECT u.name AS "unitName", u.code AS "unitCode", r.status, coalesce(r.is_late, false) AS "isLate",
                r.submitted_at AS "submittedAt"
           FROM unit_closure c
           JOIN unit u ON u.id = c.descendant_id
           LEFT JOIN monthly_report r ON r.plan_id = $1 AND r.unit_id = u.id AND r.month = $3
          WHERE ${reportingUnitSql('$2', ownFigures)}
          ORDER BY u.sort_order, u.id`,
        [planId, rootUnitId, month],
      );
    return rows.map((r) => ({
      ...r,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    }));
  }
}
