import { Injectable } from '@nestjs/common';
import {
  DEFAULT_VERIFICATION_REASONS,
  type VerificationKind,
  type VerificationStatus,
  type VerificationsQuery,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';
import { countedProjectSql } from '../../common/sql/project-credit.sql';
import { planVisibleSql, projectVisibleSql } from '../../common/sql/visibility.sql';

/** One verification with its project's figures, as the queue and a decision read it. */
export interface StoredVerification {
  id: number;
  projectId: number;
  projectCode: string;
  projectName: string;
  investorName: string;
  investorCreditCode: string | null;
  unitId: number;
  unitName: string;
  kind: VerificationKind;
  fundMonth: string | null;
  eventDate: string;
  amountWan: string | null;
  stage: string;
  agreedInvestmentWan: string;
  signedDate: string | null;
  startedDate: string | null;
  producingDate: string | null;
  registeredDate: string | null;
  droppedDate: string | null;
  status: VerificationStatus;
  reason: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  isAppealed: boolean;
  appealNote: string | null;
  appealedAt: Date | null;
  reopenedAt: Date | null;
  previousStatus: 'verified' | 'rejected' | null;
  version: number;
  updatedAt: Date;
}

const COLUMNS = `v.id, v.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
  p.investor_name AS "investorName", p.investor_credit_code AS "investorCreditCode", p.unit_id AS "unitId",
  u.name AS "unitName", v.kind, v.fund_month AS "fundMonth", v.event_date AS "eventDate",
  trim_scale(v.amount_wan)::text AS "amountWan", p.stage,
  trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan", p.signed_date AS "signedDate",
  p.started_date AS "startedDate", p.producing_date AS "producingDate", p.registered_date AS "registeredDate",
  p.dropped_date AS "droppedDate", v.status, v.reason, v.note, d.display_name AS "decidedBy",
  v.decided_at AS "decidedAt", v.is_appealed AS "isAppealed", v.appeal_note AS "appealNote",
  v.appealed_at AS "appealedAt", v.reopened_at AS "reopenedAt", v.previous_status AS "previousStatus",
  v.version, v.updated_at AS "updatedAt"`;

const FROM = `verification v JOIN project p ON p.id = v.project_id JOIN unit u ON u.id = p.unit_id
  LEFT JOIN app_user d ON d.id = v.decided_by`;

/** The queue shows events of projects that count at all: live, not excluded, not dropped. */
const LIVE = `${countedProjectSql('p')} AND p.stage <> 'dropped'`;

/** The decision a caller records on one verification. */
export interface DecisionWrite {
  id: number;
  version: number;
  status: 'verified' | 'rejected';
  reason: string | null;
  note: string | null;
  userId: number;
}

/** 认定: the verification rows (kept by triggers on project and project_fund, see the migration) and their decisions. */
@Injectable()
export class VerificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** The queue, filtered, oldest event first (pending appeals before other pending events), scoped like the ledger. */
  async list(
    query: VerificationsQuery,
    scope: number[] | null,
    page: number,
    pageSize: number,
  ): Promise<{ rows: StoredVerification[]; total: number }> {
    const params: unknown[] = [scope];
    const where = [LIVE, projectVisibleSql('p', '$1')];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status === 'appealed') where.push(`v.status = 'pending' AND v.is_appealed`);
    else if (query.status) add((n) => `v.status = ${n}`, query.status);
    if (query.unitId) {
      add((n) => `p.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${n})`, query.unitId);
    }
    if (query.kind) add((n) => `v.kind = ${n}`, query.kind);
    if (query.month) add((n) => `to_char(v.event_date, 'YYYY-MM') = ${n}`, query.month);
    if (query.projectId) add((n) => `v.project_id = ${n}`, query.projectId);
    const sqlWhere = where.join(' AND ');
    const counted: Array<{ total: string }> = await this.dataSource.query(
      `SELECT count(*) AS total FROM verification v JOIN project p ON p.id = v.project_id WHERE ${sqlWhere}`,
      params,
    );
    const rows: StoredVerification[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${sqlWhere}
        ORDER BY (v.status = 'pending' AND v.is_appealed) DESC, v.event_date, v.project_id, v.kind, v.fund_month
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { rows, total: Number(counted[0]?.total ?? 0) };
  }

  /** One verification the caller may see, locked for a decision or an appeal (FOR UPDATE of the row). */
  async lockForWrite(
    manager: EntityManager,
    id: number,
    scope: number[] | null,
  ): Promise<StoredVerification | null> {
    const rows: StoredVerification[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE v.id = $1 AND ${LIVE} AND ${projectVisibleSql('p', '$2')}
         FOR UPDATE OF v`,
      [id, scope],
    );
    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, id: number): Promise<StoredVerification | null> {
    const rows: StoredVerification[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE v.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Records a decision on a pending row at the caller's version; false when the version moved. */
  async decide(manager: EntityManager, write: DecisionWrite): Promise<boolean> {
    const result = await manager.query(
      `UPDATE verification SET status = $3, reason = $4, note = $5, decided_by = $6, decided_at = now(),
              reopened_at = NULL, previous_status = NULL, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'pending'`,
      [write.id, write.version, write.status, write.reason, write.note, write.userId],
    );
    return affectedRows(result) === 1;
  }

  /** The unit's one appeal of a rejection: pending again, marked 申诉, the rejection's reason kept beside it. */
  async appeal(
    manager: EntityManager,
    write: { id: number; version: number; note: string; userId: number },
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE verification SET status = 'pending', is_appealed = true, appeal_note = $3, appealed_by = $4,
              appealed_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'rejected' AND NOT is_appealed`,
      [write.id, write.version, write.note, write.userId],
    );
    return affectedRows(result) === 1;
  }

  /** The units a project's figures are credited to (responsible and shares): the summary refresh's units. */
  async creditedUnits(manager: EntityManager, projectId: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT p.unit_id AS id FROM project p WHERE p.id = $1
       UNION SELECT s.unit_id FROM project_share s WHERE s.project_id = $1`,
      [projectId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The 不予认定 reasons of the plan an event falls in: the plan of the event's year whose tree holds the project's
   * unit (the nearest root when plans nest), else the defaults.
   */
  async reasonsFor(manager: EntityManager, unitId: number, year: number): Promise<string[]> {
    const rows: Array<{ reasons: string[] }> = await manager.query(
      `SELECT pl.verification_reasons AS reasons FROM plan pl
         JOIN unit_closure c ON c.ancestor_id = pl.root_unit_id AND c.descendant_id = $1
        WHERE pl.year = $2 ORDER BY c.depth, pl.id DESC LIMIT 1`,
      [unitId, year],
    );
    return rows[0]?.reasons ?? [...DEFAULT_VERIFICATION_REASONS];
  }

  /** The reasons the queue offers: the newest plan the caller sees (the defaults with none). */
  async reasonsForCaller(scope: number[] | null): Promise<string[]> {
    const rows: Array<{ reasons: string[] }> = await this.dataSource.query(
      `SELECT p.verification_reasons AS reasons FROM plan p WHERE ${planVisibleSql('p', '$1')}
        ORDER BY p.year DESC, p.id DESC LIMIT 1`,
      [scope],
    );
    return rows[0]?.reasons ?? [...DEFAULT_VERIFICATION_REASONS];
  }
}
