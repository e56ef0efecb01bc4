import { Injectable } from '@nestjs/common';
import type { ActivityKind, ActivityLeadRelation, ActivityRow, ActivitiesPage } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';
import type { ActivitiesQueryDto } from './dto/activities-query.dto';

const ROW_COLUMNS = `a.id, a.code, a.kind, a.title, a.unit_id AS "unitId", u.name AS "unitName",
  a.start_date AS "startDate", a.end_date AS "endDate", a.place, a.leading_official AS "leadingOfficial",
  a.leading_official_title AS "leadingOfficialTitle", a.led_by_county_leader AS "ledByCountyLeader",
  coalesce((SELECT json_agg(json_build_object('unitId', au.unit_id, 'unitName', pu.name) ORDER BY pu.sort_order, pu.id)
              FROM activity_unit au JOIN unit pu ON pu.id = au.unit_id WHERE au.activity_id = a.id), '[]') AS "participantUnits",
  a.participants,
  coalesce((SELECT json_agg(json_build_object('id', i.id, 'name', i.name, 'creditCode', i.credit_code, 'note', ac.note)
                            ORDER BY ac.id)
              FROM activity_company ac JOIN investor i ON i.id = ac.investor_id WHERE ac.activity_id = a.id), '[]') AS companies,
  a.outcome,
  coalesce((SELECT json_agg(json_build_object('leadId', l.id, 'title', l.title, 'relation', al.relation) ORDER BY l.id)
              FROM activity_lead al JOIN lead l ON l.id = al.lead_id WHERE al.activity_id = a.id), '[]') AS leads,
  a.chain_id AS "chainId", c.name AS "chainName", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version`;

const ROW_FROM = `activity a JOIN unit u ON u.id = a.unit_id LEFT JOIN industry_chain c ON c.id = a.chain_id`;

/**
 * An activity is visible to an unscoped caller, and to a caller whose scope holds its organising unit or a unit
 * taking part (`scope` a placeholder bound to the scope's unit ids, or NULL).
 */
export function activityVisibleSql(activity: string, scope: string): string {
  return `(${scope}::int[] IS NULL OR ${activity}.unit_id = ANY(${scope}::int[])
    OR EXISTS (SELECT 1 FROM activity_unit vu WHERE vu.activity_id = ${activity}.id AND vu.unit_id = ANY(${scope}::int[])))`;
}

/** The stored fields of an activity. */
export interface ActivityFields {
  kind: ActivityKind;
  title: string;
  unitId: number;
  startDate: string;
  endDate: string;
  place: string;
  leadingOfficial: string;
  leadingOfficialTitle: string | null;
  ledByCountyLeader: boolean;
  participants: string[];
  outcome: string | null;
  chainId: number | null;
}

