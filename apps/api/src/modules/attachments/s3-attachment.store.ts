import type { Readable } from 'node:stream';

import type { EntityManager } from 'typeorm';

import type { Env } from '../../config/env.schema';
import type { AttachmentStore, AttachmentWriter, StoredRef } from './attachment-store';

/**
 * PACER_ATTACHMENT_STORE=s3: the place for an S3-compatible object store (MinIO, OSS, COS, S3) behind the same
 * interface as the pg store. NOT implemented in this build (no object store is reachable from where it was built,
 * so it could not be tested): choosing it stops the start with this message rather than storing files nowhere.
 * docs/attachments.md says what an implementation must do (multipart upload while streaming, delete on rollback,
 * range reads for the Office check, the bucket in the backup plan).
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;

  static fromEnv(_env: Env): S3AttachmentStore {
    throw new Error(
      'PACER_ATTACHMENT_STORE=s3 is not implemented in this build: use pg (the default), see docs/attachments.md',
    );
  }

  openWriter(_manager: EntityManager, _attachmentId: number): AttachmentWriter {
    throw new Error('not implemented');
  }

  readRange(_manager: EntityManager, _ref: StoredRef, _offset: number, _length: number): Promise<Buffer> {
    throw new Error('not implemented');
  }

  openReadStream(_ref: StoredRef): Readable {
    throw new Error('not implemented');
  }
}
