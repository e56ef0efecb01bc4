import type { Role } from '@pacer/shared';
import type { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';

import { hashPassword } from '../../src/common/auth/passwords';

export const TEST_PASSWORD = 'Kaohe#2026';
let cachedHash: Promise<string> | undefined;

/** Inserts a user (password TEST_PASSWORD, no forced change unless asked) bound to the given units. */
export async function insertUser(
  dataSource: DataSource,
  user: { username: string; roles: Role[]; unitIds?: number[]; displayName?: string; mustChangePassword?: boolean },
): Promise<number> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const rows = await dataSource.query(
    `INSERT INTO app_user (username, display_name, password_hash, roles, must_change_password)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [user.username, user.displayName ?? user.username, await cachedHash, user.roles, user.mustChangePassword ?? false],
  );
  const id = rows[0].id as number;
  for (const unitId of user.unitIds ?? []) {
    await dataSource.query('INSERT INTO user_unit (user_id, unit_id) VALUES ($1, $2)', [id, unitId]);
  }
  return id;
}

/** Logs in and returns the bearer header value. */
export async function bearer(http: TestAgent, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken}`;
}

/** The standard cast: one user per role; reporters bound to 城关镇 (T01) and 青山镇 (T02). */
export async function insertStandardUsers(dataSource: DataSource, units: Record<string, number>) {
  const ids = {
    admin: await insertUser(dataSource, { username: 'admin', roles: ['admin'], displayName: '招商局管理员' }),
    leader: await insertUser(dataSource, { username: 'leader', roles: ['leader'], displayName: '县领导' }),
    sysadmin: await insertUser(dataSource, { username: 'sysadmin', roles: ['sysadmin'], displayName: '系统管理员' }),
    auditor: await insertUser(dataSource, { username: 'auditor', roles: ['auditor'], displayName: '审计管理员' }),
    reporterT01: await insertUser(dataSource, {
      username: 'rep_t01',
      roles: ['reporter'],
      unitIds: [units.T01!],
      displayName: '城关镇填报员',
    }),
    reporterT02: await insertUser(dataSource, {
      username: 'rep_t02',
      roles: ['reporter'],
      unitIds: [units.T02!],
      displayName: '青山镇填报员',
    }),
  };
  return ids;
}
