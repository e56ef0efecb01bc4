import { Injectable } from '@nestjs/common';
import type { InvestorProjectRow, Page, PendingShareRow, ProjectRow, ProjectsQuery, ShareStatus } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';
import { projectVisibleSql } from '../../common/sql/visibility.sql';
import type { DuplicateProbe, DuplicateSource } from './duplicate-detection';
import type { StageState } from '@pacer/shared';

/** A timestamptz as JSON text the way toISOString writes it (json_build_object would follow the session's zone). */
function isoTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

// numeric columns come back without their trailing zeros ('150000', not '150000.0000')
const PROJECT_COLUMNS = `p.id, p.code, p.name, p.investor_name AS "investorName", p.investor_credit_code AS "investorCreditCode",
  p.origin, p.industry_chain AS "industryChain",
  p.chain_link_id AS "chainLinkId", (SELECT cl.name FROM chain_link cl WHERE cl.id = p.chain_link_id) AS "chainLinkName",
  trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan",
  p.fortune500_kind AS "fortune500Kind", p.is_chain_leader AS "isChainLeader", p.is_specialized AS "isSpecialized",
  p.unit_id AS "unitId", u.name AS "unitName",
  (SELECT coalesce(json_agg(json_build_object('unitId', s.unit_id, 'unitName', su.name,
                                              'sharePct', trim_scale(s.share_pct)::text, 'status', s.status,
                                              'proposedByName', sp.display_name, 'proposedAt', ${isoTimestamp('s.proposed_at')},
                                              'decidedByName', sd.display_name, 'decidedAt', ${isoTimestamp('s.decided_at')},
                                              'declineReason', s.decline_reason)
                            ORDER BY s.unit_id <> p.unit_id, su.sort_order, s.unit_id), '[]'::json)
     FROM project_share s JOIN unit su ON su.id = s.unit_id
     LEFT JOIN app_user sp ON sp.id = s.proposed_by LEFT JOIN app_user sd ON sd.id = s.decided_by
    WHERE s.project_id = p.id) AS shares,
  p.stage, p.lead_date AS "leadDate", p.negotiating_date AS "negotiatingDate", p.signed_date AS "signedDate",
  p.started_date AS "startedDate", p.producing_date AS "producingDate", p.registered_date AS "registeredDate",
  p.dropped_date AS "droppedDate", p.is_excluded AS "isExcluded", p.excluded_reason AS "excludedReason",
  p.description, p.contact, p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

// who may read: the responsible unit or a credited unit is in scope ($n is the scope, null = everything)
const READ_SCOPE = (n: number) => projectVisibleSql('p', `$${n}`);

const SORT_COLUMNS: Record<NonNullable<ProjectsQuery['sort']>, string> = {
  signedDate: 'p.signed_date',
  agreedInvestmentWan: 'p.agreed_investment_wan',
  name: 'p.name',
  updatedAt: 'p.updated_at',
};

type RawProject = Omit<ProjectRow, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

function toRow(r: RawProject): ProjectRow {
  return {
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** `%`, `_` and `\` typed by the user are literal text in ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A share row as written: its unit, percentage and state (who proposed, who decided, why declined). */
export interface ShareWrite {
  unitId: number;
  sharePct: string;
  status: ShareStatus;
  proposedBy: number | null;
  proposedAt: Date | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  declineReason: string | null;
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

/** The columns a create or an update writes (names are fixed here, never taken from a request). */
export interface ProjectFields {
  name: string;
  investorName: string;
  investorCreditCode: string | null;
  origin: string;
  industryChain: string | null;
  agreedInvestmentWan: string;
  fortune500Kind: string | null;
  isChainLeader: boolean;
  isSpecialized: boolean;
  unitId: number;
  description: string | null;
  contact: string | null;
  isExcluded: boolean;
  excludedReason: string | null;
  /** The 产业链 link (issue 17): the form sets it; an import leaves it as it is. */
  chainLinkId?: number | null;
}

const FIELD_COLUMNS: Record<keyof ProjectFields, string> = {
  name: 'name',
  investorName: 'investor_name',
  investorCreditCode: 'investor_credit_code',
  origin: 'origin',
  industryChain: 'industry_chain',
  agreedInvestmentWan: 'agreed_investment_wan',
  fortune500Kind: 'fortune500_kind',
  isChainLeader: 'is_chain_leader',
  isSpecialized: 'is_specialized',
  unitId: 'unit_id',
  description: 'description',
  contact: 'contact',
  isExcluded: 'is_excluded',
  excludedReason: 'excluded_reason',
  chainLinkId: 'chain_link_id',
};

/** The SQL type of each field column (a batch reads its rows from JSON). */
const FIELD_TYPES: Record<keyof ProjectFields, string> = {
  name: 'text',
  investorName: 'text',
  investorCreditCode: 'text',
  origin: 'text',
  industryChain: 'text',
  agreedInvestmentWan: 'numeric',
  fortune500Kind: 'text',
  isChainLeader: 'boolean',
  isSpecialized: 'boolean',
  unitId: 'int',
  description: 'text',
  contact: 'text',
  isExcluded: 'boolean',
  excludedReason: 'text',
  chainLinkId: 'int',
};

const STAGE_COLUMNS = {
  lead: 'lead_date',
  negotiating: 'negotiating_date',
  signed: 'signed_date',
  started: 'started_date',
  producing: 'producing_date',
  dropped: 'dropped_date',
  registered: 'registered_date',
} as const;

@Injectable()
export class ProjectsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** The id first, so that the project code can carry it. */
  async nextId(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT nextval('project_id_seq')::int AS id`);
    return row.id;
  }

  async insert(
    manager: EntityManager,
    project: ProjectFields & { id: number; code: string; stage: StageState; userId: number },
  ): Promise<void> {
    const fields = Object.keys(FIELD_COLUMNS) as Array<keyof ProjectFields>;
    const stageKeys = Object.keys(STAGE_COLUMNS) as Array<keyof typeof STAGE_COLUMNS>;
    const columns = [
      'id',
      'code',
      'stage',
      'created_by',
      'updated_by',
      ...fields.map((f) => FIELD_COLUMNS[f]),
      ...stageKeys.map((k) => STAGE_COLUMNS[k]),
    ];
    const values = [
      project.id,
      project.code,
      project.stage.stage,
      project.userId,
      project.userId,
      ...fields.map((f) => project[f]),
      ...stageKeys.map((k) => project.stage.dates[k]),
    ];
    await manager.query(
      `INSERT INTO project (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }

  /** Writes the given fields when the version matches; false when it did not (409). */
  async updateFields(
    manager: EntityManager,
    id: number,
    version: number,
    patch: Partial<ProjectFields>,
    userId: number,
  ): Promise<boolean> {
    const keys = (Object.keys(patch) as Array<keyof ProjectFields>).filter((k) => k in FIELD_COLUMNS);
    const params: unknown[] = [id, version, userId, ...keys.map((k) => patch[k])];
    const sets = keys.map((k, i) => `${FIELD_COLUMNS[k]} = $${i + 4}`);
    const result = await manager.query(
      `UPDATE project SET ${[...sets, 'updated_by = $3', 'updated_at = now()', 'version = version + 1'].join(', ')}
        WHERE id = $1 AND version = $2 AND deleted_at IS NULL`,
      params,
    );
    return affectedRows(result) === 1;
  }

  /** Writes the stage and every stage date (the row is locked by the caller). */
  async updateStage(manager: EntityManager, id: number, state: StageState, userId: number): Promise<void> {
    const keys = Object.keys(STAGE_COLUMNS) as Array<keyof typeof STAGE_COLUMNS>;
    await manager.query(
      `UPDATE project SET stage = $2, updated_by = $3, updated_at = now(), version = version + 1,
              ${keys.map((k, i) => `${STAGE_COLUMNS[k]} = $${i + 4}::date`).join(', ')}
        WHERE id = $1`,
      [id, state.stage, userId, ...keys.map((k) => state.dates[k])],
    );
  }

  async softDelete(
    manager: EntityManager,
    id: number,
    version: number,
    userId: number,
    reason: string,
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE project SET deleted_at = now(), deleted_by = $3, deleted_reason = $4, updated_by = $3, updated_at = now(),
              version = version + 1
        WHERE id = $1 AND version = $2 AND deleted_at IS NULL`,
      [id, version, userId, reason],
    );
    return affectedRows(result) === 1;
  }

  /**
   * Every credited unit's row with its state, the responsible unit's included (the deferred trigger checks the sum is
   * 100 and that the responsible unit's row is confirmed).
   */
  async replaceShares(manager: EntityManager, projectId: number, shares: ShareWrite[]) {
    await manager.query('DELETE FROM project_share WHERE project_id = $1', [projectId]);
    await manager.query(
      `INSERT INTO project_share (project_id, unit_id, share_pct, status, proposed_by, proposed_at, decided_by,
                                  decided_at, decline_reason)
       SELECT $1, u, p::numeric, st, pb, pa, db, da, dr
         FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::int[], $8::timestamptz[],
                     $9::text[]) AS t(u, p, st, pb, pa, db, da, dr)`,
      [
        projectId,
        shares.map((s) => s.unitId),
        shares.map((s) => s.sharePct),
        shares.map((s) => s.status),
        shares.map((s) => s.proposedBy),
        shares.map((s) => s.proposedAt),
        shares.map((s) => s.decidedBy),
        shares.map((s) => s.decidedAt),
        shares.map((s) => s.declineReason),
      ],
    );
  }

  /** The stored share rows of a project with their state (ids, not names: what a rewrite keeps). */
  async listShareStates(manager: EntityManager, projectId: number): Promise<ShareWrite[]> {
    const rows: ShareWrite[] = await manager.query(
      `SELECT unit_id AS "unitId", trim_scale(share_pct)::text AS "sharePct", status, proposed_by AS "proposedBy",
              proposed_at AS "proposedAt", decided_by AS "decidedBy", decided_at AS "decidedAt",
              decline_reason AS "declineReason"
         FROM project_share WHERE project_id = $1 ORDER BY unit_id`,
      [projectId],
    );
    return rows;
  }

  /**
   * The live project by id for a share decision, locked like a write (any responsible unit: the caller decides for
   * the credited unit, whose scope the caller checks).
   */
  async lockForShareDecision(manager: EntityManager, id: number): Promise<ProjectRow | null> {
    const rows = await manager.query(
      'SELECT id FROM project p WHERE p.id = $1 AND p.deleted_at IS NULL FOR UPDATE',
      [id],
    );
    return rows.length ? this.findRow(id, null, manager) : null;
  }

  /** Confirms or declines a pending share of the unit; false when there was no pending share of that percentage. */
  async decideShare(
    manager: EntityManager,
    projectId: number,
    unitId: number,
    sharePct: string,
    decision: { status: 'confirmed' | 'declined'; userId: number; at: Date; reason: string | null },
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE project_share SET status = $4, decided_by = $5, decided_at = $6, decline_reason = $7
        WHERE project_id = $1 AND unit_id = $2 AND share_pct = $3::numeric AND status = 'pending'`,
      [projectId, unitId, sharePct, decision.status, decision.userId, decision.at, decision.reason],
    );
    return affectedRows(result) === 1;
  }

  /**
   * Pending shares of live projects credited to units in `scope` (null = every unit), never the responsible unit's
   * own row, oldest proposal first.
   */
  async listPendingShares(scope: number[] | null): Promise<PendingShareRow[]> {
    const rows: Array<Omit<PendingShareRow, 'proposedAt'> & { proposedAt: Date | null }> =
      await this.dataSource.query(
        `SELECT p.id AS "projectId", p.code AS "projectCode", p.name AS "projectName", p.investor_name AS "investorName",
                trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan", p.stage, p.signed_date AS "signedDate",
                p.unit_id AS "responsibleUnitId", ru.name AS "responsibleUnitName",
                s.unit_id AS "unitId", su.name AS "unitName", trim_scale(s.share_pct)::text AS "sharePct",
                a.display_name AS "proposedByName", s.proposed_at AS "proposedAt"
           FROM project_share s
           JOIN project p ON p.id = s.project_id AND p.deleted_at IS NULL AND p.unit_id <> s.unit_id
           JOIN unit ru ON ru.id = p.unit_id
           JOIN unit su ON su.id = s.unit_id
           LEFT JOIN app_user a ON a.id = s.proposed_by
          WHERE s.status = 'pending' AND ($1::int[] IS NULL OR s.unit_id = ANY($1::int[]))
          ORDER BY s.proposed_at NULLS FIRST, p.id, s.unit_id
          LIMIT 500`,
        [scope],
      );
    return rows.map((r) => ({
      ...r,
      proposedAt: r.proposedAt ? new Date(r.proposedAt).toISOString() : null,
    }));
  }

  /** Names of units, for notices. */
  async unitNames(manager: EntityManager, unitIds: number[]): Promise<Map<number, string>> {
    const rows: Array<{ id: number; name: string }> = await manager.query(
      'SELECT id, name FROM unit WHERE id = ANY($1::int[])',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * The live project by id for a writer: its responsible unit must be in `scope` (null = any). Locks the row so
   * that events, funds and edits of one project queue up.
   */
  async lockForWrite(manager: EntityManager, id: number, scope: number[] | null): Promise<ProjectRow | null> {
    const rows = await manager.query(
      `SELECT id FROM project p WHERE p.id = $1 AND p.deleted_at IS NULL AND ($2::int[] IS NULL OR p.unit_id = ANY($2::int[]))
       FOR UPDATE`,
      [id, scope],
    );
    return rows.length ? this.findRow(id, null, manager) : null;
  }

  /** The live project by id if the caller may read it (responsible or credited unit in scope). */
  async findRow(id: number, scope: number[] | null, manager?: EntityManager): Promise<ProjectRow | null> {
    const rows: RawProject[] = await this.q(manager).query(
      `SELECT ${PROJECT_COLUMNS} FROM project p JOIN unit u ON u.id = p.unit_id
        WHERE p.id = $1 AND p.deleted_at IS NULL AND ${READ_SCOPE(2)}`,
      [id, scope],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Sets investor_id where it is still empty; true when it was set. */
  async attachInvestor(manager: EntityManager, projectId: number, investorId: number): Promise<boolean> {
    const result = await manager.query(
      `UPDATE project SET investor_id = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND investor_id IS NULL AND deleted_at IS NULL`,
      [projectId, investorId],
    );
    return affectedRows(result) > 0;
  }

  /** Live projects of a company, each with how it matched: investor_id, else credit code, else the investor key. */
  async listForInvestor(investor: { id: number; name: string; creditCode: string | null }): Promise<InvestorProjectRow[]> {
    return this.dataSource.query(
      `SELECT p.id, p.code, p.name, p.unit_id AS "unitId", u.name AS "unitName", p.stage,
              trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan",
              CASE WHEN p.investor_id = $1 THEN 'investorId'
                   WHEN $2::text IS NOT NULL AND p.investor_credit_code = $2::text THEN 'creditCode' ELSE 'name' END AS "matchedBy"
         FROM project p JOIN unit u ON u.id = p.unit_id
        WHERE p.deleted_at IS NULL
          AND (p.investor_id = $1
               OR (p.investor_id IS NULL AND $2::text IS NOT NULL AND p.investor_credit_code = $2::text)
               OR (p.investor_id IS NULL AND (p.investor_credit_code IS NULL OR $2::text IS NULL)
                   AND project_investor_key(p.investor_name) = project_investor_key($3::text)))
        ORDER BY p.signed_date DESC NULLS LAST, p.id DESC`,
      [investor.id, investor.creditCode, investor.name],
    );
  }

  async list(
    query: ProjectsQuery,
    scope: number[] | null,
    rootUnitId: number | null,
  ): Promise<Page<ProjectRow>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [scope];
    const where = ['p.deleted_at IS NULL', READ_SCOPE(1)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    // a unit's subtree: the responsible or any credited unit lies in it
    const inSubtree = (n: string) =>
      `(p.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${n})
        OR EXISTS (SELECT 1 FROM project_share ts JOIN unit_closure tc ON tc.descendant_id = ts.unit_id
                    WHERE ts.project_id = p.id AND tc.ancestor_id = ${n}))`;
    if (rootUnitId !== null) add(inSubtree, rootUnitId);
    if (query.unitId) add(inSubtree, query.unitId);
    if (query.stage) add((n) => `p.stage = ${n}`, query.stage);
    if (query.minAgreedWan) add((n) => `p.agreed_investment_wan >= ${n}::numeric`, query.minAgreedWan);
    if (query.maxAgreedWan) add((n) => `p.agreed_investment_wan < ${n}::numeric`, query.maxAgreedWan);
    if (query.origin) add((n) => `p.origin = ${n}`, query.origin);
    if (query.industryChain) add((n) => `p.industry_chain = ${n}`, query.industryChain);
    if (query.q) {
      add(
        (n) =>
          `(p.name ILIKE ${n} ESCAPE '\\' OR p.investor_name ILIKE ${n} ESCAPE '\\' OR p.code ILIKE ${n} ESCAPE '\\')`,
        likePattern(query.q),
      );
    }
    const clause = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM project p WHERE ${clause}`,
      params,
    );
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const sortColumn = SORT_COLUMNS[query.sort ?? 'updatedAt'];
    const rows: RawProject[] = await this.dataSource.query(
      `SELECT ${PROJECT_COLUMNS} FROM project p JOIN unit u ON u.id = p.unit_id WHERE ${clause}
        ORDER BY ${sortColumn} ${direction} NULLS LAST, p.id ${direction}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toRow), total, page, pageSize };
  }

  /**
   * Live projects in any unit and year with the same credit code, or the same investor key (case- and
   * space-insensitive) and, when an amount is given, an amount within the tolerance; the name test is done by the caller.
   */
  async findDuplicateSources(
    probe: DuplicateProbe,
    excludeId: number | null,
    tolerance: string,
    manager?: EntityManager,
  ): Promise<DuplicateSource[]> {
    const investor = probe.investorName && probe.name ? probe.investorName : null;
    const creditCode = probe.investorCreditCode || null;
    if (!investor && !creditCode) return [];
    return this.q(manager).query(
      `SELECT p.id AS "projectId", p.code, p.name, p.investor_name AS "investorName",
              p.investor_credit_code AS "investorCreditCode", p.unit_id AS "unitId", u.name AS "unitName",
              trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan", p.signed_date AS "signedDate",
              p.stage, p.dropped_date AS "droppedDate"
         FROM project p JOIN unit u ON u.id = p.unit_id
        WHERE p.deleted_at IS NULL AND p.id <> coalesce($1::int, 0)
          AND ((p.investor_credit_code = $2::text)
               OR (project_investor_key(p.investor_name) = project_investor_key($3::text)
                   AND ($4::numeric IS NULL
                        OR abs(p.agreed_investment_wan - $4::numeric) <= greatest(p.agreed_investment_wan, $4::numeric) * $5::numeric)))
        ORDER BY p.id DESC
        LIMIT 200`,
      [excludeId, creditCode, investor, probe.agreedInvestmentWan || null, tolerance],
    );
  }

  /** Live projects whose (unit, name, investor) match one of the keys (spaces collapsed), locked for the write. */
  async lockByNaturalKeys(
    manager: EntityManager,
    keys: ReadonlyArray<{ unitId: number; name: string; investorName: string }>,
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

  /** As many fresh ids as asked, ascending (a batch's creates take them in order, as one create after another would). */
  async nextIds(manager: EntityManager, count: number): Promise<number[]> {
    if (count === 0) return [];
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT nextval('project_id_seq')::int AS id FROM generate_series(1, $1::int)`,
      [count],
    );
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  /** Many new projects in one statement (a batch's creates): the same columns `insert` writes. */
  async insertMany(
    manager: EntityManager,
    projects: ReadonlyArray<ProjectFields & { id: number; code: string; stage: StageState; userId: number }>,
  ): Promise<void> {
    if (projects.length === 0) return;
    const fields = Object.keys(FIELD_COLUMNS) as Array<keyof ProjectFields>;
    const stageKeys = Object.keys(STAGE_COLUMNS) as Array<keyof typeof STAGE_COLUMNS>;
    const rows = projects.map((p) => ({
      id: p.id,
      code: p.code,
      stage: p.stage.stage,
      user_id: p.userId,
      ...Object.fromEntries(fields.map((f) => [FIELD_COLUMNS[f], p[f]])),
      ...Object.fromEntries(stageKeys.map((k) => [STAGE_COLUMNS[k], p.stage.dates[k]])),
    }));
    const columns = [
      'id',
      'code',
      'stage',
      'created_by',
      'updated_by',
      ...fields.map((f) => FIELD_COLUMNS[f]),
      ...stageKeys.map((k) => STAGE_COLUMNS[k]),
    ];
    const record = [
      'id int',
      'code text',
      'stage text',
      'user_id int',
      ...fields.map((f) => `${FIELD_COLUMNS[f]} ${FIELD_TYPES[f]}`),
      ...stageKeys.map((k) => `${STAGE_COLUMNS[k]} date`),
    ];
    const selected = [
      't.id',
      't.code',
      't.stage',
      't.user_id',
      't.user_id',
      ...fields.map((f) => `t.${FIELD_COLUMNS[f]}`),
      ...stageKeys.map((k) => `t.${STAGE_COLUMNS[k]}`),
    ];
    await manager.query(
      `INSERT INTO project (${columns.join(', ')})
       SELECT ${selected.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS t(${record.join(', ')}) ORDER BY t.id`,
      [JSON.stringify(rows)],
    );
  }

  /** The share rows of many new projects in one statement (no stored rows to replace). */
  async insertSharesMany(
    manager: EntityManager,
    shares: ReadonlyArray<ShareWrite & { projectId: number }>,
  ): Promise<void> {
    if (shares.length === 0) return;
    await manager.query(
      `INSERT INTO project_share (project_id, unit_id, share_pct, status, proposed_by, proposed_at, decided_by,
                                  decided_at, decline_reason)
       SELECT j, u, p::numeric, st, pb, pa, db, da, dr
         FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::int[],
                     $8::timestamptz[], $9::text[]) AS t(j, u, p, st, pb, pa, db, da, dr)`,
      [
        shares.map((s) => s.projectId),
        shares.map((s) => s.unitId),
        shares.map((s) => s.sharePct),
        shares.map((s) => s.status),
        shares.map((s) => s.proposedBy),
        shares.map((s) => s.proposedAt),
        shares.map((s) => s.decidedBy),
        shares.map((s) => s.decidedAt),
        shares.map((s) => s.declineReason),
      ],
    );
  }

  /**
   * Locks the live projects among `ids` whose responsible unit is in `scope` (null = any), in id order, and answers
   * them as rows (a batch's updates read their `before` here).
   */
  async lockManyForWrite(
    manager: EntityManager,
    ids: readonly number[],
    scope: number[] | null,
  ): Promise<ProjectRow[]> {
    if (ids.length === 0) return [];
    await manager.query(
      `SELECT id FROM project p WHERE p.id = ANY($1::int[]) AND p.deleted_at IS NULL
          AND ($2::int[] IS NULL OR p.unit_id = ANY($2::int[]))
        ORDER BY p.id FOR UPDATE`,
      [ids, scope],
    );
    return this.findRows(manager, ids, scope, true);
  }

  /** Live projects by id as rows (their responsible unit in `scope` when `isWriteScope`), in id order. */
  async findRows(
    manager: EntityManager,
    ids: readonly number[],
    scope: number[] | null = null,
    isWriteScope = false,
  ): Promise<ProjectRow[]> {
    if (ids.length === 0) return [];
    const rows: RawProject[] = await manager.query(
      `SELECT ${PROJECT_COLUMNS} FROM project p JOIN unit u ON u.id = p.unit_id
        WHERE p.id = ANY($1::int[]) AND p.deleted_at IS NULL
          AND ${isWriteScope ? '($2::int[] IS NULL OR p.unit_id = ANY($2::int[]))' : READ_SCOPE(2)}
        ORDER BY p.id`,
      [ids, scope],
    );
    return rows.map(toRow);
  }

  /**
   * Field changes of many projects in one statement, each only the keys of its own patch, each where its version
   * still matches (as `updateFields`, one version step each). Answers how many rows were updated.
   */
  async updateFieldsMany(
    manager: EntityManager,
    updates: ReadonlyArray<{ id: number; version: number; patch: Partial<ProjectFields> }>,
    userId: number,
  ): Promise<number> {
    if (updates.length === 0) return 0;
    const fields = Object.keys(FIELD_COLUMNS) as Array<keyof ProjectFields>;
    const rows = updates.map((u) => ({
      id: u.id,
      version: u.version,
      keys: Object.keys(u.patch).filter((k) => k in FIELD_COLUMNS),
      ...Object.fromEntries(
        (Object.keys(u.patch) as Array<keyof ProjectFields>)
          .filter((k) => k in FIELD_COLUMNS)
          .map((k) => [FIELD_COLUMNS[k], u.patch[k]]),
      ),
    }));
    const sets = fields.map(
      (f) =>
        `${FIELD_COLUMNS[f]} = CASE WHEN '${f}' = ANY(t.keys) THEN t.${FIELD_COLUMNS[f]} ELSE p.${FIELD_COLUMNS[f]} END`,
    );
    const record = [
      'id int',
      'version int',
      'keys text[]',
      ...fields.map((f) => `${FIELD_COLUMNS[f]} ${FIELD_TYPES[f]}`),
    ];
    const result = await manager.query(
      `UPDATE project p SET ${[...sets, 'updated_by = $2', 'updated_at = now()', 'version = p.version + 1'].join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS t(${record.join(', ')})
        WHERE p.id = t.id AND p.version = t.version AND p.deleted_at IS NULL`,
      [JSON.stringify(rows), userId],
    );
    return affectedRows(result);
  }

  /** The stage and every stage date of many locked projects in one statement (as `updateStage`, one version step each). */
  async updateStageMany(
    manager: EntityManager,
    updates: ReadonlyArray<{ id: number; state: StageState }>,
    userId: number,
  ): Promise<void> {
    if (updates.length === 0) return;
    const keys = Object.keys(STAGE_COLUMNS) as Array<keyof typeof STAGE_COLUMNS>;
    const rows = updates.map((u) => ({
      id: u.id,
      stage: u.state.stage,
      ...Object.fromEntries(keys.map((k) => [STAGE_COLUMNS[k], u.state.dates[k]])),
    }));
    await manager.query(
      `UPDATE project p SET stage = t.stage, updated_by = $2, updated_at = now(), version = p.version + 1,
              ${keys.map((k) => `${STAGE_COLUMNS[k]} = t.${STAGE_COLUMNS[k]}`).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS t(id int, stage text, ${keys.map((k) => `${STAGE_COLUMNS[k]} date`).join(', ')})
        WHERE p.id = t.id`,
      [JSON.stringify(rows), userId],
    );
  }

  /** Which of these units exist, and whether they are active. */
  async unitStates(manager: EntityManager, unitIds: number[]): Promise<Map<number, boolean>> {
    const rows: Array<{ id: number; isActive: boolean }> = await manager.query(
      'SELECT id, is_active AS "isActive" FROM unit WHERE id = ANY($1::int[])',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.isActive]));
  }
}
