import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '@pacer/shared';
import { DataSource } from 'typeorm';

import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from './users.repository';

const ROLE_NAMES: Record<Role, string> = {
  sysadmin: '系统管理员',
  admin: '管理员（招商局）',
  auditor: '审计管理员',
  leader: '领导',
  reporter: '填报员',
};
/** Serialises the notice between replicas starting at once (one notice per sysadmin, not one per replica). */
const ROLE_CONFLICT_NOTICE_LOCK = 7_365_010;

/**
 * At start, reports the accounts that break 三员分立 (AC-6), which were stored before the rule existed and are
 * kept as they are (the migration does not change them): one warning line naming them at every start, and one
 * notification to every active system administrator, written once (a start that finds the same accounts does
 * not repeat it). Another system administrator corrects them; nobody may change their own roles.
 */
@Injectable()
export class RoleConflictsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(RoleConflictsCheck.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // a report that cannot be written must not keep the API from starting
    await this.report().catch((error: unknown) =>
      this.logger.error(`the 三员分立 check failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Answers the ids of the notifications written (none when there is no conflict or everyone was told). */
  async report(): Promise<number[]> {
    const conflicts = await this.users.listRoleConflicts();
    if (conflicts.length === 0) return [];
    const named = conflicts.map((u) => `${u.username} [${u.roles.join(', ')}]`).join('; ');
    this.logger.warn(
      `accounts breaking 三员分立 (AC-6, an administrator role with another role): ${named}; ` +
        'another system administrator must leave each of them one administrator role',
    );
    const body =
      `以下账号同时持有管理员角色和其他角色，违反三员分立：` +
      conflicts.map((u) => `${u.username}（${u.roles.map((r) => ROLE_NAMES[r] ?? r).join('、')}）`).join('，') +
      `。请由另一名系统管理员在“用户管理”中为每个账号只保留一个管理员角色（本人不能修改自己的角色）。`;
    const ids = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ROLE_CONFLICT_NOTICE_LOCK]);
      const sysadmins = await this.users.listActiveSysadminIds(manager);
      if (sysadmins.length === 0) return [];
      const told = new Set(await this.notifications.recipientsOf(manager, sysadmins, 'users.role_conflict', body));
      return this.notifications.record(
        manager,
        sysadmins
          .filter((id) => !told.has(id))
          .map((userId) => ({
            userId,
            kind: 'users.role_conflict' as const,
            title: '账号角色违反三员分立',
            body,
            link: '/admin/users',
            planId: null,
            unitId: null,
            month: null,
          })),
      );
    });
    await this.notifications.push(ids);
    return ids;
  }
}
