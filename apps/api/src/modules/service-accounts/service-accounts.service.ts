import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import {
  businessDate,
  type CreateServiceAccountRequest,
  type CreateServiceAccountResponse,
  type Permission,
  SERVICE_ACCOUNT_PERMISSIONS,
  type ServiceAccountRow,
  type ServiceAccountsResponse,
} from '@pacer/shared';
import { DataSource } from 'typeorm';

import type { Actor, Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { SERVICE_ACCOUNTS_CONFIG, type ServiceAccountsConfig } from '../../config/service-accounts.config';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import {
  alreadyRevoked,
  apiKeyAddressRateLimited,
  apiKeyExpired,
  apiKeyInvalid,
  apiKeyRevoked,
  expiryOutOfRange,
  nameTaken,
  permissionNotAllowed,
  serviceAccountNotFound,
  unitsNotFound,
} from './service-accounts.errors';
import { ServiceAccountsRepository } from './service-accounts.repository';

/** Every API key starts with this; the guard sends such bearer tokens here instead of to the JWT check. */
export const API_KEY_PREFIX = 'pk_';
/** `pk_` + 32 random bytes in base64url (43 characters). */
const API_KEY_PATTERN = /^pk_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The key's hash as stored and looked up. A plain SHA-256 is enough here, unlike for passwords: the key is 256 bits
 * from the CSPRNG, so there is no dictionary to try and no feasible brute force against a stolen hash, and a fast,
 * deterministic hash lets every request find its account through a unique index instead of trying argon2 on each row.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** `YYYY-MM-DD` + n days, as a calendar date. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Service accounts: API keys for machine clients (issue 12). The sysadmin creates (the key is answered once), lists
 * and revokes them; the guard authenticates `Authorization: Bearer pk_…` here and gets a machine principal whose
 * permissions and unit scope come from the account.
 */
@Injectable()
export class ServiceAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: ServiceAccountsRepository,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    @Inject(SERVICE_ACCOUNTS_CONFIG) private readonly config: ServiceAccountsConfig,
  ) {}

  async list(): Promise<ServiceAccountsResponse> {
    return { items: await this.accounts.listRows(), maxDays: this.config.maxDays };
  }

  async create(actor: Actor, request: CreateServiceAccountRequest): Promise<CreateServiceAccountResponse> {
    const principal = actor.principal!;
    const refused = request.permissions.filter((p) => !SERVICE_ACCOUNT_PERMISSIONS.includes(p));
    if (refused.length > 0) throw permissionNotAllowed(refused);
    // the key works until the end of `expiresOn` in Asia/Shanghai: from tomorrow to maxDays ahead
    const today = businessDate(this.clock.now());
    if (request.expiresOn <= today || request.expiresOn > addDays(today, this.config.maxDays)) {
      throw expiryOutOfRange(this.config.maxDays);
    }
    const expiresAt = `${addDays(request.expiresOn, 1)}T00:00:00+08:00`;
    const name = request.name.trim();
    const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const keyPrefix = apiKey.slice(0, API_KEY_PREFIX.length + 8);
    const permissions = [...new Set(request.permissions)].sort() as Permission[];
    const unitIds = [...new Set(request.unitIds)].sort((a, b) => a - b);

    const id = await this.dataSource.transaction(async (manager) => {
      const active = await this.accounts.activeUnitIds(unitIds, manager);
      const missing = unitIds.filter((u) => !active.includes(u));
      if (missing.length > 0) throw unitsNotFound(missing);
      let replaced: number | null = null;
      if (request.replacesId !== undefined) {
        // rotation: the old key stops in the same transaction the new one starts
        if (!(await this.accounts.exists(request.replacesId, manager))) throw serviceAccountNotFound();
        if (!(await this.accounts.revoke(manager, request.replacesId, principal.userId))) throw alreadyRevoked();
        await this.audit.record(manager, actor, {
          action: 'service_account.revoke',
          objectType: 'service_account',
          objectId: request.replacesId,
          detail: { reason: 'rotated' },
        });
        replaced = request.replacesId;
      }
      if (await this.accounts.isNameTaken(name, manager)) throw nameTaken();
      const newId = await this.accounts.insert(manager, {
        userId: await this.users.createServiceAccountUser(manager, name),
        name,
        keyHash: hashApiKey(apiKey),
        keyPrefix,
        permissions,
        unitIds,
        expiresAt,
        createdBy: principal.userId,
      });
      // the key itself is never audited (AUD-6): its prefix identifies it
      await this.audit.record(manager, actor, {
        action: 'service_account.create',
        objectType: 'service_account',
        objectId: newId,
        after: { name, keyPrefix, permissions, unitIds, expiresAt, replaces: replaced },
      });
      return newId;
    });
    return { account: (await this.accounts.findRow(id))!, apiKey };
  }

  async revoke(actor: Actor, id: number): Promise<ServiceAccountRow> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.accounts.exists(id, manager))) throw serviceAccountNotFound();
      if (!(await this.accounts.revoke(manager, id, actor.principal!.userId))) throw alreadyRevoked();
      await this.audit.record(manager, actor, {
        action: 'service_account.revoke',
        objectType: 'service_account',
        objectId: id,
      });
      return (await this.accounts.findRow(id, manager))!;
    });
  }

  /**
   * The guard's check of an API key. Before the key is looked at, an address over AUTH-3's failed-login limit waits
   * (bad keys count there like failed logins, so guessing keys is throttled per source). An unknown, expired or
   * revoked key is audited as a failed `auth.login` (counted by that limit) and answered 401 with its code.
   * A good key is recorded as used (see recordUse) and answers the machine principal.
   */
  async authenticate(actor: Actor, key: string, request: { method: string; path: string }): Promise<Principal> {
    const { loginIpAttempts: limit, loginIpWindowMinutes: minutes } = this.config;
    if (actor.ip && limit > 0 && (await this.audit.countLoginFailuresFrom(actor.ip, minutes)) >= limit) {
      // not audited again: the failures that reached the limit are, and a flood of refusals must not flood the chain
      throw apiKeyAddressRateLimited(minutes);
    }
    const account = API_KEY_PATTERN.test(key) ? await this.accounts.findByKeyHash(hashApiKey(key)) : null;
    const failure = !account ? 'unknown_api_key' : account.isRevoked ? 'revoked_api_key' : account.isExpired ? 'expired_api_key' : null;
    if (failure) {
      await this.audit.recordStandalone(actor, {
        action: 'auth.login',
        objectType: 'service_account',
        objectId: account?.id ?? null,
        userId: account?.userId ?? null,
        username: account ? `service:${account.name}` : null,
        result: 'failure',
        // the prefix only: a mistyped key is still most of a key (AUD-6)
        detail: { reason: failure, keyPrefix: key.slice(0, API_KEY_PREFIX.length + 8) },
      });
      throw !account ? apiKeyInvalid() : account.isRevoked ? apiKeyRevoked() : apiKeyExpired();
    }
    const principal: Principal = {
      userId: account!.userId,
      // colon: never a person's login id, so the audit log cannot mistake one for the other
      username: `service:${account!.name}`,
      displayName: account!.name,
      roles: [],
      permissions: new Set(account!.permissions),
      unitIds: account!.unitIds,
      // always scoped, as a reporter: its units and their descendants
      scopeUnitIds: account!.scopeUnitIds,
      mustChangePassword: false,
      tokenFamilyId: null,
      serviceAccountId: account!.id,
    };
    await this.recordUse({ ...actor, principal }, account!.id, request);
    return principal;
  }

  /**
   * "Every use audited" without flooding the chain: a request that may change data (any method but GET/HEAD) writes
   * one `service_account.use` event; reads are counted on the account and written as one event per account per
   * `readAuditMinutes` carrying the number of reads since the last one. The writes themselves are audited by their
   * own services as for a person, with the account's name as the user.
   */
  private async recordUse(actor: Actor, id: number, request: { method: string; path: string }): Promise<void> {
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    await this.dataSource.transaction(async (manager) => {
      const { readsToAudit } = await this.accounts.recordUse(manager, id, isRead, this.config.readAuditMinutes);
      if (!isRead) {
        await this.audit.record(manager, actor, {
          action: 'service_account.use',
          objectType: 'service_account',
          objectId: id,
          detail: { method: request.method, path: request.path },
        });
      } else if (readsToAudit !== null) {
        await this.audit.record(manager, actor, {
          action: 'service_account.use',
          objectType: 'service_account',
          objectId: id,
          detail: { reads: readsToAudit, windowMinutes: this.config.readAuditMinutes, lastPath: request.path },
        });
      }
    });
  }
}
