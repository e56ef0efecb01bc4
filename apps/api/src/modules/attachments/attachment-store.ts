import type { Readable } from 'node:stream';

import type { EntityManager } from 'typeorm';

/**
 * Where attachment bytes live, behind one interface so that a deployment picks PostgreSQL (default) or an
 * S3-compatible object store (PACER_ATTACHMENT_STORE). Neither keeps anything on the API's local disk, so any number
 * of replicas serve the same files. Writes happen inside the upload's transaction: the pg store's chunks commit or
 * roll back with the attachment row; the s3 store deletes its object when the transaction fails.
 */
export interface AttachmentStore {
  readonly kind: 'pg' | 's3';
  /** A writer for a new attachment's bytes (chunks arrive in order; `finish` once after the last). */
  openWriter(manager: EntityManager, attachmentId: number): AttachmentWriter;
  /** `length` bytes from `offset` of a stored file (for the Office check over the bytes just written). */
  readRange(manager: EntityManager, ref: StoredRef, offset: number, length: number): Promise<Buffer>;
  /** The whole file as a stream, read a chunk at a time (downloads). */
  openReadStream(ref: StoredRef): Readable;
}

export interface StoredRef {
  attachmentId: number;
  objectKey: string | null;
  sizeBytes: number;
}

export interface AttachmentWriter {
  write(chunk: Buffer): Promise<void>;
  /** Flushes what is buffered; answers the object key (null for pg). */
  finish(): Promise<{ objectKey: string | null }>;
  /** Called when the upload fails: drops what was written outside the transaction (s3). */
  abort(): Promise<void>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

/** Bytes per stored chunk (pg) and per read while streaming. */
export const CHUNK_BYTES = 256 * 1024;
