import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

import { AuthService } from '../auth/auth.service';
import { UsersService } from '../users/users.service';
import { docsLoginRequired } from './api-docs.errors';

/** Who may read the OpenAPI description and its UI (`PACER_API_DOCS`). */
export const API_DOCS_MODES = ['off', 'login', 'public'] as const;
export type ApiDocsMode = (typeof API_DOCS_MODES)[number];

/** The cookie `POST /api/v1/docs/session` sets so that a browser tab can open the UI (HttpOnly, SameSite=Strict). */
export const DOCS_COOKIE = 'pacer_docs';

/** /api/docs (the UI and its assets), /api/docs-json and /api/docs-yaml. */
export const DOCS_PATH = /^\/api\/docs(?:$|[/?]|-json|-yaml)/;

/** `login` in production, `public` in development and test, unless PACER_API_DOCS says otherwise. */
export function resolveApiDocsMode(env: { NODE_ENV: string; PACER_API_DOCS?: ApiDocsMode }): ApiDocsMode {
  return env.PACER_API_DOCS ?? (env.NODE_ENV === 'production' ? 'login' : 'public');
}

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function tokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return cookieOf(req, DOCS_COOKIE);
}

/**
 * In `login` mode the docs answer only a caller with a valid access token of a live session (the same checks as the
 * API's guard: signature, active account, session not ended, password not pending), sent as a bearer header (tools)
 * or as the docs cookie (a browser tab opened from the web app).
 */
export function apiDocsGate(app: NestExpressApplication) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    if (!DOCS_PATH.test(req.originalUrl)) return next();
    try {
      const token = tokenOf(req);
      const claims = token ? await app.get(AuthService).verifyAccess(token) : null;
      const record = claims ? await app.get(UsersService).loadPrincipal(claims.sub, claims.fam) : null;
      const ok = !!record && record.isActive && record.familyActive && !record.mustChangePassword;
      next(ok ? undefined : docsLoginRequired());
    } catch (error) {
      next(error);
    }
  };
}
