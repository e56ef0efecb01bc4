import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@pacer/shared';
import type { Request, Response } from 'express';

import { RequirePermission } from '../../common/decorators/auth.decorators';
import { DOCS_COOKIE } from './api-docs.gate';

/**
 * The browser's way into the API docs when `PACER_API_DOCS=login`: the web app calls this with its bearer token, then
 * opens /api/docs in a new tab. The cookie holds the same short-lived access token (≤ 15 min), is HttpOnly,
 * SameSite=Strict and Secure behind TLS (SES-4), and is read only by the docs gate: the API itself takes bearer
 * tokens alone, so the cookie opens no other route (no CSRF).
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('docs')
export class ApiDocsController {
  @Post('session')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.Self)
  @ApiOperation({
    summary: 'Let this browser open /api/docs until the access token expires (an HttpOnly cookie)',
  })
  openSession(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const token = (req.headers.authorization ?? '').slice('Bearer '.length).trim();
    const exp = readExp(token);
    const maxAgeMs = Math.max(0, exp * 1000 - Date.now());
    res.cookie(DOCS_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/api',
      maxAge: maxAgeMs,
    });
  }
}

/** The token's expiry (the guard has verified it already). */
function readExp(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : 0;
  } catch {
    return 0;
  }
}
