import { Injectable } from '@nestjs/common';
import type {
  ChainDetail,
  ChainMapActivity,
  ChainMapLead,
  ChainMapProject,
  ChainMapTarget,
  ChainSegment,
  ChainSummary,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';
import { projectVisibleSql } from '../../common/sql/visibility.sql';

/** A timestamptz as the JSON text toISOString writes. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A project of chain `c` (alias of industry_chain): on one of its live links, or on no link with the chain's name as
 * its industry_chain text (未归链环节). Deleted and dropped projects are not the county's.
 */
const CHAIN_PROJECT = (p: string, c: string) => `${p}.deleted_at IS NULL AND ${p}.stage <> 'dropped' AND (
  ${p}.chain_link_id IN (SELECT cl.id FROM chain_link cl WHERE cl.chain_id = ${c}.id AND cl.removed_at IS NULL)
  OR (${p}.chain_link_id IS NULL AND ${p}.industry_chain = ${c}.name))`;

const SUMMARY_COLUMNS = `c.id, c.name, c.description, c.leader_name AS "leaderName", c.leader_title AS "leaderTitle",
  c.lead_unit_id AS "leadUnitId", lu.name AS "leadUnitName", c.task_force_unit_id AS "taskForceUnitId",
  tu.name AS "taskForceUnitName", c.sort_order AS "sortOrder", c.version, ${iso('c.updated_at')} AS "updatedAt",
  EXISTS (SELECT 1 FROM plan pl WHERE pl.status <> 'closed' AND c.name = ANY(pl.industry_chains)) AS "isPlanChain",
  (SELECT count(*) FROM project p WHERE ${CHAIN_PROJECT('p', 'c')})::int AS "projectCount",
  (SELECT count(*) FROM project p WHERE ${CHAIN_PROJECT('p', 'c')} AND p.chain_link_id IS NULL)::int AS "unlinkedProjectCount",
  (SELECT count(*) FROM chain_target_company t JOIN chain_link tl ON tl.id = t.link_id AND tl.removed_at IS NULL
    WHERE tl.chain_id = c.id)::int AS "targetCount"`;

const LINK_REFS = `(SELECT coalesce(json_agg(json_build_object('id', l.id, 'chainId', l.chain_id, 'chainName', c.name,
    'segment', l.segment, 'name', l.name) ORDER BY l.sort_order, l.id), '[]'::json)
  FROM chain_link l WHERE l.chain_id = c.id AND l.removed_at IS NULL) AS links`;

const LINK_DETAILS = `(SELECT coalesce(json_agg(json_build_object('id', l.id, 'chainId', l.chain_id, 'chainName', c.name,
    'segment', l.segment, 'name', l.name, 'description', l.description, 'sortOrder', l.sort_order,
    'targets', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'companyName', t.company_name,
                  'investorId', t.investor_id, 'note', t.note) ORDER BY t.sort_order, t.id), '[]'::json)
                FROM chain_target_company t WHERE t.link_id = l.id)) ORDER BY l.sort_order, l.id), '[]'::json)
  FROM chain_link l WHERE l.chain_id = c.id AND l.removed_at IS NULL) AS links`;

const FROM_CHAIN = `FROM industry_chain c LEFT JOIN unit lu ON lu.id = c.lead_unit_id LEFT JOIN unit tu ON tu.id = c.task_force_unit_id`;

/** The columns a create or an update writes (names fixed here, never from a request). */
export interface ChainFields {
  name: string;
  description: string | null;
  leaderName: string | null;
  leaderTitle: string | null;
  leadUnitId: number | null;
  taskForceUnitId: number | null;
  sortOrder: number;
}

export interface StoredLink {
  id: number;
  segment: ChainSegment;
  name: string;
  description: string | null;
  sortOrder: number;
  isRemoved: boolean;
}

export interface StoredTarget {
  id: number;
  investorId: number | null;
  companyName: string;
  note: string | null;
  sortOrder: number;
}

/** Projects of one stage bucket on one link (null = on no link), summed in SQL. */
export interface LinkStageRow {
  linkId: number | null;
  bucket: 'producing' | 'started' | 'signed' | 'negotiating';
  count: number;
  agreedWan: string;
  fundsWan: string;
}

/** One chain's line in the 通报 (万元 as decimal strings). */
export interface ChainBriefingRow {
  id: number;
  name: string;
  signedMonth: number;
  signedMonthWan: string;
  signedYear: number;
  signedYearWan: string;
  startedMonth: number;
  startedYear: number;
  fundsMonthWan: string;
  fundsYearWan: string;
  leadsNegotiating: number;
  gaps: string[];
}

export interface LinkLeadRow {
  linkId: number;
  negotiating: number;
  open: number;
}

/** The chains' tables: industry_chain, chain_link, chain_target_company; and the map's reads of the ledger and leads. */
@Injectable()
export class ChainsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listLive(): Promise<ChainSummary[]> {
    return this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, ${LINK_REFS} ${FROM_CHAIN} WHERE c.removed_at IS NULL ORDER BY c.sort_order, c.id`,
    );
  }

  /** Industry chains of the plans that are not closed that no live chain carries, in the plans' order. */
  async planChainsWithoutChain(): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT x.name FROM (
         SELECT DISTINCT ON (u.name) u.name, pl.id AS plan_id, u.ord
           FROM plan pl CROSS JOIN LATERAL unnest(pl.industry_chains) WITH ORDINALITY AS u(name, ord)
          WHERE pl.status <> 'closed'
          ORDER BY u.name, pl.id, u.ord) x
        WHERE NOT EXISTS (SELECT 1 FROM industry_chain c WHERE c.removed_at IS NULL AND c.name = x.name)
        ORDER BY x.plan_id, x.ord`,
    );
    return rows.map((r) => r.name);
  }

  async findDetail(id: number, manager?: EntityManager): Promise<ChainDetail | null> {
    const rows: ChainDetail[] = await (manager ?? this.dataSource).query(
      `SELECT ${SUMMARY_COLUMNS}, ${LINK_DETAILS}, ${iso('c.removed_at')} AS "removedAt", c.removed_reason AS "removedReason"
         ${FROM_CHAIN} WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Locks the chain row for a writer; answers whether it is removed, or null when there is none. */
  async lock(manager: EntityManager, id: number): Promise<{ isRemoved: boolean; name: string } | null> {
    const rows: Array<{ isRemoved: boolean; name: string }> = await manager.query(
      `SELECT removed_at IS NOT NULL AS "isRemoved", name FROM industry_chain WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async nameTaken(manager: EntityManager, name: string, exceptId: number | null): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM industry_chain WHERE removed_at IS NULL AND name = $1 AND id IS DISTINCT FROM $2`,
      [name, exceptId],
    );
    return rows.length > 0;
  }

  async activeUnitExists(manager: EntityManager, unitId: number): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM unit WHERE id = $1 AND is_active`, [unitId]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, f: ChainFields, userId: number | null): Promise<number> {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO industry_chain (name, description, leader_name, leader_title, lead_unit_id, task_force_unit_id,
                                   sort_order, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
      [f.name, f.description, f.leaderName, f.leaderTitle, f.leadUnitId, f.taskForceUnitId, f.sortOrder, userId],
    );
    return rows[0]!.id;
  }

  /** Writes the fields when `version` is current and bumps it; false when it is stale. */
  async update(manager: EntityManager, id: number, version: number, f: ChainFields, userId: number | null): Promise<boolean> {
    const result = await manager.query(
      `UPDATE industry_chain SET name = $3, description = $4, leader_name = $5, leader_title = $6, lead_unit_id = $7,
              task_force_unit_id = $8, sort_order = $9, updated_by = $10, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 AND removed_at IS NULL`,
      [id, version, f.name, f.description, f.leaderName, f.leaderTitle, f.leadUnitId, f.taskForceUnitId, f.sortOrder, userId],
    );
    return affectedRows(result) === 1;
  }

  async remove(manager: EntityManager, id: number, version: number, reason: string, userId: number | null): Promise<boolean> {
    const result = await manager.query(
      `UPDATE industry_chain SET removed_at = now(), removed_reason = $3, updated_by = $4, updated_at = now(),
              version = version + 1
        WHERE id = $1 AND version = $2 AND removed_at IS NULL`,
      [id, version, reason, userId],
    );
    return affectedRows(result) === 1;
  }

  /** Live projects, leads and activities of the chain (what its removal would orphan). */
  async chainUsage(manager: EntityManager, id: number): Promise<{ projects: number; leads: number; activities: number }> {
    const rows = await manager.query(
      `SELECT (SELECT count(*) FROM project p WHERE p.deleted_at IS NULL AND p.chain_link_id IN
                 (SELECT l.id FROM chain_link l WHERE l.chain_id = c.id))::int AS projects,
              (SELECT count(*) FROM lead d WHERE d.chain_link_id IN
                 (SELECT l.id FROM chain_link l WHERE l.chain_id = c.id))::int AS leads,
              (SELECT count(*) FROM activity a WHERE a.removed_at IS NULL AND a.chain_id = c.id)::int AS activities
         FROM industry_chain c WHERE c.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Every link of the chain, removed ones included (a name comes back by reviving its link). */
  async links(manager: EntityManager, chainId: number): Promise<StoredLink[]> {
    return manager.query(
      `SELECT id, segment, name, description, sort_order AS "sortOrder", removed_at IS NOT NULL AS "isRemoved"
         FROM chain_link WHERE chain_id = $1 ORDER BY sort_order, id FOR UPDATE`,
      [chainId],
    );
  }

  /** Live projects and leads on each of the links. */
  async linkUsage(manager: EntityManager, linkIds: number[]): Promise<Map<number, { projects: number; leads: number }>> {
    const rows: Array<{ id: number; projects: number; leads: number }> = await manager.query(
      `SELECT l.id,
              (SELECT count(*) FROM project p WHERE p.chain_link_id = l.id AND p.deleted_at IS NULL)::int AS projects,
              (SELECT count(*) FROM lead d WHERE d.chain_link_id = l.id)::int AS leads
         FROM chain_link l WHERE l.id = ANY($1::int[])`,
      [linkIds],
    );
    return new Map(rows.map((r) => [r.id, { projects: r.projects, leads: r.leads }]));
  }

  async insertLink(
    manager: EntityManager,
    chainId: number,
    l: { segment: ChainSegment; name: string; description: string | null; sortOrder: number },
  ): Promise<number> {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO chain_link (chain_id, segment, name, description, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [chainId, l.segment, l.name, l.description, l.sortOrder],
    );
    return rows[0]!.id;
  }

  /** Writes a link (and brings a removed one back). */
  async updateLink(
    manager: EntityManager,
    id: number,
    l: { segment: ChainSegment; name: string; description: string | null; sortOrder: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE chain_link SET segment = $2, name = $3, description = $4, sort_order = $5, removed_at = NULL WHERE id = $1`,
      [id, l.segment, l.name, l.description, l.sortOrder],
    );
  }

  /** Frees the names of links about to be renamed onto each other (the unique (chain, name) is not deferrable). */
  async parkLinkNames(manager: EntityManager, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE chain_link SET name = '~' || id::text WHERE id = ANY($1::int[])`, [ids]);
  }

  async restoreLinkNames(manager: EntityManager, links: Array<{ id: number; name: string }>): Promise<void> {
    if (links.length === 0) return;
    await manager.query(
      `UPDATE chain_link l SET name = r.name FROM jsonb_to_recordset($1::jsonb) AS r(id int, name text) WHERE l.id = r.id`,
      [JSON.stringify(links)],
    );
  }

  async removeLinks(manager: EntityManager, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE chain_link SET removed_at = now() WHERE id = ANY($1::int[]) AND removed_at IS NULL`, [ids]);
  }

  async targets(manager: EntityManager, linkId: number): Promise<StoredTarget[]> {
    return manager.query(
      `SELECT id, investor_id AS "investorId", company_name AS "companyName", note, sort_order AS "sortOrder"
         FROM chain_target_company WHERE link_id = $1 ORDER BY sort_order, id`,
      [linkId],
    );
  }

  /**
   * The link's target list becomes `rows` (in order): a company already there keeps its row (note and order
   * rewritten), the others are inserted, and rows of companies no longer listed are deleted (the audit event of the
   * chain keeps the list before and after).
   */
  async replaceTargets(
    manager: EntityManager,
    linkId: number,
    rows: Array<{ investorId: number; companyName: string; note: string | null }>,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM chain_target_company WHERE link_id = $1 AND (investor_id IS NULL OR investor_id <> ALL($2::int[]))`,
      [linkId, rows.map((r) => r.investorId)],
    );
    await manager.query(
      `INSERT INTO chain_target_company (link_id, company_name, investor_id, note, sort_order)
       SELECT $1, r.company_name, r.investor_id, r.note, r.ord::int
         FROM jsonb_to_recordset($2::jsonb) AS r(company_name text, investor_id int, note text, ord int)
        WHERE NOT EXISTS (SELECT 1 FROM chain_target_company t WHERE t.link_id = $1 AND t.investor_id = r.investor_id)`,
      [linkId, JSON.stringify(rows.map((r, i) => ({ company_name: r.companyName, investor_id: r.investorId, note: r.note, ord: i })))],
    );
    await manager.query(
      `UPDATE chain_target_company t SET note = r.note, sort_order = r.ord
         FROM jsonb_to_recordset($2::jsonb) AS r(investor_id int, note text, ord int)
        WHERE t.link_id = $1 AND t.investor_id = r.investor_id`,
      [linkId, JSON.stringify(rows.map((r, i) => ({ investor_id: r.investorId, note: r.note, ord: i })))],
    );
  }

  // ---------- the map ----------

  /** Projects of the chain per link and stage bucket: count, agreed investment, funds in place to date (every unit). */
  async stageFigures(chainId: number): Promise<LinkStageRow[]> {
    return this.dataSource.query(
      `SELECT p.chain_link_id AS "linkId",
              CASE WHEN p.stage IN ('producing', 'started', 'signed') THEN p.stage ELSE 'negotiating' END AS bucket,
              count(*)::int AS count,
              trim_scale(sum(p.agreed_investment_wan))::text AS "agreedWan",
              trim_scale(coalesce(sum(f.funds), 0))::text AS "fundsWan"
         FROM industry_chain c
         JOIN project p ON ${CHAIN_PROJECT('p', 'c')}
         LEFT JOIN (SELECT project_id, sum(amount_wan) AS funds FROM project_fund GROUP BY project_id) f
                ON f.project_id = p.id
        WHERE c.id = $1
        GROUP BY 1, 2`,
      [chainId],
    );
  }

  /** Leads per live link of the chain: 洽谈中, and 新线索 + 洽谈中 (every unit). */
  async leadFigures(chainId: number): Promise<LinkLeadRow[]> {
    return this.dataSource.query(
      `SELECT d.chain_link_id AS "linkId",
              count(*) FILTER (WHERE d.status = 'negotiating')::int AS negotiating,
              count(*) FILTER (WHERE d.status IN ('new', 'negotiating'))::int AS open
         FROM lead d JOIN chain_link l ON l.id = d.chain_link_id AND l.removed_at IS NULL
        WHERE l.chain_id = $1
        GROUP BY 1`,
      [chainId],
    );
  }

  /**
   * The target companies of the chain's live links, each with whether a lead (not shelved) or a live project (by 客商库
   * id, credit code or name ignoring case and spaces) already names the company.
   */
  async targetsWithState(chainId: number): Promise<Array<ChainMapTarget & { linkId: number }>> {
    const sameName = (a: string, b: string) =>
      `lower(regexp_replace(${a}, '\\s', '', 'g')) = lower(regexp_replace(${b}, '\\s', '', 'g'))`;
    return this.dataSource.query(
      `SELECT t.link_id AS "linkId", t.id, t.company_name AS "companyName", t.investor_id AS "investorId", t.note,
              EXISTS (SELECT 1 FROM lead d WHERE d.investor_id = t.investor_id AND d.status <> 'shelved') AS "hasLead",
              EXISTS (SELECT 1 FROM project p
                       WHERE p.deleted_at IS NULL AND p.stage <> 'dropped'
                         AND (p.investor_id = t.investor_id
                              OR (i.credit_code IS NOT NULL AND p.investor_credit_code = i.credit_code)
                              OR ${sameName('p.investor_name', 't.company_name')})) AS "hasProject"
         FROM chain_target_company t
         JOIN chain_link l ON l.id = t.link_id AND l.removed_at IS NULL
         LEFT JOIN investor i ON i.id = t.investor_id
        WHERE l.chain_id = $1
        ORDER BY t.sort_order, t.id`,
      [chainId],
    );
  }

  /** The chain's projects the caller may read (scope null = every unit), biggest first. */
  async projects(chainId: number, scope: number[] | null): Promise<ChainMapProject[]> {
    return this.dataSource.query(
      `SELECT p.id, p.code, p.name, p.investor_name AS "investorName", u.name AS "unitName", p.stage,
              trim_scale(p.agreed_investment_wan)::text AS "agreedInvestmentWan",
              trim_scale(coalesce((SELECT sum(f.amount_wan) FROM project_fund f WHERE f.project_id = p.id), 0))::text
                AS "fundsWan",
              p.signed_date AS "signedDate", p.chain_link_id AS "linkId"
         FROM industry_chain c
         JOIN project p ON ${CHAIN_PROJECT('p', 'c')}
         JOIN unit u ON u.id = p.unit_id
        WHERE c.id = $1 AND ${projectVisibleSql('p', '$2')}
        ORDER BY p.agreed_investment_wan DESC, p.id`,
      [chainId, scope],
    );
  }

  /** The leads on the chain's live links the caller may read (its unit in scope), newest activity first. */
  async leads(chainId: number, scope: number[] | null): Promise<ChainMapLead[]> {
    return this.dataSource.query(
      `SELECT d.id, d.code, d.title, i.name AS "investorName", u.name AS "unitName", d.status,
              trim_scale(d.intended_investment_wan)::text AS "intendedInvestmentWan",
              d.last_follow_up_on AS "lastFollowUpOn", d.chain_link_id AS "linkId"
         FROM lead d
         JOIN chain_link l ON l.id = d.chain_link_id AND l.removed_at IS NULL
         JOIN investor i ON i.id = d.investor_id
         JOIN unit u ON u.id = d.unit_id
        WHERE l.chain_id = $1 AND ($2::int[] IS NULL OR d.unit_id = ANY($2::int[]))
        ORDER BY d.status = 'shelved', coalesce(d.last_follow_up_on, d.found_on) DESC, d.id DESC`,
      [chainId, scope],
    );
  }

  /** The chain's live activities the caller may read (organised by, or joined by, a unit in scope), latest first. */
  async activities(chainId: number, scope: number[] | null): Promise<ChainMapActivity[]> {
    return this.dataSource.query(
      `SELECT a.id, a.code, a.title, a.kind, u.name AS "unitName", a.start_date AS "startDate", a.end_date AS "endDate",
              a.place
         FROM activity a JOIN unit u ON u.id = a.unit_id
        WHERE a.chain_id = $1 AND a.removed_at IS NULL
          AND ($2::int[] IS NULL OR a.unit_id = ANY($2::int[])
               OR EXISTS (SELECT 1 FROM activity_unit au WHERE au.activity_id = a.id AND au.unit_id = ANY($2::int[])))
        ORDER BY a.start_date DESC, a.id DESC`,
      [chainId, scope],
    );
  }

  /**
   * The 通报's 产业链 section: per live chain, its projects (of units in the plan's tree `rootUnitId`) signed and started
   * in the month and in the year to it (count and agreed investment), their funds in place in the month and the year,
   * its leads 洽谈中 of those units, and the names of its links with nothing (state 空白, every unit: the map's rule).
   */
  async briefingRows(rootUnitId: number, month: string): Promise<ChainBriefingRow[]> {
    const year = month.slice(0, 4);
    return this.dataSource.query(
      `WITH tree AS (SELECT descendant_id AS unit_id FROM unit_closure WHERE ancestor_id = $1),
       cp AS (
         SELECT c.id AS chain_id, p.id, p.signed_date, p.started_date, p.agreed_investment_wan
           FROM industry_chain c JOIN project p ON ${CHAIN_PROJECT('p', 'c')}
          WHERE c.removed_at IS NULL AND p.unit_id IN (SELECT unit_id FROM tree))
       SELECT c.id, c.name,
              (SELECT count(*) FROM cp WHERE cp.chain_id = c.id AND to_char(cp.signed_date, 'YYYY-MM') = $2)::int
                AS "signedMonth",
              trim_scale(coalesce((SELECT sum(cp.agreed_investment_wan) FROM cp
                WHERE cp.chain_id = c.id AND to_char(cp.signed_date, 'YYYY-MM') = $2), 0))::text AS "signedMonthWan",
              (SELECT count(*) FROM cp WHERE cp.chain_id = c.id AND to_char(cp.signed_date, 'YYYY-MM') BETWEEN $3 AND $2)::int
                AS "signedYear",
              trim_scale(coalesce((SELECT sum(cp.agreed_investment_wan) FROM cp
                WHERE cp.chain_id = c.id AND to_char(cp.signed_date, 'YYYY-MM') BETWEEN $3 AND $2), 0))::text AS "signedYearWan",
              (SELECT count(*) FROM cp WHERE cp.chain_id = c.id AND to_char(cp.started_date, 'YYYY-MM') = $2)::int
                AS "startedMonth",
              (SELECT count(*) FROM cp WHERE cp.chain_id = c.id AND to_char(cp.started_date, 'YYYY-MM') BETWEEN $3 AND $2)::int
                AS "startedYear",
              trim_scale(coalesce((SELECT sum(f.amount_wan) FROM project_fund f JOIN cp ON cp.id = f.project_id
                WHERE cp.chain_id = c.id AND f.month = $2), 0))::text AS "fundsMonthWan",
              trim_scale(coalesce((SELECT sum(f.amount_wan) FROM project_fund f JOIN cp ON cp.id = f.project_id
                WHERE cp.chain_id = c.id AND f.month BETWEEN $3 AND $2), 0))::text AS "fundsYearWan",
              (SELECT count(*) FROM lead d JOIN chain_link l ON l.id = d.chain_link_id AND l.removed_at IS NULL
                WHERE l.chain_id = c.id AND d.status = 'negotiating' AND d.unit_id IN (SELECT unit_id FROM tree))::int
                AS "leadsNegotiating",
              array(SELECT l.name FROM chain_link l
                     WHERE l.chain_id = c.id AND l.removed_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM project p WHERE p.chain_link_id = l.id
                                          AND p.deleted_at IS NULL AND p.stage <> 'dropped')
                       AND NOT EXISTS (SELECT 1 FROM lead d WHERE d.chain_link_id = l.id AND d.status = 'negotiating')
                     ORDER BY l.sort_order, l.id) AS gaps
         FROM industry_chain c
        WHERE c.removed_at IS NULL
        ORDER BY c.sort_order, c.id`,
      [rootUnitId, month, `${year}-01`],
    );
  }

  /** A live link with its chain's name, for a project's link (null when there is none). */
  async linkWithChain(manager: EntityManager, linkId: number): Promise<{ id: number; name: string; chainName: string } | null> {
    const rows = await manager.query(
      `SELECT l.id, l.name, c.name AS "chainName" FROM chain_link l JOIN industry_chain c ON c.id = l.chain_id
        WHERE l.id = $1 AND l.removed_at IS NULL AND c.removed_at IS NULL`,
      [linkId],
    );
    return rows[0] ?? null;
  }
}
