import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { type AppKind, appTokenUrl, type TokenAnswer, tokenAnswerOf } from './vendor-apps';

/** Refetch this long before the vendor's expiry (a token used at its last second may be refused on arrival). */
const EARLY_MS = 5 * 60 * 1000;

/**
 * The enterprise apps' access_tokens, cached per app (kind, corpid/AppKey and a hash of the secret: a changed secret
 * is another cache entry) until shortly before their expires_in, as both vendors ask (gettoken is rate limited);
 * `invalidate` drops one the vendor refused (40014/42001) so the next get fetches anew. Per process: each replica
 * caches its own, and both vendors answer the same token within its validity.
 */
@Injectable()
export class AppTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  async get(
    kind: AppKind,
    baseUrl: string,
    appKey: string,
    secret: string,
    timeoutMs: number,
  ): Promise<TokenAnswer> {
    const key = cacheKey(kind, appKey, secret);
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > Date.now())
      return { token: hit.token, expiresInSeconds: Math.floor((hit.expiresAt - Date.now()) / 1000) };
    const response = await fetch(appTokenUrl(kind, baseUrl, appKey, secret), {
      method: 'GET',
      headers: { 'user-agent': 'pacer-api' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = tokenAnswerOf(response.status, await response.text().catch(() => ''));
    if ('token' in answer) {
      this.cache.set(key, {
        token: answer.token,
        expiresAt: Date.now() + Math.max(answer.expiresInSeconds * 1000 - EARLY_MS, 1000),
      });
    }
    return answer;
  }

  invalidate(kind: AppKind, appKey: string, secret: string): void {
    this.cache.delete(cacheKey(kind, appKey, secret));
  }
}

function cacheKey(kind: AppKind, appKey: string, secret: string): string {
  return `${kind}:${appKey}:${createHash('sha256').update(secret).digest('base64url')}`;
}
