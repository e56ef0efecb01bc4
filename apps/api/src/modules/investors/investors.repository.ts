import { Injectable } from '@nestjs/common';
import type { InvestorContact, InvestorContactInput, InvestorListItem, InvestorRef, InvestorsQuery } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The stored company (without its leads and projects). */
export interface StoredInvestor {
  id: number;
  name: string;
  creditCode: string | null;
  origin: InvestorListItem['origin'];
  industry: string | null;
  address: string | null;
  fortune500Kind: 'world' | 'china' | 'china_private' | null;
  note: string | null;
  version: number;
  updatedAt: string;
}

const INVESTOR_COLUMNS = `i.id, i.name, i.credit_code AS "creditCode", i.origin, i.industry, i.address,
  i.fortune500_kind AS "fortune500Kind", i.note, i.version, ${iso('i.updated_at')} AS "updatedAt"`;

// live ledger projects matched to the company the way the company page matches them
const PROJECT_MATCH = `p.deleted_at IS NULL AND (p.investor_id = i.id
  OR (p.investor_id IS NULL AND i.credit_code IS NOT NULL AND p.investor_credit_code = i.credit_code)
  OR (p.investor_id IS NULL AND (p.investor_credit_code IS NULL OR i.credit_code IS NULL)
      AND project_investor_key(p.investor_name) = project_investor_key(i.name)))`;

/** SQL of the 客商库: companies and their contacts. */
@Injectable()
export class InvestorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async list(query: InvestorsQuery): Promise<{ items: InvestorListItem[]; total: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [query.q ?? null];
    const where = `($1::text IS NULL OR strpos(lower(i.name), lower($1)) > 0 OR strpos(i.credit_code, upper($1)) > 0)`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM investor i WHERE ${where}`, params);
    const items = await this.dataSource.query(
      `SELECT i.id, i.name, i.credit_code AS "creditCode", i.origin, i.industry, ${iso('i.updated_at')} AS "updatedAt",
              (SELECT count(*)::int FROM lead l WHERE l.investor_id = i.id) AS "leadCount",
              (SELECT count(*)::int FROM project p WHERE ${PROJECT_MATCH}) AS "projectCount"
         FROM investor i WHERE ${where}
        ORDER BY i.updated_at DESC, i.id DESC LIMIT $2 OFFSET $3`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items, total };
  }

  async find(id: number, manager?: EntityManager, lock = false): Promise<StoredInvestor | null> {
    const rows = await this.q(manager).query(
      `SELECT ${INVESTOR_COLUMNS} FROM investor i WHERE i.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listContacts(investorId: number, manager?: EntityManager): Promise<InvestorContact[]> {
    return this.q(manager).query(
      `SELECT id, name, title, phone, email, note FROM investor_contact WHERE investor_id = $1 ORDER BY id`,
      [investorId],
    );
  }

  /** Every company's name (the similarity check runs over them; a county's library is thousands at most). */
  async listNames(manager?: EntityManager): Promise<InvestorRef[]> {
    return this.q(manager).query(`SELECT id, name, credit_code AS "creditCode" FROM investor ORDER BY id LIMIT 20000`);
  }

  async replaceContacts(manager: EntityManager, investorId: number, contacts: readonly InvestorContactInput[]): Promise<void> {
    await manager.query(`DELETE FROM investor_contact WHERE investor_id = $1`, [investorId]);
    for (const c of contacts) {
      await manager.query(
        `INSERT INTO investor_contact (investor_id, name, title, phone, email, note) VALUES ($1, $2, $3, $4, $5, $6)`,
        [investorId, c.name.trim(), c.title || null, c.phone || null, c.email || null, c.note || null],
      );
    }
  }

  async addContacts(manager: EntityManager, investorId: number, contacts: readonly InvestorContactInput[]): Promise<void> {
    for (const c of contacts) {
      await manager.query(
        `INSERT INTO investor_contact (investor_id, name, title, phone, email, note) VALUES ($1, $2, $3, $4, $5, $6)`,
        [investorId, c.name.trim(), c.title || null, c.phone || null, c.email || null, c.note || null],
      );
    }
  }

  /** Fills the descriptive fields a new company was given (only those still empty: an existing company keeps its). */
  async fillEmpty(
    manager: EntityManager,
    id: number,
    f: { origin: string | null; industry: string | null; address: string | null; note: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE investor SET origin = coalesce(origin, $2), industry = coalesce(industry, $3), address = coalesce(address, $4),
              note = coalesce(note, $5) WHERE id = $1`,
      [id, f.origin, f.industry, f.address, f.note],
    );
  }

  async nameOrCodeTaken(manager: EntityManager, id: number, name: string, creditCode: string | null): Promise<'name' | 'creditCode' | null> {
    if (creditCode) {
      const rows = await manager.query(`SELECT 1 FROM investor WHERE credit_code = $1 AND id <> $2`, [creditCode, id]);
      if (rows.length > 0) return 'creditCode';
    } else {
      const rows = await manager.query(
        `SELECT 1 FROM investor WHERE credit_code IS NULL AND id <> $2
            AND lower(regexp_replace(name, '\\s', '', 'g')) = lower(regexp_replace($1, '\\s', '', 'g'))`,
        [name, id],
      );
      if (rows.length > 0) return 'name';
    }
    return null;
  }

  async update(
    manager: EntityManager,
    id: number,
    version: number,
    f: Omit<StoredInvestor, 'id' | 'version' | 'updatedAt' | 'fortune500Kind'>,
    userId: number | null,
  ): Promise<boolean> {
    const rows = returnedRows(await manager.query(
      `UPDATE investor SET name = $3, credit_code = $4, origin = $5, industry = $6, address = $7, note = $8,
              updated_by = $9, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, f.name, f.creditCode, f.origin, f.industry, f.address, f.note, userId],
    ));
    return rows.length > 0;
  }
}
