import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import type { EntityManager } from 'typeorm';

import type { Env } from '../../config/env.schema';
import type { AttachmentStore, AttachmentWriter, StoredRef } from './attachment-store';
import { authorization, EMPTY_SHA256, type S3Credentials, sha256Hex } from './s3-signing';

/** S3's smallest multipart part (but the last): what one upload holds in memory at most. */
const PART_BYTES = 5 * 1024 * 1024;

export interface S3Config extends S3Credentials {
  /** `https://minio.example.gov.cn:9000` (path-style requests: `<endpoint>/<bucket>/<key>`). */
  endpoint: string;
  bucket: string;
}

/**
 * PACER_ATTACHMENT_STORE=s3: the bytes in an S3-compatible object store (MinIO, OSS, COS, S3), signed with SigV4
 * (s3-signing.ts, checked against the S3 documentation's example) over path-style URLs, without the SDK. An upload
 * streams as a multipart upload of 5 MiB parts (one part in memory at a time); a file under 5 MiB is one PUT. The
 * row is written in the database transaction after the object is complete; when the transaction fails the writer
 * deletes the object (or aborts the multipart upload). Objects are keyed `attachments/<uuid>`, never by name.
 * Backups: the database dump holds the rows only; back up the bucket with it (docs/attachments.md).
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;

  constructor(
    private readonly config: S3Config,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  static fromEnv(env: Env): S3AttachmentStore {
    const missing = (
      [
        'PACER_S3_ENDPOINT',
        'PACER_S3_BUCKET',
        'PACER_S3_ACCESS_KEY_ID',
        'PACER_S3_SECRET_ACCESS_KEY',
      ] as const
    ).filter((k) => !env[k]);
    if (missing.length) {
      throw new Error(`PACER_ATTACHMENT_STORE=s3 needs ${missing.join(', ')} (docs/attachments.md)`);
    }
    return new S3AttachmentStore({
      endpoint: env.PACER_S3_ENDPOINT!.replace(/\/+$/, ''),
      bucket: env.PACER_S3_BUCKET!,
      region: env.PACER_S3_REGION,
      accessKeyId: env.PACER_S3_ACCESS_KEY_ID!,
      secretAccessKey: env.PACER_S3_SECRET_ACCESS_KEY!,
    });
  }

  /** One signed request; throws on a non-2xx answer (the body's S3 error code in the message). */
  private async send(
    method: string,
    key: string,
    options: { query?: Record<string, string>; body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = new URL(`${this.config.endpoint}/${this.config.bucket}/${key}`);
    const query = options.query ?? {};
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const payloadHash = options.body ? sha256Hex(options.body) : EMPTY_SHA256;
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-date': new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
      'x-amz-content-sha256': payloadHash,
      ...(options.headers ?? {}),
    };
    headers.authorization = authorization(
      this.config,
      method,
      decodeURIComponent(url.pathname),
      query,
      headers,
      payloadHash,
    );
    const { host: _host, ...sent } = headers;
    const response = await this.fetchImpl(url, { method, headers: sent, body: options.body });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
      throw new Error(`object store ${method} ${key}: ${response.status} ${code}`.trim());
    }
    return response;
  }

  openWriter(_manager: EntityManager, _attachmentId: number): AttachmentWriter {
    const key = `attachments/${randomUUID()}`;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let uploadId: string | null = null;
    const parts: Array<{ number: number; etag: string }> = [];
    let isComplete = false;

    const sendPart = async (data: Buffer) => {
      if (!uploadId) {
        const created = await (await this.send('POST', key, { query: { uploads: '' } })).text();
        uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created)?.[1] ?? null;
        if (!uploadId) throw new Error('object store: no UploadId in the answer');
      }
      const number = parts.length + 1;
      const answer = await this.send('PUT', key, {
        query: { partNumber: String(number), uploadId },
        body: data,
      });
      parts.push({ number, etag: answer.headers.get('etag') ?? '' });
    };
    const take = () => {
      const joined = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      return joined;
    };
    return {
      write: async (chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_BYTES) await sendPart(take());
      },
      finish: async () => {
        if (!uploadId) {
          await this.send('PUT', key, { body: take() });
        } else {
          if (pendingBytes > 0) await sendPart(take());
          const xml = `<CompleteMultipartUpload>${parts
            .map((p) => `<Part><PartNumber>${p.number}</PartNumber><ETag>${p.etag}</ETag></Part>`)
            .join('')}</CompleteMultipartUpload>`;
          await this.send('POST', key, { query: { uploadId }, body: Buffer.from(xml) });
        }
        isComplete = true;
        return { objectKey: key };
      },
      abort: async () => {
        if (isComplete) await this.send('DELETE', key);
        else if (uploadId) await this.send('DELETE', key, { query: { uploadId } });
      },
    };
  }

  async readRange(_manager: EntityManager, ref: StoredRef, offset: number, length: number): Promise<Buffer> {
    if (length <= 0) return Buffer.alloc(0);
    const answer = await this.send('GET', ref.objectKey!, {
      headers: { range: `bytes=${offset}-${offset + length - 1}` },
    });
    return Buffer.from(await answer.arrayBuffer());
  }

  openReadStream(ref: StoredRef): Readable {
    const get = () => this.send('GET', ref.objectKey!);
    async function* read() {
      const answer = await get();
      if (!answer.body) return;
      for await (const chunk of Readable.fromWeb(answer.body as unknown as WebReadableStream<Uint8Array>)) {
        yield chunk as Buffer;
      }
    }
    return Readable.from(read(), { objectMode: false });
  }
}
