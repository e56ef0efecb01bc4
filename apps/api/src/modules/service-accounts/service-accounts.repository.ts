import { Injectable } from '@nestjs/common';
import type { Permission, ServiceAccountRow, ServiceAccountStatus, UserUnitRef } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows, returnedRows } from '../../common/database/query-result';

/** What the guard needs of a key's account: read in one statement per request. */
export interface ServiceAccountAuthRecord {
  id: number;
  userId: number;
  name: string;
  keyPrefix: string;
  permissions: Permission[];
  isExpired: boolean;
  isRevoked: boolean;
  unitIds: number[];
  /** The bound units and their descendants (the unit tree's closure), as for a reporter. */
  scopeUnitIds: number[];
}

interface ServiceAccountDbRow {
  id: number;
  name: string;
  keyPrefix: string;
  permissions: Permission[];
  expiresAt: Date;
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
  isExpired: boolean;
  units: UserUnitRef[];
}

const ROW_SQL = `
  SELECT s.id, s.name, s.key_prefix AS "keyPrefix", s.permissions, s.expires_at AS "expiresAt",
         s.created_at AS "createdAt", cu.display_name AS "createdBy", s.revoked_at AS "revokedAt",
         ru.display_name AS "revokedBy", s.last_used_at AS "lastUsedAt", s.expires_at <= now() AS "isExpired",
         coalesce((SELECT json_agg(json_build_object('id', un.id, 'code', un.code, 'name', un.name)
                                   ORDER BY un.sort_order, un.id)
                     FROM service_account_unit su JOIN unit un ON un.id = su.unit_id
                    WHERE su.service_account_id = s.id), '[]'::json) AS units
    FROM service_account s
    LEFT JOIN app_user cu ON cu.id = s.created_by
    LEFT JOIN app_user ru ON ru.id = s.revoked_by`;

function toRow(r: ServiceAccountDbRow): ServiceAccountRow {
  const status: ServiceAccountStatus = r.revokedAt ? 'revoked' : r.isExpired ? 'expired' : 'active';
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    name: r.name,
    keyPrefix: r.keyPrefix,
    units: r.units,
    permissions: r.permissions,
    expiresAt: new Date(r.expiresAt).toISOString(),
    createdAt: new Date(r.createdAt).toISOString(),
    createdBy: r.createdBy,
    revokedAt: iso(r.revokedAt),
    revokedBy: r.revokedBy,
    lastUsedAt: iso(r.lastUsedAt),
    status,
  };
}

/** The only writer of `service_account` and `service_account_unit`. */
@Injectable()
export class ServiceAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listRows(): Promise<ServiceAccountRow[]> {
    const rows: ServiceAccountDbRow[] = await this.dataSource.query(
      `${ROW_SQL} ORDER BY (s.revoked_at IS NULL) DESC, s.id DESC`,
    );
    return rows.map(toRow);
  }

  async findRow(id: number, manager?: EntityManager): Promise<ServiceAccountRow | null> {
    const rows: ServiceAccountDbRow[] = await (manager ?? this.dataSource.manager).query(`${ROW_SQL} WHERE s.id = $1`, [
      id,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Active units among `unitIds` (a service account acts for active units only). */
  async activeUnitIds(unitIds: number[], manager: EntityManager): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      'SELECT id FROM unit WHERE id = ANY($1::int[]) AND is_active ORDER BY id',
      [unitIds],
    );
    return rows.map((r) => r.id);
  }

  async isNameTaken(name: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(
      'SELECT 1 FROM service_account WHERE lower(name) = lower($1) AND revoked_at IS NULL',
      [name],
    );
    return rows.length > 0;
  }

  /** The account and its units; its backing user comes from UsersService (the users module owns app_user). */
  async insert(
    manager: EntityManager,
    account: {
      userId: number;
      name: string;
      keyHash: string;
      keyPrefix: string;
      permissions: Permission[];
      unitIds: number[];
      expiresAt: string;
      createdBy: number;
    },
  ): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO service_account (user_id, name, key_hash, key_prefix, permissions, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5::text[], $6::timestamptz, $7) RETURNING id`,
      [account.userId, account.name, account.keyHash, account.keyPrefix, account.permissions, account.expiresAt, account.createdBy],
    );
    await manager.query(
      'INSERT INTO service_account_unit (service_account_id, unit_id) SELECT $1, unnest($2::int[])',
      [row.id, account.unitIds],
    );
    return row.id;
  }

  /** Revokes an active account; false when it does not exist or is revoked already. */
  async revoke(manager: EntityManager, id: number, revokedBy: number): Promise<boolean> {
    const result = await manager.query(
      'UPDATE service_account SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL',
      [id, revokedBy],
    );
    return affectedRows(result) === 1;
  }

  async exists(id: number, manager: EntityManager): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM service_account WHERE id = $1 FOR UPDATE', [id])).length > 0;
  }

  /** One statement: the account of a key hash, its state and its unit scope. */
  async findByKeyHash(keyHash: string): Promise<ServiceAccountAuthRecord | null> {
    const rows: ServiceAccountAuthRecord[] = await this.dataSource.query(
      `SELECT s.id, s.user_id AS "userId", s.name, s.key_prefix AS "keyPrefix", s.permissions,
              s.expires_at <= now() AS "isExpired", s.revoked_at IS NOT NULL AS "isRevoked",
              coalesce((SELECT array_agg(su.unit_id ORDER BY su.unit_id) FROM service_account_unit su
                         WHERE su.service_account_id = s.id), '{}') AS "unitIds",
              coalesce((SELECT array_agg(DISTINCT c.descendant_id) FROM service_account_unit su
                          JOIN unit_closure c ON c.ancestor_id = su.unit_id
                         WHERE su.service_account_id = s.id), '{}') AS "scopeUnitIds"
         FROM service_account s WHERE s.key_hash = $1`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Records one authenticated request: `last_used_at` (kept to the minute) and, for a read, the read counter (one
   * small UPDATE of the account's row per request). Answers the reads to audit now — the counter, reset — once the last
   * aggregated read event is `readAuditMinutes` old (or there was none), else null.
   */
  async recordUse(
    manager: EntityManager,
    id: number,
    isRead: boolean,
    readAuditMinutes: number,
  ): Promise<{ readsToAudit: number | null }> {
    const result = await manager.query(
      `WITH cur AS (SELECT reads_unaudited + $2::int AS reads,
                           reads_audited_at IS NULL OR reads_audited_at <= now() - make_interval(mins => $3) AS due
                      FROM service_account WHERE id = $1 FOR UPDATE)
       UPDATE service_account s
          SET last_used_at = CASE WHEN s.last_used_at IS NULL OR s.last_used_at < now() - interval '1 minute'
                                  THEN now() ELSE s.last_used_at END,
              reads_unaudited = CASE WHEN cur.due AND cur.reads > 0 THEN 0 ELSE cur.reads END,
              reads_audited_at = CASE WHEN cur.due AND cur.reads > 0 THEN now() ELSE s.reads_audited_at END
         FROM cur WHERE s.id = $1
       RETURNING CASE WHEN cur.due AND cur.reads > 0 THEN cur.reads END AS "readsToAudit"`,
      [id, isRead ? 1 : 0, readAuditMinutes],
    );
    const [row] = returnedRows<{ readsToAudit: number | null }>(result);
    return { readsToAudit: row?.readsToAudit ?? null };
  }
}
