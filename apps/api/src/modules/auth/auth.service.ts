import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  type ChangePasswordRequest,
  type CurrentUser,
  type LoginResponse,
  type LoginResult,
  permissionsOf,
  type Role,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor, Principal } from '../../common/auth/principal';
import { assertPasswordPolicy } from '../../common/auth/password-policy';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../common/auth/passwords';
import { ApiException } from '../../common/exceptions/api.exception';
import { AUTH_CONFIG, type AuthConfig } from '../../config/auth.config';
import { AuditService } from '../audit/audit.service';
import type { PrincipalRecord } from '../users/users.types';
import { UsersService } from '../users/users.service';
import { accountLocked, addressRateLimited, invalidCredentials, invalidRefreshToken } from './auth.errors';
import { JwtKeyService } from './jwt-key.service';
import { MfaRepository } from './mfa.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { sessionEndsAt } from './session-window';

interface MfaChallengeClaims {
  sub: number;
  typ: 'mfa';
}

/** Roles that need a second factor when PACER_MFA_REQUIRED is on (AUTH-4). */
export const MFA_ROLES: Role[] = ['admin', 'sysadmin', 'auditor'];

export interface AccessClaims {
  sub: number;
  fam: string;
  typ: 'access';
}

/** The account's lockout is running. */
export function isLocked(user: { lockedUntil: Date | null }): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil) > new Date();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Roles that see every unit; a user with none of them is scoped to its own units and their descendants. */
const UNSCOPED_ROLES: Role[] = ['admin', 'leader', 'sysadmin', 'auditor'];