/** SQL of 招商活动 and its unit, company and lead rows. */
@Injectable()
export class ActivitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async list(query: ActivitiesQueryDto, scope: number[] | null): Promise<ActivitiesPage> {
    const params: unknown[] = [scope];
    const where = ['a.removed_at IS NULL', activityVisibleSql('a', '$1')];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.unitId !== undefined) {
      const unit = add(query.unitId);
      where.push(`EXISTS (SELECT 1 FROM unit_closure fc
                   WHERE fc.ancestor_id = ${unit}
                     AND (fc.descendant_id = a.unit_id
                          OR fc.descendant_id IN (SELECT fu.unit_id FROM activity_unit fu WHERE fu.activity_id = a.id)))`);
    }
    if (query.kind !== undefined) where.push(`a.kind = ${add(query.kind)}`);
    if (query.month !== undefined) {
      const first = add(`${query.month}-01`);
      where.push(
        `a.start_date >= ${first}::date AND a.start_date < (${first}::date + interval '1 month')::date`,
      );
    }
    if (query.ledByCountyLeader !== undefined)
      where.push(`a.led_by_county_leader = ${add(query.ledByCountyLeader)}`);
    if (query.q !== undefined) {
      const text = add(`%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`(a.title ILIKE ${text} OR a.place ILIKE ${text} OR a.leading_official ILIKE ${text} OR a.code ILIKE ${text}
                   OR EXISTS (SELECT 1 FROM activity_company qc JOIN investor qi ON qi.id = qc.investor_id
                               WHERE qc.activity_id = a.id AND qi.name ILIKE ${text}))`);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [counts]: Array<{ total: number; led: number; companies: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE a.led_by_county_leader)::int AS led,
              coalesce(sum((SELECT count(*) FROM activity_company cc WHERE cc.activity_id = a.id)), 0)::int AS companies
         FROM activity a WHERE ${where.join(' AND ')}`,
      params,
    );
    const limit = add(pageSize);
    const offset = add((page - 1) * pageSize);
    const items: ActivityRow[] = await this.dataSource.query(
      `SELECT ${ROW_COLUMNS} FROM ${ROW_FROM}
        WHERE ${where.join(' AND ')}
        ORDER BY a.start_date DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return {
      items,
      total: counts!.total,
      page,
      pageSize,
      ledByCountyLeaderCount: counts!.led,
      companiesMet: counts!.companies,
    };
  }

  /** A visible, not removed activity. */
  async findRow(id: number, scope: number[] | null, manager?: EntityManager): Promise<ActivityRow | null> {
    const rows: ActivityRow[] = await this.q(manager).query(
      `SELECT ${ROW_COLUMNS} FROM ${ROW_FROM} WHERE a.id = $1 AND a.removed_at IS NULL AND ${activityVisibleSql('a', '$2')}`,
      [id, scope],
    );
    return rows[0] ?? null;
  }

  /** Locks a visible, not removed activity for a write and answers it. */
  async lockForWrite(
    manager: EntityManager,
    id: number,
    scope: number[] | null,
  ): Promise<ActivityRow | null> {
    const locked = await manager.query(
      `SELECT a.id FROM activity a WHERE a.id = $1 AND a.removed_at IS NULL AND ${activityVisibleSql('a', '$2')} FOR UPDATE`,
      [id, scope],
    );
    if (locked.length === 0) return null;
    return this.findRow(id, null, manager);
  }

  async lockByNaturalKeys(
    manager: EntityManager,
    keys: ReadonlyArray<{ unitId: number; startDate: string; title: string }>,
  ): Promise<ActivityRow[]> {
    if (keys.length === 0) return [];
    const ids: Array<{ id: number }> = await manager.query(
      `SELECT a.id FROM activity a
         JOIN unnest($1::int[], $2::date[], $3::text[]) AS k(unit_id, start_date, title)
           ON a.unit_id = k.unit_id AND a.start_date = k.start_date AND a.title = k.title
        WHERE a.removed_at IS NULL
        ORDER BY a.id FOR UPDATE OF a`,
      [keys.map((k) => k.unitId), keys.map((k) => k.startDate), keys.map((k) => k.title)],
    );
    if (ids.length === 0) return [];
    return manager.query(`SELECT ${ROW_COLUMNS} FROM ${ROW_FROM} WHERE a.id = ANY($1::int[]) ORDER BY a.id`, [
      ids.map((r) => r.id),
    ]);
  }

  async nextId(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT nextval(pg_get_serial_sequence('activity', 'id'))::int AS id`);
    return row.id as number;
  }

  async insert(
    manager: EntityManager,
    row: ActivityFields & { id: number; code: string; userId: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO activity (id, code, kind, title, unit_id, start_date, end_date, place, leading_official,
                             leading_official_title, led_by_county_leader, participants, outcome, chain_id,
                             created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13, $14, $15, $15)`,
      [
        row.id,
        row.code,
        row.kind,
        row.title,
        row.unitId,
        row.startDate,
        row.endDate,
        row.place,
        row.leadingOfficial,
        row.leadingOfficialTitle,
        row.ledByCountyLeader,
        row.participants,
        row.outcome,
        row.chainId,
        row.userId,
      ],
    );
  }

  async update(
    manager: EntityManager,
    id: number,
    version: number,
    row: ActivityFields,
    userId: number,
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE activity SET kind = $3, title = $4, unit_id = $5, start_date = $6, end_date = $7, place = $8,
              leading_official = $9, leading_official_title = $10, led_by_county_leader = $11, participants = $12::text[],
              outcome = $13, chain_id = $14, updated_by = $15, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 AND removed_at IS NULL`,
      [
        id,
        version,
        row.kind,
        row.title,
        row.unitId,
        row.startDate,
        row.endDate,
        row.place,
        row.leadingOfficial,
        row.leadingOfficialTitle,
        row.ledByCountyLeader,
        row.participants,
        row.outcome,
        row.chainId,
        userId,
      ],
    );
    return affectedRows(result) === 1;
  }

  async softRemove(
    manager: EntityManager,
    id: number,
    version: number,
    reason: string,
    userId: number,
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE activity SET removed_at = now(), removed_reason = $3, updated_by = $4, updated_at = now(),
              version = version + 1
        WHERE id = $1 AND version = $2 AND removed_at IS NULL`,
      [id, version, reason, userId],
    );
    return affectedRows(result) === 1;
  }

  async replaceUnits(manager: EntityManager, id: number, unitIds: number[]): Promise<void> {
    await manager.query('DELETE FROM activity_unit WHERE activity_id = $1', [id]);
    if (unitIds.length === 0) return;
    await manager.query(
      'INSERT INTO activity_unit (activity_id, unit_id) SELECT $1, u FROM unnest($2::int[]) AS u',
      [id, unitIds],
    );
  }

  async replaceCompanies(
    manager: EntityManager,
    id: number,
    companies: Array<{ investorId: number; note: string | null }>,
  ): Promise<void> {
    await manager.query('DELETE FROM activity_company WHERE activity_id = $1', [id]);
    if (companies.length === 0) return;
    await manager.query(
      `INSERT INTO activity_company (activity_id, investor_id, note)
       SELECT $1, c.investor_id, c.note FROM unnest($2::int[], $3::text[]) WITH ORDINALITY AS c(investor_id, note, ord)
        ORDER BY c.ord`,
      [id, companies.map((c) => c.investorId), companies.map((c) => c.note)],
    );
  }

  async replaceLeads(
    manager: EntityManager,
    id: number,
    leads: Array<{ leadId: number; relation: ActivityLeadRelation }>,
  ): Promise<void> {
    await manager.query('DELETE FROM activity_lead WHERE activity_id = $1', [id]);
    if (leads.length === 0) return;
    await manager.query(
      `INSERT INTO activity_lead (activity_id, lead_id, relation)
       SELECT $1, l.lead_id, l.relation FROM unnest($2::int[], $3::text[]) AS l(lead_id, relation)`,
      [id, leads.map((l) => l.leadId), leads.map((l) => l.relation)],
    );
  }

  /** Whether each unit exists and is active (a missing id is absent from the map). */
  async unitStates(manager: EntityManager, unitIds: number[]): Promise<Map<number, boolean>> {
    const rows: Array<{ id: number; isActive: boolean }> = await manager.query(
      'SELECT id, is_active AS "isActive" FROM unit WHERE id = ANY($1::int[])',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.isActive]));
  }

  /** The leads among `leadIds` the caller may link: existing, and (for a scoped caller) of a unit in the scope. */
  async visibleLeadIds(
    manager: EntityManager,
    leadIds: number[],
    scope: number[] | null,
  ): Promise<Set<number>> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT l.id FROM lead l
        WHERE l.id = ANY($1::int[])
          AND ($2::int[] IS NULL OR l.unit_id = ANY($2::int[]) OR l.task_force_unit_id = ANY($2::int[]))`,
      [leadIds, scope],
    );
    return new Set(rows.map((r) => r.id));
  }

  async chainExists(manager: EntityManager, chainId: number): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM industry_chain WHERE id = $1 AND removed_at IS NULL', [
      chainId,
    ]);
    return rows.length > 0;
  }

  async investorExists(manager: EntityManager, investorId: number): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM investor WHERE id = $1', [investorId]);
    return rows.length > 0;
  }

  /** The row as the audit keeps it (removal fields included). */
  async removalOf(
    manager: EntityManager,
    id: number,
  ): Promise<{ removedAt: Date; removedReason: string } | null> {
    const rows = await manager.query(
      'SELECT removed_at AS "removedAt", removed_reason AS "removedReason" FROM activity WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }
}
