import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '@pacer/shared';
import type { Request } from 'express';

import type { Actor, Principal } from '../auth/principal';

export const PERMISSION_KEY = 'pacer:permission';
export const ALLOW_PENDING_PASSWORD_KEY = 'pacer:allowPendingPassword';

/** The permission a route needs (AC-1: a route without one and not @Public() is refused). */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Reachable by an authenticated user who must still change the password (me, change password, logout). */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD_KEY, true);

export const ALLOW_PENDING_MFA_KEY = 'pacer:allowPendingMfa';

/** Reachable by an administrator who must still enrol a second factor (PACER_MFA_REQUIRED, AUTH-4). */
export const AllowPendingMfaEnrolment = () => SetMetadata(ALLOW_PENDING_MFA_KEY, true);

export type PacerRequest = Request & { id?: string; principal?: Principal };

export function actorOf(req: PacerRequest): Actor {
  return {
    principal: req.principal ?? null,
    ip: req.ip ?? req.socket?.remoteAddress ?? null,
    requestId: req.id ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null,
  };
}

/** The calling principal and request metadata, for services. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  return actorOf(ctx.switchToHttp().getRequest<PacerRequest>());
});
