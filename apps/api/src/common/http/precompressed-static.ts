import * as fs from 'node:fs';
import * as path from 'node:path';

import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A content coding the web build wrote beside a file (apps/web/scripts/precompress.mjs), by preference. */
const CODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Coding = (typeof CODINGS)[number]['name'];

/**
 * The coding to send among those available: the client's highest q-value wins, and on a tie our order (brotli, then
 * gzip: smaller); `identity` when none is acceptable (RFC 9110 §12.5.3; a refused identity is sent anyway).
 */
export function chooseCoding(acceptEncoding: string | undefined, available: readonly Coding[]): Coding | 'identity' {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const qOf = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  let best: Coding | null = null;
  for (const coding of available) if (qOf(coding) > 0 && (!best || qOf(coding) > qOf(best))) best = coding;
  // identity is acceptable unless refused by name or by `*;q=0`; a coding the client ranks below it is not sent
  const identityQ = q.get('identity') ?? (q.has('*') ? qOf('*') : 1);
  return best && qOf(best) >= identityQ ? best : 'identity';
}

/** One servable file of the built web app and the pre-compressed copies beside it. */
export interface WebFile {
  file: string;
  codings: Coding[];
}

/**
 * The built web app's files by URL path (`/assets/index-3f2a.js`), read once at start: dot folders (.vite) and the
 * `.br`/`.gz` copies themselves are not listed, so only a built file is ever served and nothing outside the folder.
 */
export function listWebFiles(webDist: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !CODINGS.some((c) => entry.name.endsWith(c.suffix))) {
        const codings = CODINGS.filter((c) => fs.existsSync(full + c.suffix)).map((c) => c.name);
        files.set(`/${path.relative(webDist, full).split(path.sep).join('/')}`, { file: full, codings });
      }
    }
  };
  walk(webDist);
  return files;
}

/** Hashed build output never changes under its name; everything else (index.html, favicon) is revalidated. */
export function webCacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Sends a web file, pre-compressed when the client accepts a coding the build wrote for it (brotli before gzip,
 * the client's q-values first), with `Vary: Accept-Encoding` whenever a copy exists; the identity file otherwise.
 * `Content-Type` is the original file's, `Content-Encoding` the copy's; no ranges of an encoded copy.
 */
export function sendWebFile(req: Request, res: Response, next: NextFunction, urlPath: string, web: WebFile): void {
  res.setHeader('Cache-Control', webCacheControl(urlPath));
  let coding: Coding | 'identity' = 'identity';
  if (web.codings.length > 0) {
    res.vary('Accept-Encoding');
    coding = chooseCoding(req.headers['accept-encoding'], web.codings);
  }
  if (coding === 'identity') {
    res.sendFile(web.file, { cacheControl: false, dotfiles: 'allow' }, (error) => error && next(error));
    return;
  }
  res.type(path.extname(web.file));
  res.setHeader('Content-Encoding', coding);
  const suffix = CODINGS.find((c) => c.name === coding)!.suffix;
  res.sendFile(web.file + suffix, { cacheControl: false, acceptRanges: false, dotfiles: 'allow' }, (error) => error && next(error));
}

/**
 * Serves the built web app's files (GET and HEAD; never under /api, which is left to the API without a file-system
 * look-up: the profile showed express.static's stat() on every API request). Unknown paths go on (the SPA fallback).
 */
export function webFiles(webDist: string): RequestHandler {
  const files = listWebFiles(webDist);
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const web = files.get(urlPath);
    if (!web) return next();
    sendWebFile(req, res, next, urlPath, web);
  };
}
