import { createHash } from 'node:crypto';

import type { Response } from 'express';

/**
 * A JSON answer serialized once and sent as is while what it is a view of stays the same (docs/benchmarks.md: a
 * province's ranking is 11 MiB of JSON), with an entity tag that names that content.
 */
export interface KeptJson {
  /** From what identifies the content (versions, ids), never a hash of the whole body: every replica agrees. */
  etag: string;
  body: Buffer;
}

// etagc (RFC 9110 §8.8.3) less the comma and space that separate the tags of an If-None-Match list
const TAG_PART = /^[\x21\x23-\x2b\x2d-\x7e]+$/;

/** A weak entity tag of its parts: the same data gives the same tag, on any replica, whatever the bytes' history. */
export function entityTag(parts: ReadonlyArray<string | number>): string {
  const text = parts.join(':');
  if (!TAG_PART.test(text)) throw new Error(`not usable in an entity tag: ${text}`);
  return `W/"${text}"`;
}

/**
 * Sends a kept JSON body under its entity tag, as `application/json; charset=utf-8` like res.json. Express's
 * res.send hashes nothing when the ETag header is set, and answers 304 with no body when the request's
 * If-None-Match names the tag (req.fresh). Headers set before (request id, security headers, Cache-Control) stay.
 */
export function sendKeptJson(res: Response, kept: KeptJson): void {
  res.setHeader('ETag', kept.etag);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(kept.body);
}

interface Level {
  next: WeakMap<object, Level>;
  bodies: Map<string, Buffer>;
}

/**
 * Serialized views kept per the objects they were built from (kept scored months, previous ranks): in WeakMaps, so
 * a body goes away with the objects it came from and is never served for other ones. The objects must not change
 * while kept (VersionedCache's values never do).
 */
export class KeptBodies {
  private readonly root = new WeakMap<object, Level>();

  /** JSON.stringify(view()) as UTF-8, built once per owners and variant (e.g. a group code). */
  get(owners: readonly [object, ...object[]], variant: string, view: () => unknown): Buffer {
    let next = this.root;
    let level: Level | undefined;
    for (const owner of owners) {
      level = next.get(owner);
      if (!level) {
        level = { next: new WeakMap(), bodies: new Map() };
        next.set(owner, level);
      }
      next = level.next;
    }
    let body = level!.bodies.get(variant);
    if (!body) {
      body = Buffer.from(JSON.stringify(view()), 'utf8');
      level!.bodies.set(variant, body);
    }
    return body;
  }
}

/** A piece of an answer already serialized (a KeptBodies body), spliced into it as is. */
export class JsonPiece {
  constructor(readonly json: Buffer) {}
}

/**
 * JSON.stringify of an object some of whose values are kept pieces, byte for byte (fields in the given order,
 * undefined ones left out as JSON.stringify does); and a SHA-1 of what was serialized now (everything but the
 * pieces), which with the pieces' identity names the whole.
 */
export function spliceJsonObject(fields: Record<string, unknown>): { body: Buffer; freshDigest: string } {
  const chunks: Buffer[] = [];
  const digest = createHash('sha1');
  let text = '';
  const flush = () => {
    const bytes = Buffer.from(text, 'utf8');
    digest.update(bytes);
    chunks.push(bytes);
    text = '';
  };
  for (const [key, value] of Object.entries(fields)) {
    const json: string | undefined = value instanceof JsonPiece ? '' : JSON.stringify(value);
    if (json === undefined) continue;
    text += `${chunks.length === 0 && text === '' ? '{' : ','}${JSON.stringify(key)}:`;
    if (value instanceof JsonPiece) {
      flush();
      chunks.push(value.json);
      // a piece stands for its identity in the digest: mark where it sits
      digest.update('\u0000');
    } else {
      text += json;
    }
  }
  text += chunks.length === 0 && text === '' ? '{}' : '}';
  flush();
  return { body: Buffer.concat(chunks), freshDigest: digest.digest('base64url') };
}
