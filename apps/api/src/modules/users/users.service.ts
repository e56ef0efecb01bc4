import { randomBytes } from 'node:crypto';

import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type CreateUserRequest,
  type ResetPasswordRequest,
  type Role,
  roleConflict,
  type UpdateUserRequest,
  type UserRow,
  type UserUnitRef,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { assertPasswordPolicy } from '../../common/auth/password-policy';
import { hashPassword } from '../../common/auth/passwords';
import { ApiException } from '../../common/exceptions/api.exception';
import { AUTH_CONFIG, type AuthConfig } from '../../config/auth.config';
import { parseEnv } from '../../config/env.schema';
import { AuditService } from '../audit/audit.service';
import { rolesNotSeparated, selfChangeForbidden } from './users.errors';
import { AccountHooks } from './account-hooks.service';
import { type PrincipalRecord, toUserRow, type UserRecord, UsersRepository } from './users.repository';

const usernameTaken = () =>
  ApiException.field('username', 'taken', '用户名已存在', 'Username already taken', HttpStatus.CONFLICT);

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly hooks: AccountHooks,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /**
   * AUTH-1: the first administrator comes from PACER_ADMIN_USERNAME/PASSWORD when no user exists yet. It is a system
   * administrator only (三员分立, AC-6): it then creates the business administrator and the auditor.
   */
  async onApplicationBootstrap(): Promise<void> {
    const env = parseEnv(process.env);
    if (!env.PACER_ADMIN_USERNAME || !env.PACER_ADMIN_PASSWORD) return;
    if ((await this.users.count()) > 0) return;
    await this.dataSource.transaction(async (manager) => {
      const id = await this.users.insert(manager, {
        username: env.PACER_ADMIN_USERNAME!,
        displayName: '系统管理员',
        passwordHash: await hashPassword(env.PACER_ADMIN_PASSWORD!),
        roles: ['sysadmin'],
        mustChangePassword: true,
      });
      await this.audit.record(
        manager,
        { principal: null, ip: null, requestId: null, userAgent: null },
        {
          action: 'user.bootstrap',
          objectType: 'user',
          objectId: id,
          after: { username: env.PACER_ADMIN_USERNAME, roles: ['sysadmin'] },
        },
      );
    });
    this.logger.log(
      `first system administrator "${env.PACER_ADMIN_USERNAME}" created; the password must be changed at first login, ` +
        'then it creates the administrator and the auditor accounts',
    );
  }

  /**
   * The backing account of a service account (modules/service-accounts), in the caller's transaction: the user the
   * machine client's writes are recorded under (`updated_by`, `submitted_by` …). It can never sign in — inactive, a
   * password hash nothing matches, held so by the database (`app_user_service_account_no_login`) — and the users
   * routes neither list nor edit it.
   */
  createServiceAccountUser(manager: EntityManager, displayName: string): Promise<number> {
    return this.users.insertServiceAccountUser(manager, `svc.${randomBytes(6).toString('hex')}`, displayName);
  }

  /** The account row, locked for the caller's transaction (other modules' writes about a user go through here). */
  lockForUpdate(manager: EntityManager, userId: number): Promise<UserRecord | null> {
    return this.users.findById(userId, manager, true);
  }

  /** AUTH-3: one more failed login (or second-factor code) on the account; the lock's end when it reached the limit. */
  recordFailedLogin(manager: EntityManager, userId: number): Promise<Date | null> {
    return this.users.recordFailedLogin(
      manager,
      userId,
      this.config.lockoutAttempts,
      this.config.lockoutMinutes,
    );
  }

  /** The account by its login name (the login). */
  findByUsername(username: string): Promise<UserRecord | null> {
    return this.users.findByUsername(username);
  }

  /** The account by id, in the caller's transaction when given, locked for it when `forUpdate`. */
  findById(userId: number, manager?: EntityManager, forUpdate = false): Promise<UserRecord | null> {
    return this.users.findById(userId, manager, forUpdate);
  }

  /**
   * The principal's data for one request (user, bound units, units in scope) and whether the session family is live
   * (null: no family to check).
   */
  loadPrincipal(
    userId: number,
    familyId: string | null,
    manager?: EntityManager,
  ): Promise<PrincipalRecord | null> {
    return this.users.loadPrincipal(userId, familyId, manager);
  }

  /** The units each user is bound to. */
  unitsOf(userIds: number[], manager?: EntityManager): Promise<Map<number, UserUnitRef[]>> {
    return this.users.unitsOf(userIds, manager);
  }

  /** A login succeeded: the failure count and lock are cleared, the time kept. */
  recordSuccessfulLogin(manager: EntityManager, userId: number): Promise<void> {
    return this.users.recordSuccessfulLogin(manager, userId);
  }

  /** AUTH-2: a password older than `maxAgeDays` (0 = never) must be changed; when it was changed if it expired now. */
  expirePassword(manager: EntityManager, userId: number, maxAgeDays: number): Promise<string | null> {
    return this.users.expirePassword(manager, userId, maxAgeDays);
  }

  /** The user's last `count` password hashes (AUTH-2: none of them is used again). */
  recentPasswordHashes(userId: number, count: number, manager?: EntityManager): Promise<string[]> {
    return this.users.recentPasswordHashes(userId, count, manager);
  }

  /** The user's own password change (AUTH-6), in the caller's transaction. */
  setPassword(
    manager: EntityManager,
    userId: number,
    passwordHash: string,
    mustChange: boolean,
  ): Promise<void> {
    return this.users.setPassword(manager, userId, passwordHash, mustChange);
  }

  list(): Promise<UserRow[]> {
    return this.users.listRows();
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<UserRow> {
    assertSeparatedRoles(request.roles);
    assertPasswordPolicy(request.password, request.username, 'password', {
      minScore: this.config.passwordMinScore,
    });
    this.assertReporterUnits(request.roles, request.unitIds ?? []);
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.findByUsername(request.username, manager)) throw usernameTaken();
      await this.assertUnitsExist(manager, request.unitIds ?? []);
      const id = await this.users
        .insert(manager, {
          username: request.username,
          displayName: request.displayName,
          passwordHash: await hashPassword(request.password),
          roles: request.roles,
          mustChangePassword: true,
        })
        // the case-insensitive unique index catches a concurrent twin (AUTH-1)
        .catch((e) => {
          throw (e as { code?: string }).code === '23505' ? usernameTaken() : e;
        });
      await this.users.setUnits(manager, id, request.unitIds ?? []);
      const row = await this.rowIn(manager, id);
      await this.audit.record(manager, actor, {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        after: row,
      });
      await this.auditRoleChange(manager, actor, id, [], row.roles);
      return row;
    });
  }

  async update(actor: Actor, id: number, request: UpdateUserRequest): Promise<UserRow> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.findById(id, manager, true);
      if (!existing) throw ApiException.notFound('用户', 'User');
      const before = await this.rowIn(manager, id);
      if (actor.principal?.userId === id) assertNoSelfChange(before, request);
      // only a change of roles is checked: an account stored before 三员分立 can still be renamed or disabled
      if (request.roles && !sameSet(request.roles, existing.roles)) assertSeparatedRoles(request.roles);
      const roles = request.roles ?? existing.roles;
      const unitIds = request.unitIds ?? before.units.map((u) => u.id);
      this.assertReporterUnits(roles, unitIds);
      if (!(await this.users.updateProfile(manager, id, request.version, request)))
        throw ApiException.versionConflict();
      if (request.unitIds) {
        await this.assertUnitsExist(manager, request.unitIds);
        await this.users.setUnits(manager, id, request.unitIds);
      }
      const after = await this.rowIn(manager, id);
      await this.audit.record(manager, actor, {
        action: 'user.update',
        objectType: 'user',
        objectId: id,
        before,
        after,
      });
      await this.auditRoleChange(manager, actor, id, before.roles, after.roles);
      return after;
    });
  }

  async resetPassword(actor: Actor, id: number, request: ResetPasswordRequest): Promise<UserRow> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.findById(id, manager, true);
      if (!existing) throw ApiException.notFound('用户', 'User');
      // one's own password is changed with the current one (AUTH-6), never reset by oneself
      if (actor.principal?.userId === id) {
        throw selfChangeForbidden('id');
      }
      if (existing.version !== request.version) throw ApiException.versionConflict();
      assertPasswordPolicy(request.newPassword, existing.username, 'newPassword', {
        minScore: this.config.passwordMinScore,
      });
      await this.users.setPassword(manager, id, await hashPassword(request.newPassword), true);
      // a reset ends every session of the user (AUTH-6): the auth module, which owns the sessions, listens
      await this.hooks.passwordReset(manager, id);
      await this.audit.record(manager, actor, {
        action: 'user.password.reset',
        objectType: 'user',
        objectId: id,
      });
      return this.rowIn(manager, id);
    });
  }

  /**
   * AC-6: a grant or a revocation of roles is its own audit event (beyond `user.update`), so that who made whom an
   * administrator or an auditor is found by its action name.
   */
  private async auditRoleChange(
    manager: EntityManager,
    actor: Actor,
    id: number,
    before: Role[],
    after: Role[],
  ) {
    const granted = after.filter((r) => !before.includes(r));
    const revoked = before.filter((r) => !after.includes(r));
    for (const [action, roles] of [
      ['user.roles.grant', granted],
      ['user.roles.revoke', revoked],
    ] as const) {
      if (roles.length === 0) continue;
      await this.audit.record(manager, actor, {
        action,
        objectType: 'user',
        objectId: id,
        before: { roles: before },
        after: { roles: after },
        detail: { roles },
      });
    }
  }

  private async rowIn(manager: EntityManager, id: number): Promise<UserRow> {
    const user = await this.users.findById(id, manager);
    const units = await this.users.unitsOf([id], manager);
    return toUserRow(user!, units.get(id) ?? []);
  }

  private assertReporterUnits(roles: string[], unitIds: number[]): void {
    if (roles.includes('reporter') && unitIds.length === 0) {
      throw ApiException.field(
        'unitIds',
        'required',
        '填报员必须绑定至少一个单位',
        'A reporter must be bound to a unit',
      );
    }
  }

  private async assertUnitsExist(manager: EntityManager, unitIds: number[]): Promise<void> {
    if (unitIds.length === 0) return;
    const rows = await manager.query('SELECT id FROM unit WHERE id = ANY($1)', [unitIds]);
    if (rows.length !== new Set(unitIds).size) {
      throw ApiException.field(
        'unitIds',
        'unknown',
        '单位不存在',
        'Unknown unit',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
  }
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * AC-6: nobody changes their own roles, units or active flag (another system administrator does), so that one
 * account cannot make itself an auditor, widen its own scope or hide itself. The name stays one's own to change.
 */
function assertNoSelfChange(before: UserRow, request: UpdateUserRequest): void {
  if (request.roles && !sameSet(request.roles, before.roles)) {
    throw selfChangeForbidden('roles');
  }
  if (
    request.unitIds &&
    !sameSet(
      request.unitIds,
      before.units.map((u) => u.id),
    )
  ) {
    throw selfChangeForbidden('unitIds');
  }
  if (request.isActive !== undefined && request.isActive !== before.isActive) {
    throw selfChangeForbidden('isActive');
  }
}

/** AC-6 三员分立: an administrator role (sysadmin, admin, auditor) is the only role of its account. */
export function assertSeparatedRoles(roles: readonly Role[]): void {
  const conflict = roleConflict(roles);
  if (conflict) throw rolesNotSeparated(conflict);
}
