import { Injectable } from '@nestjs/common';
import type {
  InvestorLeadRow,
  LeadFollowUpRow,
  LeadRow,
  LeadsQuery,
  LeadStatus,
  LeadStatusChangeRow,
  LeadsSummary,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';

/** A timestamptz as JSON text the way toISOString writes it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// $1 = today (Asia/Shanghai), $2 = 沉睡 days; open = new or negotiating
const QUIET_DAYS = `($1::date - coalesce(l.last_follow_up_on, l.found_on))`;
const IS_OPEN = `l.status IN ('new', 'negotiating')`;
const IS_DORMANT = `(${IS_OPEN} AND ${QUIET_DAYS} >= $2::int)`;
const IS_OVERDUE = `(${IS_OPEN} AND l.next_step_due < $1::date)`;

const LEAD_COLUMNS = `l.id, l.code, l.title, l.unit_id AS "unitId", u.name AS "unitName",
  l.owner_user_id AS "ownerUserId", l.owner_name AS "ownerName",
  l.task_force_unit_id AS "taskForceUnitId", tf.name AS "taskForceUnitName",
  json_build_object('id', i.id, 'name', i.name, 'creditCode', i.credit_code) AS investor,
  CASE WHEN cl.id IS NULL THEN NULL ELSE json_build_object('id', cl.id, 'chainId', ch.id, 'chainName', ch.name,
       'segment', cl.segment, 'name', cl.name) END AS "chainLink",
  trim_scale(l.intended_investment_wan)::text AS "intendedInvestmentWan",
  l.source, l.status, l.shelved_reason AS "shelvedReason",
  l.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
  to_char(l.found_on, 'YYYY-MM-DD') AS "foundOn", to_char(l.status_changed_on, 'YYYY-MM-DD') AS "statusChangedOn",
  to_char(l.last_follow_up_on, 'YYYY-MM-DD') AS "lastFollowUpOn", l.next_step AS "nextStep",
  to_char(l.next_step_due, 'YYYY-MM-DD') AS "nextStepDue",
  greatest(${QUIET_DAYS}, 0)::int AS "quietDays", ${IS_DORMANT} AS "isDormant", coalesce(${IS_OVERDUE}, false) AS "isOverdue",
  l.description, l.version, ${iso('l.updated_at')} AS "updatedAt"`;

const LEAD_FROM = `lead l JOIN unit u ON u.id = l.unit_id JOIN investor i ON i.id = l.investor_id
  LEFT JOIN unit tf ON tf.id = l.task_force_unit_id
  LEFT JOIN chain_link cl ON cl.id = l.chain_link_id LEFT JOIN industry_chain ch ON ch.id = cl.chain_id
  LEFT JOIN project p ON p.id = l.project_id`;

/** A lead is in scope when its unit is (the scope holds the caller's units and their descendants). */
const IN_SCOPE = (n: string) => `(${n}::int[] IS NULL OR l.unit_id = ANY(${n}::int[]))`;

/** The stored fields a write sets. */
export interface LeadFields {
  title: string;
  unitId: number;
  ownerUserId: number | null;
  ownerName: string;
  taskForceUnitId: number | null;
  investorId: number;
  chainLinkId: number | null;
  intendedInvestmentWan: string | null;
  source: string;
  description: string | null;
}

/** One lead whose next step is overdue and was just marked reminded. */
export interface OverdueLead {
  id: number;
  code: string;
  title: string;
  unitId: number;
  ownerUserId: number | null;
  nextStep: string | null;
  nextStepDue: string;
}

/** SQL of 线索: leads, their status changes and follow-ups. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async findRow(
    id: number,
    scope: number[] | null,
    today: string,
    dormantDays: number,
    manager?: EntityManager,
    lock = false,
  ): Promise<LeadRow | null> {
    if (lock) await this.q(manager).query('SELECT id FROM lead WHERE id = $1 FOR UPDATE', [id]);
    const rows: LeadRow[] = await this.q(manager).query(
      `SELECT ${LEAD_COLUMNS} FROM ${LEAD_FROM} WHERE l.id = $3 AND ${IN_SCOPE('$4')}`,
      [today, dormantDays, id, scope],
    );
    return rows[0] ?? null;
  }

  async list(
    query: LeadsQuery,
    scope: number[] | null,
    today: string,
    dormantDays: number,
  ): Promise<{ items: LeadRow[]; total: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [today, dormantDays, scope];
    // $1 and $2 typed in every statement (the count may not use them otherwise)
    const where = ['$1::date IS NOT NULL AND $2::int > 0', IN_SCOPE('$3')];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.unitId) add((n) => `l.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${n})`, query.unitId);
    if (query.status) add((n) => `l.status = ${n}`, query.status);
    if (query.source) add((n) => `l.source = ${n}`, query.source);
    if (query.ownerUserId) add((n) => `l.owner_user_id = ${n}`, query.ownerUserId);
    if (query.chainLinkId) add((n) => `l.chain_link_id = ${n}`, query.chainLinkId);
    if (query.investorId) add((n) => `l.investor_id = ${n}`, query.investorId);
    if (query.isDormant !== undefined) where.push(query.isDormant ? IS_DORMANT : `NOT ${IS_DORMANT}`);
    if (query.isOverdue !== undefined) where.push(query.isOverdue ? `coalesce(${IS_OVERDUE}, false)` : `NOT coalesce(${IS_OVERDUE}, false)`);
    if (query.q) {
      add(
        (n) => `(strpos(l.title, ${n}) > 0 OR strpos(l.code, ${n}) > 0 OR strpos(l.owner_name, ${n}) > 0
                 OR strpos(lower(i.name), lower(${n})) > 0)`,
        query.q,
      );
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${LEAD_FROM} WHERE ${whereSql}`,
      params,
    );
    params.push(pageSize, (page - 1) * pageSize);
    const items: LeadRow[] = await this.dataSource.query(
      `SELECT ${LEAD_COLUMNS} FROM ${LEAD_FROM} WHERE ${whereSql}
        ORDER BY (l.status IN ('new','negotiating')) DESC, l.next_step_due NULLS LAST, l.id DESC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total };
  }

  async summary(scope: number[] | null, today: string, dormantDays: number): Promise<LeadsSummary> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE ${IS_OPEN})::int AS open,
              count(*) FILTER (WHERE l.status = 'negotiating')::int AS negotiating,
              count(*) FILTER (WHERE ${IS_DORMANT})::int AS dormant,
              count(*) FILTER (WHERE ${IS_OVERDUE})::int AS overdue
         FROM lead l WHERE ${IN_SCOPE('$3')}`,
      [today, dormantDays, scope],
    );
    return { ...row, dormantDays };
  }

  async listStatusChanges(leadId: number, manager?: EntityManager): Promise<LeadStatusChangeRow[]> {
    return this.q(manager).query(
      `SELECT c.id, c.from_status AS "fromStatus", c.to_status AS "toStatus", to_char(c.changed_on, 'YYYY-MM-DD') AS "changedOn",
              c.reason, a.display_name AS "changedByName"
         FROM lead_status_change c LEFT JOIN app_user a ON a.id = c.changed_by
        WHERE c.lead_id = $1 ORDER BY c.changed_on, c.id`,
      [leadId],
    );
  }

  async listFollowUps(leadId: number, manager?: EntityManager): Promise<LeadFollowUpRow[]> {
    return this.q(manager).query(
      `SELECT f.id, to_char(f.followed_on, 'YYYY-MM-DD') AS "followedOn", f.way, f.people, f.agreed,
              f.next_step AS "nextStep", to_char(f.next_step_due, 'YYYY-MM-DD') AS "nextStepDue",
              a.display_name AS "createdByName", ${iso('f.created_at')} AS "createdAt"
         FROM lead_follow_up f LEFT JOIN app_user a ON a.id = f.created_by
        WHERE f.lead_id = $1 ORDER BY f.followed_on DESC, f.id DESC`,
      [leadId],
    );
  }

  /** Every unit's leads naming a company (the 客商库 page). */
  async listForInvestor(investorId: number): Promise<InvestorLeadRow[]> {
    return this.dataSource.query(
      `SELECT l.id, l.code, l.title, l.unit_id AS "unitId", u.name AS "unitName", l.owner_name AS "ownerName", l.status,
              to_char(l.found_on, 'YYYY-MM-DD') AS "foundOn", to_char(l.last_follow_up_on, 'YYYY-MM-DD') AS "lastFollowUpOn"
         FROM lead l JOIN unit u ON u.id = l.unit_id
        WHERE l.investor_id = $1 ORDER BY l.found_on DESC, l.id DESC`,
      [investorId],
    );
  }

  async insert(manager: EntityManager, f: LeadFields, extra: {
    status: LeadStatus;
    foundOn: string;
    nextStep: string | null;
    nextStepDue: string | null;
    userId: number | null;
  }): Promise<number> {
    const [{ id }] = await manager.query(`SELECT nextval(pg_get_serial_sequence('lead', 'id'))::int AS id`);
    const code = `XS${extra.foundOn.slice(0, 4)}-${String(id).padStart(6, '0')}`;
    await manager.query(
      `INSERT INTO lead (id, code, title, unit_id, owner_user_id, owner_name, task_force_unit_id, investor_id, chain_link_id,
                         intended_investment_wan, source, status, found_on, status_changed_on, next_step, next_step_due,
                         description, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16, $17, $17)`,
      [
        id,
        code,
        f.title,
        f.unitId,
        f.ownerUserId,
        f.ownerName,
        f.taskForceUnitId,
        f.investorId,
        f.chainLinkId,
        f.intendedInvestmentWan,
        f.source,
        extra.status,
        extra.foundOn,
        extra.nextStep,
        extra.nextStepDue,
        f.description,
        extra.userId,
      ],
    );
    return id;
  }

  /** Writes the fields and the status; false when the version is stale. */
  async update(
    manager: EntityManager,
    id: number,
    version: number,
    f: LeadFields & { status: LeadStatus; statusChangedOn: string; shelvedReason: string | null; projectId: number | null },
    userId: number | null,
  ): Promise<boolean> {
    const rows = returnedRows(await manager.query(
      `UPDATE lead SET title = $3, owner_user_id = $4, owner_name = $5, task_force_unit_id = $6, chain_link_id = $7,
              intended_investment_wan = $8, source = $9, description = $10, status = $11, status_changed_on = $12,
              shelved_reason = $13, project_id = $14, updated_by = $15, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        version,
        f.title,
        f.ownerUserId,
        f.ownerName,
        f.taskForceUnitId,
        f.chainLinkId,
        f.intendedInvestmentWan,
        f.source,
        f.description,
        f.status,
        f.statusChangedOn,
        f.shelvedReason,
        f.projectId,
        userId,
      ],
    ));
    return rows.length > 0;
  }

  async insertStatusChange(
    manager: EntityManager,
    c: { leadId: number; from: LeadStatus | null; to: LeadStatus; on: string; reason: string | null; userId: number | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_on, reason, changed_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.leadId, c.from, c.to, c.on, c.reason, c.userId],
    );
  }

  /**
   * Adds a follow-up and moves the lead's trail: the last follow-up is the latest date; the next step is the one of
   * the latest follow-up (an older follow-up typed in late leaves them), and a new next step is reminded again.
   */
  async insertFollowUp(
    manager: EntityManager,
    f: {
      leadId: number;
      followedOn: string;
      way: string;
      people: string;
      agreed: string;
      nextStep: string | null;
      nextStepDue: string | null;
      userId: number | null;
    },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO lead_follow_up (lead_id, followed_on, way, people, agreed, next_step, next_step_due, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [f.leadId, f.followedOn, f.way, f.people, f.agreed, f.nextStep, f.nextStepDue, f.userId],
    );
    await manager.query(
      `UPDATE lead SET
         next_step = CASE WHEN last_follow_up_on IS NULL OR $2::date >= last_follow_up_on THEN $3 ELSE next_step END,
         next_step_due = CASE WHEN last_follow_up_on IS NULL OR $2::date >= last_follow_up_on THEN $4::date ELSE next_step_due END,
         next_step_reminded_on = CASE WHEN last_follow_up_on IS NULL OR $2::date >= last_follow_up_on THEN NULL
                                      ELSE next_step_reminded_on END,
         last_follow_up_on = greatest(last_follow_up_on, $2::date),
         updated_by = $5, updated_at = now(), version = version + 1
       WHERE id = $1`,
      [f.leadId, f.followedOn, f.nextStep, f.nextStepDue, f.userId],
    );
    return id;
  }

  /** Open leads whose next step's date passed and that were not reminded of it: marked reminded today, answered. */
  async markOverdueReminded(manager: EntityManager, today: string): Promise<OverdueLead[]> {
    return returnedRows<OverdueLead>(await manager.query(
      `UPDATE lead l SET next_step_reminded_on = $1::date
        WHERE l.status IN ('new', 'negotiating') AND l.next_step_due < $1::date AND l.next_step_reminded_on IS NULL
        RETURNING l.id, l.code, l.title, l.unit_id AS "unitId", l.owner_user_id AS "ownerUserId", l.next_step AS "nextStep",
                  to_char(l.next_step_due, 'YYYY-MM-DD') AS "nextStepDue"`,
      [today],
    ));
  }

  /** The (unit, title, company) keys of these that already have a lead (spaces ignored in the names). */
  async findExistingKeys(
    manager: EntityManager,
    keys: ReadonlyArray<{ unitId: number; title: string; investorName: string }>,
  ): Promise<Array<{ unitId: number; title: string; investorName: string; code: string }>> {
    if (keys.length === 0) return [];
    return manager.query(
      `SELECT k.unit_id AS "unitId", k.title, k.investor AS "investorName", l.code
         FROM unnest($1::int[], $2::text[], $3::text[]) AS k(unit_id, title, investor)
         JOIN lead l ON l.unit_id = k.unit_id
                    AND regexp_replace(l.title, '\\s', '', 'g') = regexp_replace(k.title, '\\s', '', 'g')
         JOIN investor i ON i.id = l.investor_id
                    AND lower(regexp_replace(i.name, '\\s', '', 'g')) = lower(regexp_replace(k.investor, '\\s', '', 'g'))`,
      [keys.map((k) => k.unitId), keys.map((k) => k.title), keys.map((k) => k.investorName)],
    );
  }

  // ---- lookups the rules need ----

  async unitInfo(manager: EntityManager, unitId: number): Promise<{ category: string; active: boolean } | null> {
    const rows = await manager.query(`SELECT category, is_active AS active FROM unit WHERE id = $1`, [unitId]);
    return rows[0] ?? null;
  }

  /** The user's name when they are active and bound to the unit or one of its ancestors. */
  async ownerOfUnit(manager: EntityManager, userId: number, unitId: number): Promise<string | null> {
    const rows = await manager.query(
      `SELECT a.display_name AS name FROM app_user a
        WHERE a.id = $1 AND a.is_active
          AND EXISTS (SELECT 1 FROM user_unit uu JOIN unit_closure c ON c.ancestor_id = uu.unit_id
                       WHERE uu.user_id = a.id AND c.descendant_id = $2)`,
      [userId, unitId],
    );
    return rows[0]?.name ?? null;
  }

  async chainLinkExists(manager: EntityManager, linkId: number): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM chain_link cl JOIN industry_chain ch ON ch.id = cl.chain_id
        WHERE cl.id = $1 AND cl.removed_at IS NULL AND ch.removed_at IS NULL`,
      [linkId],
    );
    return rows.length > 0;
  }

  async investorExists(manager: EntityManager, investorId: number): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM investor WHERE id = $1`, [investorId])).length > 0;
  }

  async readSetting(key: string): Promise<unknown> {
    const rows = await this.dataSource.query(`SELECT value FROM app_setting WHERE key = $1`, [key]);
    return rows[0]?.value;
  }

  async writeSetting(manager: EntityManager, key: string, value: unknown): Promise<void> {
    await manager.query(
      `INSERT INTO app_setting (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, JSON.stringify(value)],
    );
  }
}
