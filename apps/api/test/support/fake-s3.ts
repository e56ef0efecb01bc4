import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { authorization, sha256Hex, type S3Credentials } from '../../src/modules/attachments/s3-signing';

/**
 * An in-memory S3 for the tests (path-style, one bucket): PUT, GET (with Range), DELETE, and the multipart upload
 * (create, part, complete, abort). Every request's SigV4 signature and payload hash are checked; a bad one is 403.
 */
export interface FakeS3 {
  url: string;
  objects: Map<string, Buffer>;
  uploads: Map<string, Map<number, Buffer>>;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeS3(bucket: string, creds: S3Credentials): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, Map<number, Buffer>>();
  const requests: string[] = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, 'http://fake');
      const query = Object.fromEntries(url.searchParams.entries());
      const path = decodeURIComponent(url.pathname);
      const signed = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1]?.split(';') ?? [];
      const headers = Object.fromEntries(signed.map((h) => [h, String(req.headers[h])]));
      const expected = authorization(
        creds,
        req.method!,
        path,
        query,
        headers,
        String(req.headers['x-amz-content-sha256']),
      );
      if (expected !== req.headers.authorization || sha256Hex(body) !== req.headers['x-amz-content-sha256']) {
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      const key = path.replace(`/${bucket}/`, '');
      requests.push(`${req.method} ${Object.keys(query).sort().join('&') || '-'}`);
      if (req.method === 'POST' && 'uploads' in query) {
        const id = `up-${next++}`;
        uploads.set(id, new Map());
        res.end(`<InitiateMultipartUploadResult><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
      } else if (req.method === 'PUT' && query.uploadId) {
        uploads.get(query.uploadId)!.set(Number(query.partNumber), body);
        res.writeHead(200, { ETag: `"${sha256Hex(body).slice(0, 32)}"` }).end();
      } else if (req.method === 'POST' && query.uploadId) {
        const parts = uploads.get(query.uploadId)!;
        objects.set(key, Buffer.concat([...parts.keys()].sort((a, b) => a - b).map((n) => parts.get(n)!)));
        uploads.delete(query.uploadId);
        res.end('<CompleteMultipartUploadResult/>');
      } else if (req.method === 'DELETE' && query.uploadId) {
        uploads.delete(query.uploadId);
        res.writeHead(204).end();
      } else if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200, { ETag: '"x"' }).end();
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else if (req.method === 'GET') {
        const data = objects.get(key);
        if (!data) {
          res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
          return;
        }
        const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
        if (range) res.writeHead(206).end(data.subarray(Number(range[1]), Number(range[2]) + 1));
        else res.writeHead(200, { 'Content-Length': data.length }).end(data);
      } else {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    uploads,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
