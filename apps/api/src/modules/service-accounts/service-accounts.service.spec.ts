import { createHash } from 'node:crypto';

import type { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import type { Clock } from '../../common/clock/clock.service';
import type { ServiceAccountsConfig } from '../../config/service-accounts.config';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../users/users.service';
import type { ServiceAccountAuthRecord, ServiceAccountsRepository } from './service-accounts.repository';
import { hashApiKey, isApiKey, ServiceAccountsService } from './service-accounts.service';

const KEY = `pk_${'Q'.repeat(43)}`;
const CONFIG: ServiceAccountsConfig = { maxDays: 365, readAuditMinutes: 60, loginIpAttempts: 20, loginIpWindowMinutes: 15 };

function newTestService(record: ServiceAccountAuthRecord | null = null) {
  const manager = {} as EntityManager;
  const mocks = {
    dataSource: { transaction: jest.fn(async (work: (m: EntityManager) => Promise<unknown>) => work(manager)) },
    accounts: {
      findByKeyHash: jest.fn(async () => record),
      recordUse: jest.fn(async () => ({ readsToAudit: null as number | null })),
      activeUnitIds: jest.fn(async (ids: number[]) => ids),
      isNameTaken: jest.fn(async () => false),
      insert: jest.fn(async () => 1),
    },
    audit: {
      countLoginFailuresFrom: jest.fn(async () => 0),
      recordStandalone: jest.fn(async () => undefined),
      record: jest.fn(async () => undefined),
    },
    users: { createServiceAccountUser: jest.fn(async () => 41) },
    clock: { now: () => new Date('2026-12-07T02:00:00Z') },
  };
  const sut = new ServiceAccountsService(
    mocks.dataSource as unknown as DataSource,
    mocks.accounts as unknown as ServiceAccountsRepository,
    mocks.audit as unknown as AuditService,
    mocks.users as unknown as UsersService,
    mocks.clock as Clock,
    CONFIG,
  );
  return { sut, mocks };
}

const actor: Actor = { principal: null, ip: '10.12.0.8', requestId: 'req-1', userAgent: 'statbureau-feed/1.0' };
const sysadmin: Actor = {
  ...actor,
  principal: {
    userId: 3,
    username: 'sysadmin',
    displayName: '系统管理员 冯涛',
    roles: ['sysadmin'],
    permissions: new Set(),
    unitIds: [],
    scopeUnitIds: null,
    mustChangePassword: false,
    tokenFamilyId: null,
  },
};
const account = (over: Partial<ServiceAccountAuthRecord> = {}): ServiceAccountAuthRecord => ({
  id: 5,
  userId: 41,
  name: '县统计局数据接口',
  keyPrefix: KEY.slice(0, 11),
  permissions: ['reports.read', 'reports.write'],
  isExpired: false,
  isRevoked: false,
  unitIds: [2],
  scopeUnitIds: [2, 7],
  ...over,
});
const request = { method: 'PUT', path: '/api/v1/reports/17' };

describe(ServiceAccountsService.name, () => {
  it('should hash keys with SHA-256 and know one by its prefix', () => {
    expect(hashApiKey(KEY)).toBe(createHash('sha256').update(KEY).digest('hex'));
    expect(isApiKey(KEY)).toBe(true);
    expect(isApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });

  it('should answer a scoped machine principal for a good key and audit a write request', async () => {
    const { sut, mocks } = newTestService(account());
    const principal = await sut.authenticate(actor, KEY, request);
    expect(principal).toMatchObject({
      userId: 41,
      username: 'service:县统计局数据接口',
      roles: [],
      unitIds: [2],
      scopeUnitIds: [2, 7],
      serviceAccountId: 5,
      mustChangePassword: false,
    });
    expect([...principal.permissions]).toEqual(['reports.read', 'reports.write']);
    expect(mocks.accounts.findByKeyHash).toHaveBeenCalledWith(hashApiKey(KEY));
    expect(mocks.audit.record).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ principal }), {
      action: 'service_account.use',
      objectType: 'service_account',
      objectId: 5,
      detail: request,
    });
  });

  it('should write no event for a read inside the window', async () => {
    const { sut, mocks } = newTestService(account());
    await sut.authenticate(actor, KEY, { method: 'GET', path: '/api/v1/reports/17' });
    expect(mocks.accounts.recordUse).toHaveBeenCalledWith(expect.anything(), 5, true, 60);
    expect(mocks.audit.record).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown key', null, 'API_KEY_INVALID', 'unknown_api_key'],
    ['a revoked key', account({ isRevoked: true }), 'API_KEY_REVOKED', 'revoked_api_key'],
    ['an expired key', account({ isExpired: true }), 'API_KEY_EXPIRED', 'expired_api_key'],
  ])('should refuse %s with 401 and audit it as a failed login with the prefix only', async (_what, record, code, reason) => {
    const { sut, mocks } = newTestService(record);
    await expect(sut.authenticate(actor, KEY, request)).rejects.toMatchObject({ code, status: 401 });
    const [, event] = mocks.audit.recordStandalone.mock.calls[0] as unknown as [Actor, { detail: unknown; result: string }];
    expect(event).toMatchObject({ result: 'failure', detail: { reason, keyPrefix: KEY.slice(0, 11) } });
    expect(JSON.stringify(event)).not.toContain(KEY);
    expect(mocks.accounts.recordUse).not.toHaveBeenCalled();
  });

  it('should make a busy address wait before looking at the key, writing nothing', async () => {
    const { sut, mocks } = newTestService(account());
    mocks.audit.countLoginFailuresFrom.mockResolvedValue(20);
    await expect(sut.authenticate(actor, KEY, request)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
    expect(mocks.accounts.findByKeyHash).not.toHaveBeenCalled();
    expect(mocks.audit.recordStandalone).not.toHaveBeenCalled();
  });

  it.each([['reports.review'], ['users.write'], ['audit.read'], ['self']])(
    'should refuse to grant %s with 422, writing nothing',
    async (permission) => {
      const { sut, mocks } = newTestService();
      await expect(
        sut.create(sysadmin, {
          name: '越权接口',
          unitIds: [2],
          permissions: ['reports.read', permission as 'reports.read'],
          expiresOn: '2027-06-30',
        }),
      ).rejects.toMatchObject({ code: 'SERVICE_ACCOUNT_PERMISSION_NOT_ALLOWED', status: 422 });
      expect(mocks.dataSource.transaction).not.toHaveBeenCalled();
    },
  );

  it.each([['2026-12-07'], ['2027-12-08']])('should refuse the expiry %s (today, or beyond 365 days)', async (expiresOn) => {
    const { sut } = newTestService();
    await expect(
      sut.create(sysadmin, { name: '县统计局数据接口', unitIds: [2], permissions: ['reports.read'], expiresOn }),
    ).rejects.toMatchObject({ code: 'SERVICE_ACCOUNT_EXPIRY_OUT_OF_RANGE' });
  });
});
