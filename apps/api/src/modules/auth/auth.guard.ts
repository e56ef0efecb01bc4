import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@pacer/shared';

import {
  actorOf,
  ALLOW_PENDING_MFA_KEY,
  ALLOW_PENDING_PASSWORD_KEY,
  PERMISSION_KEY,
  type PacerRequest,
} from '../../common/decorators/auth.decorators';
import { IS_PUBLIC_KEY } from '../../common/decorators/public.decorator';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import {
  mfaEnrolmentRequired,
  passwordChangeRequired,
  permissionDenied,
  unauthenticated,
} from './auth.errors';
import { AuthService, toPrincipal } from './auth.service';
import { PrincipalCacheService } from './principal-cache.service';
import { isApiKey, ServiceAccountsService } from '../service-accounts/service-accounts.service';

/**
 * Deny by default (AC-1): a route is reachable only when marked @Public(), or when the caller has a valid
 * access token, an active account, a live session family and the route's @RequirePermission().
 * The user is loaded from the database, or from the principal cache while it hears every change (AUTH-7).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly serviceAccounts: ServiceAccountsService,
    private readonly principals: PrincipalCacheService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<PacerRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets);

    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (isPublic) {
      // public routes still learn who calls when a valid token is sent (logout)
      if (token) await this.attach(req, token).catch(() => undefined);
      return true;
    }
    if (!token) throw unauthenticated();
    // a machine client's API key (`Bearer pk_…`, issue 12): the principal comes from its service account, or a 401
    const principal = isApiKey(token)
      ? (req.principal = await this.serviceAccounts.authenticate(actorOf(req), token, {
          method: req.method,
          path: req.originalUrl.split('?')[0]!.slice(0, 200),
        }))
      : await this.attach(req, token);
    if (!principal) throw unauthenticated();

    if (
      principal.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_KEY, targets)
    ) {
      throw passwordChangeRequired();
    }
    // AUTH-4: an administrator the deployment requires MFA of, and who has none yet, may only enrol
    if (
      !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_MFA_KEY, targets) &&
      (await this.auth.mustEnrollMfa(principal))
    ) {
      throw mfaEnrolmentRequired();
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      this.logger.error(`route without a permission refused: ${req.method} ${req.originalUrl}`);
      throw permissionDenied();
    }
    if (!principal.permissions.has(permission)) {
      // rate-limited per user, like every authorization failure (AuditService.recordDenied)
      await this.audit
        .recordDenied(actorOf(req), {
          action: 'auth.denied',
          objectType: 'route',
          objectId: `${req.method} ${req.route?.path ?? req.path}`.slice(0, 64),
          result: 'denied',
          detail: { permission },
        })
        .catch((error) => this.logger.error(error));
      throw permissionDenied();
    }
    return true;
  }

  private async attach(req: PacerRequest, token: string) {
    const claims = await this.auth.verifyAccess(token);
    if (!claims) return null;
    const record = await this.principals.load(claims.sub, claims.fam, () => this.users.loadPrincipal(claims.sub, claims.fam));
    if (!record || !record.isActive || !record.familyActive) return null;
    req.principal = toPrincipal(record, claims.fam);
    return req.principal;
  }
}
