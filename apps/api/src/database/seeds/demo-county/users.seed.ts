import type { Role } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import type { UsersRepository } from '../../../modules/users/users.repository';
import { DEMO_UNITS } from './units.seed';

export interface DemoUserSpec {
  username: string;
  displayName: string;
  roles: Role[];
  /** Unit code the user is bound to (reporters). */
  unitCode: string | null;
}

/** The four role accounts, then one reporter per unit (all with DEMO_PASSWORD, demo mode only). */
export const DEMO_USERS: readonly DemoUserSpec[] = [
  { username: 'admin', displayName: '县投资促进中心 陈卫东', roles: ['admin'], unitCode: null },
  { username: 'leader', displayName: '分管副县长 周立新', roles: ['leader'], unitCode: null },
  { username: 'sysadmin', displayName: '系统管理员 冯涛', roles: ['sysadmin'], unitCode: null },
  { username: 'auditor', displayName: '审计管理员 曹琳', roles: ['auditor'], unitCode: null },
  ...DEMO_UNITS.filter((u) => u.reporter !== null).map((u) => ({
    username: u.reporter!,
    displayName: u.reporterName!,
    roles: ['reporter'] as Role[],
    unitCode: u.code,
  })),
];

/**
 * Inserts the demo accounts through the repository with one password hash computed once by the caller.
 * A username that already exists (e.g. the first administrator from PACER_ADMIN_USERNAME) is left alone.
 * Answers username → id for every demo account.
 */
export async function insertDemoUsers(
  manager: EntityManager,
  users: UsersRepository,
  unitIds: Record<string, number>,
  passwordHash: string,
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const spec of DEMO_USERS) {
    const existing = await users.findByUsername(spec.username, manager);
    if (existing) {
      ids[spec.username] = existing.id;
      continue;
    }
    const id = await users.insert(manager, {
      username: spec.username,
      displayName: spec.displayName,
      passwordHash,
      roles: spec.roles,
      mustChangePassword: false,
    });
    if (spec.unitCode) await users.setUnits(manager, id, [unitIds[spec.unitCode]!]);
    ids[spec.username] = id;
  }
  return ids;
}
