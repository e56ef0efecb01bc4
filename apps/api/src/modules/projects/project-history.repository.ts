import { Injectable } from '@nestjs/common';
import type { ProjectEventRow, ProjectFundRow } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows, returnedRows } from '../../common/database/query-result';
import type { StageEventKind } from '@pacer/shared';

const FUND_COLUMNS = `f.month, trim_scale(f.amount_wan)::text AS "amountWan", f.note, f.version, f.updated_at AS "updatedAt"`;

type RawFund = Omit<ProjectFundRow, 'updatedAt'> & { updatedAt: Date };

function toFund(r: RawFund): ProjectFundRow {
  return { ...r, updatedAt: new Date(r.updatedAt).toISOString() };
}

/** A project's stage events and its funds in place per month. */
@Injectable()
export class ProjectHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async insertEvent(
    manager: EntityManager,
    event: {
      projectId: number;
      stage: StageEventKind;
      date: string;
      isCorrection: boolean;
      reason: string | null;
      userId: number;
    },
  ): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO project_event (project_id, stage, event_date, is_correction, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [event.projectId, event.stage, event.date, event.isCorrection, event.reason, event.userId],
    );
    return rows[0].id;
  }

  /** Many stage events in one statement, their ids in the given order. */
  async insertEvents(
    manager: EntityManager,
    events: ReadonlyArray<{ projectId: number; stage: StageEventKind; date: string; userId: number }>,
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO project_event (project_id, stage, event_date, is_correction, reason, created_by)
       SELECT t.p, t.s, t.d::date, false, NULL, t.u
         FROM unnest($1::int[], $2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS t(p, s, d, u, ord)
        ORDER BY t.ord`,
      [
        events.map((e) => e.projectId),
        events.map((e) => e.stage),
        events.map((e) => e.date),
        events.map((e) => e.userId),
      ],
    );
  }

  async listEvents(projectId: number, manager?: EntityManager): Promise<ProjectEventRow[]> {
    const rows: Array<Omit<ProjectEventRow, 'createdAt'> & { createdAt: Date }> = await this.q(manager).query(
      `SELECT e.id, e.stage, e.event_date AS "eventDate", e.is_correction AS "isCorrection", e.reason,
              a.display_name AS "createdBy", e.created_at AS "createdAt"
         FROM project_event e LEFT JOIN app_user a ON a.id = e.created_by
        WHERE e.project_id = $1 ORDER BY e.id`,
      [projectId],
    );
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  async listFunds(projectId: number, manager?: EntityManager): Promise<ProjectFundRow[]> {
    const rows: RawFund[] = await this.q(manager).query(
      `SELECT ${FUND_COLUMNS} FROM project_fund f WHERE f.project_id = $1 ORDER BY f.month`,
      [projectId],
    );
    return rows.map(toFund);
  }

  async findFund(manager: EntityManager, projectId: number, month: string): Promise<ProjectFundRow | null> {
    const rows: RawFund[] = await manager.query(
      `SELECT ${FUND_COLUMNS} FROM project_fund f WHERE f.project_id = $1 AND f.month = $2`,
      [projectId, month],
    );
    return rows[0] ? toFund(rows[0]) : null;
  }

  /** A new month's figure; null when the month got one meanwhile (the caller answers 409). */
  async insertFund(
    manager: EntityManager,
    fund: { projectId: number; month: string; amountWan: string; note: string | null; userId: number },
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO project_fund (project_id, month, amount_wan, note, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id, month) DO NOTHING RETURNING month`,
      [fund.projectId, fund.month, fund.amountWan, fund.note, fund.userId],
    );
    return returnedRows(rows).length === 1;
  }

  async updateFund(
    manager: EntityManager,
    fund: {
      projectId: number;
      month: string;
      amountWan: string;
      note: string | null;
      version: number;
      userId: number;
    },
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE project_fund SET amount_wan = $3, note = $4, updated_by = $6, updated_at = now(), version = version + 1
        WHERE project_id = $1 AND month = $2 AND version = $5`,
      [fund.projectId, fund.month, fund.amountWan, fund.note, fund.version, fund.userId],
    );
    return affectedRows(result) === 1;
  }
}
