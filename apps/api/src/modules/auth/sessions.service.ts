import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type EndSessionsResponse, type UserSession, type UserSessionsResponse } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AUTH_CONFIG, type AuthConfig } from '../../config/auth.config';
import { AuditService } from '../audit/audit.service';
import { AccountHooks } from '../users/account-hooks.service';
import { UsersService } from '../users/users.service';
import { sessionNotFound } from './auth.errors';
import { RefreshTokensRepository, type SessionTokenRecord } from './refresh-tokens.repository';
import { sessionEndsAt } from './session-window';

/** Why the family was revoked (refresh_token.revoked_reason), next to 'logout', 'reuse_detected', 'password_reset'… */
export const ENDED_BY_ADMIN = 'ended_by_admin';
/** An administrator reset the user's password (UsersService.resetPassword): every session ends (AUTH-6). */
const PASSWORD_RESET = 'password_reset';

/** What the audit log keeps of a session: no token, no hash (AUD-6). */
type SessionRecord = Omit<UserSession, 'isCurrent'>;

/**
 * SES-5: an administrator lists a user's live sessions and ends one or all of them. A session is a refresh-token
 * family (SES-1/SES-2); ending it revokes the family, and the auth guard refuses the family's access tokens on their
 * very next request (it checks the family on every request). A password reset by an administrator ends them all too
 * (the users module tells AccountHooks; refresh tokens are this module's table).
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: RefreshTokensRepository,
    private readonly audit: AuditService,
    private readonly accountHooks: AccountHooks,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  onModuleInit(): void {
    // in the reset's transaction: the new password and the ended sessions commit together
    this.accountHooks.onPasswordReset((manager, userId) =>
      this.tokens.revokeAllOfUser(manager, userId, PASSWORD_RESET),
    );
  }

  async list(actor: Actor, userId: number): Promise<UserSessionsResponse> {
    const manager = this.dataSource.manager;
    await this.assertUser(manager, userId);
    const live = this.live(await this.tokens.currentTokensOfUser(manager, userId));
    const current = actor.principal?.tokenFamilyId ?? null;
    return { userId, items: live.map((s) => ({ ...s, isCurrent: s.familyId === current })) };
  }

  /** Ends one session of the user: 404 when the family is unknown, another user's, or already ended. */
  async end(actor: Actor, userId: number, familyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertUser(manager, userId);
      const token = await this.tokens.lockFamilyOfUser(manager, userId, familyId);
      if (!token) throw sessionNotFound();
      await this.tokens.revokeFamily(manager, familyId, ENDED_BY_ADMIN);
      const before = this.describe(token);
      await this.audit.record(manager, actor, {
        action: 'auth.session.end',
        objectType: 'user',
        objectId: userId,
        before: { ...before, live: this.isLive(before) },
        after: { familyId, live: false, revokedReason: ENDED_BY_ADMIN },
        detail: { familyId, own: actor.principal?.tokenFamilyId === familyId },
      });
    });
  }

  /** Ends every session of the user (the caller's own too, when it is the caller's account). */
  async endAll(actor: Actor, userId: number): Promise<EndSessionsResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertUser(manager, userId);
      const live = this.live(await this.tokens.currentTokensOfUser(manager, userId, true));
      await this.tokens.revokeAllOfUser(manager, userId, ENDED_BY_ADMIN);
      await this.audit.record(manager, actor, {
        action: 'auth.session.end_all',
        objectType: 'user',
        objectId: userId,
        before: { sessions: live },
        after: { sessions: [] },
        detail: { ended: live.length },
      });
      return { ended: live.length };
    });
  }

  private async assertUser(manager: EntityManager, userId: number): Promise<void> {
    if (!(await this.users.findById(userId, manager))) throw ApiException.notFound('用户', 'User');
  }

  /** The sessions within their idle and absolute limits, as the refresh judges them. */
  private live(tokens: SessionTokenRecord[]): SessionRecord[] {
    return tokens.map((t) => this.describe(t)).filter((s) => this.isLive(s));
  }

  private isLive(session: SessionRecord): boolean {
    return new Date(session.expiresAt).getTime() > Date.now();
  }

  private describe(token: SessionTokenRecord): SessionRecord {
    return {
      familyId: token.familyId,
      startedAt: new Date(token.familyStartedAt).toISOString(),
      lastUsedAt: new Date(token.lastUsedAt).toISOString(),
      expiresAt: sessionEndsAt(token, this.config).toISOString(),
      ip: token.ip,
      userAgent: token.userAgent,
    };
  }
}
