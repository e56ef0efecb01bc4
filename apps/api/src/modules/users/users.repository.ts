import { Injectable } from '@nestjs/common';
import type { Role, UserRow, UserUnitRef } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows, returnedRows } from '../../common/database/query-result';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  isActive: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  version: number;
}

/** The principal's data for one request: the user, bound units, and the units in scope. */
export interface PrincipalRecord {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  isActive: boolean;
  mustChangePassword: boolean;
  unitIds: number[];
  scopeUnitIds: number[];
  familyActive: boolean;
}

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.password_hash AS "passwordHash", u.roles,
  u.is_active AS "isActive", u.must_change_password AS "mustChangePassword", u.password_changed_at AS "passwordChangedAt",
  u.failed_logins AS "failedLogins", u.locked_until AS "lockedUntil", u.last_login_at AS "lastLoginAt", u.version`;

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async findByUsername(username: string, manager?: EntityManager): Promise<UserRecord | null> {
    const rows = await this.q(manager).query(`SELECT ${USER_COLUMNS} FROM app_user u WHERE lower(u.username) = lower($1) AND NOT u.is_service_account`, [
      username,
    ]);
    return rows[0] ?? null;
  }

  async findById(id: number, manager?: EntityManager, forUpdate = false): Promise<UserRecord | null> {
    const rows = await this.q(manager).query(
      `SELECT ${USER_COLUMNS} FROM app_user u WHERE u.id = $1 AND NOT u.is_service_account ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** One statement per request: the user, its units, the units in its scope, and whether its session family lives. */
  async loadPrincipal(userId: number, familyId: string | null, manager?: EntityManager): Promise<PrincipalRecord | null> {
    const rows = await this.q(manager).query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.is_active AS "isActive",
              u.must_change_password AS "mustChangePassword",
              coalesce((SELECT array_agg(uu.unit_id ORDER BY uu.unit_id) FROM user_unit uu WHERE uu.user_id = u.id), '{}') AS "unitIds",
              coalesce((SELECT array_agg(DISTINCT c.descendant_id) FROM user_unit uu
                          JOIN unit_closure c ON c.ancestor_id = uu.unit_id WHERE uu.user_id = u.id), '{}') AS "scopeUnitIds",
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = $2::uuid AND t.revoked_at IS NULL))
                AS "familyActive"
         FROM app_user u WHERE u.id = $1`,
      [userId, familyId],
    );
    return rows[0] ?? null;
  }

  async unitsOf(userIds: number[], manager?: EntityManager): Promise<Map<number, UserUnitRef[]>> {
    const rows: Array<{ userId: number } & UserUnitRef> = await this.q(manager).query(
      `SELECT uu.user_id AS "userId", un.id, un.code, un.name
         FROM user_unit uu JOIN unit un ON un.id = uu.unit_id
        WHERE uu.user_id = ANY($1) ORDER BY un.sort_order, un.id`,
      [userIds],
    );
    const map = new Map<number, UserUnitRef[]>();
    for (const r of rows) {
      const list = map.get(r.userId) ?? [];
      list.push({ id: r.id, code: r.code, name: r.name });
      map.set(r.userId, list);
    }
    return map;
  }

  async listRows(): Promise<UserRow[]> {
    const users: UserRecord[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM app_user u WHERE NOT u.is_service_account ORDER BY u.id`);
    const units = await this.unitsOf(users.map((u) => u.id));
    return users.map((u) => toUserRow(u, units.get(u.id) ?? []));
  }

  async insert(
    manager: EntityManager,
    user: { username: string; displayName: string; passwordHash: string; roles: Role[]; mustChangePassword: boolean },
  ): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, must_change_password)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [user.username, user.displayName, user.passwordHash, user.roles, user.mustChangePassword],
    );
    await manager.query('INSERT INTO password_history (user_id, password_hash) VALUES ($1, $2)', [
      rows[0].id,
      user.passwordHash,
    ]);
    return rows[0].id;
  }

  /** A service account's backing user (UsersService.createServiceAccountUser): no password, no units, inactive. */
  async insertServiceAccountUser(manager: EntityManager, username: string, displayName: string): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, is_active, is_service_account)
       VALUES ($1, $2, '!service-account', '{reporter}', false, true) RETURNING id`,
      [username, displayName],
    );
    return rows[0].id;
  }

  async setUnits(manager: EntityManager, userId: number, unitIds: number[]): Promise<void> {
    await manager.query('DELETE FROM user_unit WHERE user_id = $1', [userId]);
    if (unitIds.length > 0) {
      await manager.query('INSERT INTO user_unit (user_id, unit_id) SELECT $1, unnest($2::int[])', [userId, unitIds]);
    }
  }

  /** Optimistic update: answers false when the version is stale. */
  async updateProfile(
    manager: EntityManager,
    id: number,
    version: number,
    patch: { displayName?: string; roles?: Role[]; isActive?: boolean },
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE app_user SET display_name = coalesce($3, display_name), roles = coalesce($4, roles),
              is_active = coalesce($5, is_active), updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2`,
      [id, version, patch.displayName ?? null, patch.roles ?? null, patch.isActive ?? null],
    );
    return affectedRows(result) === 1;
  }

  async setPassword(manager: EntityManager, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
    await manager.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = $3, password_changed_at = now(),
              failed_logins = 0, locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, passwordHash, mustChange],
    );
    await manager.query('INSERT INTO password_history (user_id, password_hash) VALUES ($1, $2)', [id, passwordHash]);
  }

  async recentPasswordHashes(id: number, count: number, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ hash: string }> = await this.q(manager).query(
      'SELECT password_hash AS hash FROM password_history WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
      [id, count],
    );
    return rows.map((r) => r.hash);
  }

  /**
   * AUTH-2's expiry: a password changed more than `maxAgeDays` ago (0 = never) must be changed before anything else.
   * Answers when it was changed if this login found it expired (and set the change gate), else null.
   */
  async expirePassword(manager: EntityManager, id: number, maxAgeDays: number): Promise<string | null> {
    if (maxAgeDays === 0) return null;
    const rows: Array<{ changedAt: Date }> = await manager.query(
      // a SELECT over the UPDATE: TypeORM answers an UPDATE's rows as [rows, count]
      `WITH expired AS (
         UPDATE app_user SET must_change_password = true
          WHERE id = $1 AND NOT must_change_password AND password_changed_at < now() - make_interval(days => $2)
          RETURNING password_changed_at
       )
       SELECT password_changed_at AS "changedAt" FROM expired`,
      [id, maxAgeDays],
    );
    return rows[0] ? new Date(rows[0].changedAt).toISOString() : null;
  }

  async recordFailedLogin(manager: EntityManager, id: number, lockAfter: number, lockMinutes: number): Promise<Date | null> {
    const result = await manager.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1 RETURNING locked_until AS "lockedUntil"`,
      [id, lockAfter, lockMinutes],
    );
    return returnedRows<{ lockedUntil: Date | null }>(result)[0]?.lockedUntil ?? null;
  }

  async recordSuccessfulLogin(manager: EntityManager, id: number): Promise<void> {
    await manager.query(
      'UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
      [id],
    );
  }

  /**
   * Accounts whose roles break 三员分立 (AC-6): an administrator role (sysadmin, admin, auditor) with any other role.
   * Stored before the rule existed; the database now refuses a new one (migration 1765410000000) but keeps these.
   */
  async listRoleConflicts(manager?: EntityManager): Promise<Array<{ id: number; username: string; roles: Role[] }>> {
    return this.q(manager).query(
      `SELECT id, username, roles FROM app_user
        WHERE roles && ARRAY['sysadmin','admin','auditor']::text[] AND cardinality(roles) > 1 ORDER BY id`,
    );
  }

  async listActiveSysadminIds(manager?: EntityManager): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.q(manager).query(
      `SELECT id FROM app_user WHERE is_active AND 'sysadmin' = ANY(roles) ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }

  async count(): Promise<number> {
    const rows = await this.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    return rows[0].n;
  }
}

export function toUserRow(u: UserRecord, units: UserUnitRef[]): UserRow {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    units,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    lockedUntil: u.lockedUntil ? new Date(u.lockedUntil).toISOString() : null,
    version: u.version,
  };
}