export function toPrincipal(
  record: {
    id: number;
    username: string;
    displayName: string;
    roles: Role[];
    mustChangePassword: boolean;
    unitIds: number[];
    scopeUnitIds: number[];
  },
  familyId: string | null,
): Principal {
  const unscoped = record.roles.some((r) => UNSCOPED_ROLES.includes(r));
  return {
    userId: record.id,
    username: record.username,
    displayName: record.displayName,
    roles: record.roles,
    permissions: permissionsOf(record.roles),
    unitIds: record.unitIds,
    scopeUnitIds: unscoped ? null : record.scopeUnitIds,
    mustChangePassword: record.mustChangePassword,
    tokenFamilyId: familyId,
  };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: RefreshTokensRepository,
    private readonly jwt: JwtService,
    private readonly keys: JwtKeyService,
    private readonly audit: AuditService,
    private readonly mfa: MfaRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /**
   * AUTH-3's per-address limit: an address with too many failed or refused logins within the window (over any
   * accounts: a password sprayed across users never trips one account's lockout) waits until the window has moved
   * on. Answered before any password is checked; the refusal is audited and counts itself, so an address that keeps
   * trying keeps waiting.
   */
  private async refuseBusyAddress(actor: Actor, username: string): Promise<void> {
    const { loginIpAttempts: limit, loginIpWindowMinutes: minutes } = this.config;
    if (!actor.ip || limit === 0) return;
    if ((await this.audit.countLoginFailuresFrom(actor.ip, minutes)) < limit) return;
    await this.audit.recordStandalone(actor, {
      action: 'auth.login',
      objectType: 'user',
      result: 'denied',
      username: username.slice(0, 64),
      detail: { reason: 'address_rate_limited', limit, windowMinutes: minutes },
    });
    throw addressRateLimited(minutes);
  }

  async login(actor: Actor, username: string, password: string): Promise<LoginResult> {
    await this.refuseBusyAddress(actor, username);
    const user = await this.users.findByUsername(username);
    // the same work and the same answer whether or not the user exists (AUTH-3)
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user) {
      // an unknown id counts and locks like an account, so the lockout does not tell which ids exist either
      const lockedUntil = await this.mfa.unknownIdLockedUntil(username);
      if (lockedUntil) {
        await this.audit.recordStandalone(actor, {
          action: 'auth.login',
          objectType: 'user',
          result: 'denied',
          username: username.slice(0, 64),
          detail: { reason: 'locked', unknownUser: true, lockedUntil },
        });
        throw accountLocked(this.config.lockoutMinutes);
      }
      await this.dataSource.transaction(async (manager) => {
        const locked = await this.mfa.recordUnknownIdFailure(
          manager,
          username,
          this.config.lockoutAttempts,
          this.config.lockoutMinutes,
        );
        await this.audit.record(manager, actor, {
          action: 'auth.login',
          objectType: 'user',
          result: 'failure',
          username: username.slice(0, 64),
          detail: { reason: 'unknown_user', lockedUntil: locked },
        });
      });
      throw invalidCredentials();
    }
    if (isLocked(user)) {
      await this.audit.recordStandalone(actor, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        userId: user.id,
        username: user.username,
        result: 'denied',
        detail: { reason: 'locked', lockedUntil: user.lockedUntil },
      });
      throw accountLocked(this.config.lockoutMinutes);
    }
    if (!ok || !user.isActive) {
      await this.dataSource.transaction(async (manager) => {
        const lockedUntil = ok ? null : await this.users.recordFailedLogin(manager, user.id);
        await this.audit.record(manager, actor, {
          action: 'auth.login',
          objectType: 'user',
          objectId: user.id,
          userId: user.id,
          username: user.username,
          result: 'failure',
          detail: { reason: ok ? 'disabled' : 'wrong_password', lockedUntil },
        });
      });
      throw invalidCredentials();
    }
    if (await this.mfa.isEnabled(user.id)) {
      // the password was right; the failure count stays until the code is right too, so a known password does not
      // reset the lockout between guesses of the code (AUTH-4)
      await this.audit.recordStandalone(actor, {
        action: 'auth.mfa.challenge',
        objectType: 'user',
        objectId: user.id,
        userId: user.id,
        username: user.username,
      });
      return {
        mfaRequired: true,
        mfaToken: await this.signMfaChallenge(user.id),
        expiresIn: this.config.mfaChallengeSeconds,
      };
    }
    return this.dataSource.transaction((manager) => this.startSession(manager, actor, user));
  }

  /**
   * The one way to a session (login, and the second step of an MFA login): clears the failure count, expires an old
   * password, issues the refresh token family and the access token, audits `auth.login`.
   */
  async startSession(
    manager: EntityManager,
    actor: Actor,
    user: { id: number; username: string },
    detail?: Record<string, unknown>,
  ): Promise<LoginResponse> {
    await this.users.recordSuccessfulLogin(manager, user.id);
    const expiredSince = await this.users.expirePassword(manager, user.id, this.config.passwordMaxAgeDays);
    if (expiredSince) {
      await this.audit.record(manager, actor, {
        action: 'auth.password.expired',
        objectType: 'user',
        objectId: user.id,
        userId: user.id,
        username: user.username,
        detail: { passwordChangedAt: expiredSince, maxAgeDays: this.config.passwordMaxAgeDays },
      });
    }
    const familyId = randomUUID();
    const refreshToken = await this.issueRefresh(manager, actor, user.id, familyId, new Date());
    const principalRecord = await this.principalRecordIn(manager, user.id);
    // the login records the roles it let in (the audit log shows them, issue 14)
    await this.audit.record(manager, actor, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      userId: user.id,
      username: user.username,
      roles: principalRecord.roles,
      unitIds: principalRecord.unitIds,
      ...(detail ? { detail } : {}),
    });
    return {
      accessToken: await this.signAccess(user.id, familyId),
      refreshToken,
      expiresIn: this.config.accessTtlSeconds,
      user: await this.describe(toPrincipal(principalRecord, familyId), manager),
    };
  }

  /** The second login step's ticket: names the user, lives `mfaChallengeSeconds`, opens nothing but /auth/mfa/verify. */
  private signMfaChallenge(userId: number): Promise<string> {
    const claims: MfaChallengeClaims = { sub: userId, typ: 'mfa' };
    return this.jwt.signAsync(claims, {
      secret: this.keys.hmacKey as unknown as Buffer, // a KeyObject: jsonwebtoken takes it as is (JwtKeyService.hmacKey)
      algorithm: 'HS256',
      expiresIn: this.config.mfaChallengeSeconds,
    });
  }

  /** The user id of a valid MFA challenge, or null. */
  async verifyMfaChallenge(token: string): Promise<number | null> {
    try {
      const claims = await this.jwt.verifyAsync<MfaChallengeClaims>(token, {
        secret: this.keys.hmacKey as unknown as Buffer, // a KeyObject: jsonwebtoken takes it as is (JwtKeyService.hmacKey)
        algorithms: ['HS256'],
      });
      return claims.typ === 'mfa' && Number.isInteger(claims.sub) ? claims.sub : null;
    } catch {
      return null;
    }
  }

  /** An MFA requirement this user has not met yet (PACER_MFA_REQUIRED and an administrator role without MFA). */
  async mustEnrollMfa(
    principal: Pick<Principal, 'userId' | 'roles'>,
    manager?: EntityManager,
  ): Promise<boolean> {
    if (!this.config.mfaRequired || !principal.roles.some((r) => MFA_ROLES.includes(r))) return false;
    return !(await this.mfa.isEnabled(principal.userId, manager));
  }

  async refresh(actor: Actor, refreshToken: string): Promise<LoginResponse> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.findByHashForUpdate(manager, sha256(refreshToken));
      if (!token) return { error: 'unknown' as const };
      const now = Date.now();
      if (token.revokedAt) return { error: 'revoked' as const };
      if (token.usedAt) {
        // a rotated token came back: someone holds a copy; end the whole family (SES-2)
        await this.tokens.revokeFamily(manager, token.familyId, 'reuse_detected');
        await this.audit.record(manager, actor, {
          action: 'auth.refresh',
          objectType: 'user',
          objectId: token.userId,
          userId: token.userId,
          result: 'denied',
          detail: { reason: 'reuse_detected', familyId: token.familyId },
        });
        return { error: 'reused' as const };
      }
      if (sessionEndsAt(token, this.config).getTime() <= now) {
        await this.tokens.revokeFamily(manager, token.familyId, 'expired');
        return { error: 'expired' as const };
      }
      const principalRecord = await this.principalRecordIn(manager, token.userId);
      if (!principalRecord.isActive) {
        await this.tokens.revokeFamily(manager, token.familyId, 'user_disabled');
        return { error: 'disabled' as const };
      }
      await this.tokens.markUsed(manager, token.id);
      const next = await this.issueRefresh(
        manager,
        actor,
        token.userId,
        token.familyId,
        new Date(token.familyStartedAt),
      );
      return {
        response: {
          accessToken: await this.signAccess(token.userId, token.familyId),
          refreshToken: next,
          expiresIn: this.config.accessTtlSeconds,
          user: await this.describe(toPrincipal(principalRecord, token.familyId)),
        } satisfies LoginResponse,
      };
    });
    if ('error' in outcome) throw invalidRefreshToken();
    return outcome.response;
  }

  async logout(actor: Actor, refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.findByHashForUpdate(manager, sha256(refreshToken));
      const principal = actor.principal;
      // only the owner's own token, or the family of the access token in use
      const familyId =
        token && (!principal || token.userId === principal.userId)
          ? token.familyId
          : (principal?.tokenFamilyId ?? null);
      if (familyId) await this.tokens.revokeFamily(manager, familyId, 'logout');
      await this.audit.record(manager, actor, {
        action: 'auth.logout',
        objectType: 'user',
        objectId: principal?.userId ?? token?.userId ?? null,
        userId: principal?.userId ?? token?.userId ?? null,
      });
    });
  }

  async changePassword(actor: Actor, request: ChangePasswordRequest): Promise<void> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(principal.userId, manager, true);
      if (!user || !(await verifyPassword(user.passwordHash, request.currentPassword))) {
        throw ApiException.field(
          'currentPassword',
          'wrong',
          '当前密码不正确',
          'The current password is wrong',
        );
      }
      assertPasswordPolicy(request.newPassword, user.username, 'newPassword', {
        minScore: this.config.passwordMinScore,
      });
      for (const old of await this.users.recentPasswordHashes(
        user.id,
        this.config.passwordHistory,
        manager,
      )) {
        if (await verifyPassword(old, request.newPassword)) {
          throw ApiException.field(
            'newPassword',
            'reused',
            `不能使用最近 ${this.config.passwordHistory} 次用过的密码`,
            `The last ${this.config.passwordHistory} passwords cannot be reused`,
          );
        }
      }
      await this.users.setPassword(manager, user.id, await hashPassword(request.newPassword), false);
      // other sessions end (AUTH-6); this one goes on
      await this.tokens.revokeAllOfUser(manager, user.id, 'password_changed', principal.tokenFamilyId);
      await this.audit.record(manager, actor, {
        action: 'auth.password.change',
        objectType: 'user',
        objectId: user.id,
      });
    });
  }

  /** The guard's check of an access token: the claims, or null. */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.keys.hmacKey as unknown as Buffer, // a KeyObject: jsonwebtoken takes it as is (JwtKeyService.hmacKey)
        algorithms: ['HS256'],
      });
      return claims.typ === 'access' && Number.isInteger(claims.sub) ? claims : null;
    } catch {
      return null;
    }
  }

  async describe(principal: Principal, manager?: EntityManager): Promise<CurrentUser> {
    const units = await this.users.unitsOf([principal.userId]);
    const mfaEnabled = await this.mfa.isEnabled(principal.userId, manager);
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      roles: principal.roles,
      permissions: [...principal.permissions],
      units: units.get(principal.userId) ?? [],
      mustChangePassword: principal.mustChangePassword,
      mfaEnabled,
      mustEnrollMfa:
        this.config.mfaRequired && !mfaEnabled && principal.roles.some((r) => MFA_ROLES.includes(r)),
    };
  }

  private async principalRecordIn(manager: EntityManager, userId: number): Promise<PrincipalRecord> {
    const record = await this.users.loadPrincipal(userId, null, manager);
    if (!record) throw invalidCredentials();
    return record;
  }

  private signAccess(userId: number, familyId: string): Promise<string> {
    const claims: AccessClaims = { sub: userId, fam: familyId, typ: 'access' };
    return this.jwt.signAsync(claims, {
      secret: this.keys.hmacKey as unknown as Buffer, // a KeyObject: jsonwebtoken takes it as is (JwtKeyService.hmacKey)
      algorithm: 'HS256',
      expiresIn: this.config.accessTtlSeconds,
    });
  }

  private async issueRefresh(
    manager: EntityManager,
    actor: Actor,
    userId: number,
    familyId: string,
    familyStartedAt: Date,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const absoluteEnd = familyStartedAt.getTime() + this.config.maxSessionHours * 3_600_000;
    await this.tokens.insert(manager, {
      id: randomUUID(),
      userId,
      familyId,
      tokenHash: sha256(token),
      familyStartedAt,
      expiresAt: new Date(absoluteEnd),
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
    return token;
  }
}
