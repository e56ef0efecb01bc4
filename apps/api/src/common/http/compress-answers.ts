import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Answers smaller than this go as they are: the headers and the compressor's start cost more than they save. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
/**
 * Answers larger than this go as they are: compressing the province's 11 MiB ranking would cost ~100 ms of CPU on
 * every request (its kept bytes are revalidated with their ETag instead: 304 with no body).
 */
export const COMPRESS_MAX_BYTES = 1024 * 1024;

// JSON and text (CSV exports, the API docs); never a stream of events, which must reach the client as written
const COMPRESSIBLE = /^(application\/(json|problem\+json|javascript)|text\/(?!event-stream)[\w.+-]+|image\/svg\+xml)\b/i;

/** Whether an answer of the API is compressed: by its Content-Type, only under /api (the web's files come pre-compressed). */
export function shouldCompress(req: Request, res: Response): boolean {
  if (!req.path.startsWith('/api')) return false;
  const length = Number(res.getHeader('Content-Length'));
  if (length > COMPRESS_MAX_BYTES) return false;
  const type = res.getHeader('Content-Type');
  // .xlsx and .docx are zip files already, images too: compressing them again only costs CPU
  return typeof type === 'string' && COMPRESSIBLE.test(type);
}

/**
 * Compresses the API's JSON and text answers of at least 1 KiB, brotli or gzip as the request's Accept-Encoding
 * prefers (brotli at quality 4, gzip at level 6: cheap per request), with `Vary: Accept-Encoding`; identity when the
 * client sends no Accept-Encoding. Reporters open Pacer over 4G: the county dashboard's 58 kB of JSON goes as ~8 kB.
 */
export function compressApiAnswers(): RequestHandler {
  return compression({ threshold: COMPRESS_THRESHOLD_BYTES, filter: shouldCompress }) as RequestHandler;
}
