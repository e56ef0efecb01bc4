import { Readable } from 'node:stream';

import { DataSource, type EntityManager } from 'typeorm';

import { type AttachmentStore, type AttachmentWriter, CHUNK_BYTES, type StoredRef } from './attachment-store';

/** Chunks read per statement while streaming a download (1 MiB). */
const CHUNKS_PER_READ = 4;

/**
 * The default store: the bytes in `attachment_chunk`, 256 KiB bytea rows written in the upload's transaction (the
 * whole file is never in memory), read back a few chunks per statement. They are ordinary rows: every replica reads
 * them and the backup (`npm run backup`) copies them like any table.
 */
export class PgAttachmentStore implements AttachmentStore {
  readonly kind = 'pg' as const;

  constructor(private readonly dataSource: DataSource) {}

  openWriter(manager: EntityManager, attachmentId: number): AttachmentWriter {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        const data = joined.subarray(0, CHUNK_BYTES);
        const rest = joined.subarray(data.length);
        await manager.query('INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES ($1, $2, $3)', [
          attachmentId,
          seq++,
          data,
        ]);
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    };
    return {
      write: async (chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await flush(false);
      },
      finish: async () => {
        await flush(true);
        return { objectKey: null };
      },
      // the transaction's rollback removes the chunks
      abort: async () => {},
    };
  }

  async readRange(manager: EntityManager, ref: StoredRef, offset: number, length: number): Promise<Buffer> {
    if (length <= 0) return Buffer.alloc(0);
    const first = Math.floor(offset / CHUNK_BYTES);
    const last = Math.floor((offset + length - 1) / CHUNK_BYTES);
    const rows: Array<{ data: Buffer }> = await manager.query(
      'SELECT data FROM attachment_chunk WHERE attachment_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
      [ref.attachmentId, first, last],
    );
    const joined = Buffer.concat(rows.map((r) => r.data));
    const start = offset - first * CHUNK_BYTES;
    return joined.subarray(start, start + length);
  }

  openReadStream(ref: StoredRef): Readable {
    const dataSource = this.dataSource;
    const chunks = Math.ceil(ref.sizeBytes / CHUNK_BYTES);
    async function* read() {
      for (let seq = 0; seq < chunks; seq += CHUNKS_PER_READ) {
        const rows: Array<{ data: Buffer }> = await dataSource.query(
          'SELECT data FROM attachment_chunk WHERE attachment_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
          [ref.attachmentId, seq, seq + CHUNKS_PER_READ],
        );
        for (const row of rows) yield row.data;
      }
    }
    return Readable.from(read(), { objectMode: false });
  }
}
