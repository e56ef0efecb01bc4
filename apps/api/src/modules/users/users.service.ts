import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserRow } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { assertPasswordPolicy } from '../../common/auth/password-policy';
import { hashPassword } from '../../common/auth/passwords';
import { ApiException } from '../../common/exceptions/api.exception';
import { parseEnv } from '../../config/env.schema';
import { AuditService } from '../audit/audit.service';
import { toUserRow, UsersRepository } from './users.repository';

const usernameTaken = () =>
  ApiException.field('username', 'taken', '用户名已存在', 'Username already taken', HttpStatus.CONFLICT);

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  /** AUTH-1: the first administrator comes from PACER_ADMIN_USERNAME/PASSWORD when no user exists yet. */
  async onApplicationBootstrap(): Promise<void> {
    const env = parseEnv(process.env);
    if (!env.PACER_ADMIN_USERNAME || !env.PACER_ADMIN_PASSWORD) return;
    if ((await this.users.count()) > 0) return;
    await this.dataSource.transaction(async (manager) => {
      const id = await this.users.insert(manager, {
        username: env.PACER_ADMIN_USERNAME!,
        displayName: '系统管理员',
        passwordHash: await hashPassword(env.PACER_ADMIN_PASSWORD!),
        roles: ['sysadmin', 'admin'],
        mustChangePassword: true,
      });
      await this.audit.record(manager, { principal: null, ip: null, requestId: null, userAgent: null }, {
        action: 'user.bootstrap',
        objectType: 'user',
        objectId: id,
        after: { username: env.PACER_ADMIN_USERNAME, roles: ['sysadmin', 'admin'] },
      });
    });
    this.logger.log(`first administrator "${env.PACER_ADMIN_USERNAME}" created; the password must be changed at first login`);
  }

  list(): Promise<UserRow[]> {
    return this.users.listRows();
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<UserRow> {
    assertPasswordPolicy(request.password, request.username, 'password');
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
      await this.audit.record(manager, actor, { action: 'user.create', objectType: 'user', objectId: id, after: row });
      return row;
    });
  }

  async update(actor: Actor, id: number, request: UpdateUserRequest): Promise<UserRow> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.findById(id, manager, true);
      if (!existing) throw ApiException.notFound('用户', 'User');
      const before = await this.rowIn(manager, id);
      const roles = request.roles ?? existing.roles;
      const unitIds = request.unitIds ?? before.units.map((u) => u.id);
      this.assertReporterUnits(roles, unitIds);
      if (actor.principal?.userId === id && request.isActive === false) {
        throw ApiException.field('isActive', 'self', '不能停用自己的账号', 'You cannot disable your own account', 422);
      }
      if (!(await this.users.updateProfile(manager, id, request.version, request))) throw ApiException.versionConflict();
      if (request.unitIds) {
        await this.assertUnitsExist(manager, request.unitIds);
        await this.users.setUnits(manager, id, request.unitIds);
      }
      const after = await this.rowIn(manager, id);
      await this.audit.record(manager, actor, { action: 'user.update', objectType: 'user', objectId: id, before, after });
      return after;
    });
  }

  async resetPassword(actor: Actor, id: number, request: ResetPasswordRequest): Promise<UserRow> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.findById(id, manager, true);
      if (!existing) throw ApiException.notFound('用户', 'User');
      if (existing.version !== request.version) throw ApiException.versionConflict();
      assertPasswordPolicy(request.newPassword, existing.username);
      await this.users.setPassword(manager, id, await hashPassword(request.newPassword), true);
      // a reset ends every session of the user (AUTH-6)
      await manager.query(
        `UPDATE refresh_token SET revoked_at = now(), revoked_reason = 'password_reset' WHERE user_id = $1 AND revoked_at IS NULL`,
        [id],
      );
      await this.audit.record(manager, actor, { action: 'user.password.reset', objectType: 'user', objectId: id });
      return this.rowIn(manager, id);
    });
  }

  private async rowIn(manager: EntityManager, id: number): Promise<UserRow> {
    const user = await this.users.findById(id, manager);
    const units = await this.users.unitsOf([id], manager);
    return toUserRow(user!, units.get(id) ?? []);
  }

  private assertReporterUnits(roles: string[], unitIds: number[]): void {
    if (roles.includes('reporter') && unitIds.length === 0) {
      throw ApiException.field('unitIds', 'required', '填报员必须绑定至少一个单位', 'A reporter must be bound to a unit');
    }
  }

  private async assertUnitsExist(manager: EntityManager, unitIds: number[]): Promise<void> {
    if (unitIds.length === 0) return;
    const rows = await manager.query('SELECT id FROM unit WHERE id = ANY($1)', [unitIds]);
    if (rows.length !== new Set(unitIds).size) {
      throw ApiException.field('unitIds', 'unknown', '单位不存在', 'Unknown unit', HttpStatus.UNPROCESSABLE_ENTITY);
    }
  }
}
