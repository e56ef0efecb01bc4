import { crc32, deflateRawSync } from 'node:zlib';

import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

import { readZipDirectory, readZipEntry } from '../../src/modules/excel/xlsx-guard';

/** Reads an .xlsx answered by the API. */
export async function readXlsx(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

export async function toXlsx(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** supertest: keep a binary body as a Buffer. */
export function binary(res: Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** GET an .xlsx route; answers the status and the bytes. */
export async function download(
  http: TestAgent,
  auth: string,
  path: string,
): Promise<{ status: number; body: Buffer; res: Response }> {
  const res = await http.get(`/api/v1${path}`).set('Authorization', auth).buffer(true).parse(binary);
  return { status: res.status, body: res.body as Buffer, res };
}

/** POST a file to an import route (multipart: file + fields). */
export function upload(
  http: TestAgent,
  auth: string,
  kind: string,
  file: Buffer,
  fields: Record<string, string | number>,
  fileName = '导入.xlsx',
) {
  let req = http.post(`/api/v1/imports/${kind}`).set('Authorization', auth).attach('file', file, fileName);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
  return req;
}

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Uncompressed size written in the directory (a lie makes a crafted bomb). */
  declaredSize?: number;
}

/** A minimal zip writer (deflate), for hostile fixtures that no spreadsheet library would write. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a real .xlsx (to rebuild it with one part added or changed). */
export async function xlsxParts(buffer: Buffer): Promise<ZipPart[]> {
  return readZipDirectory(buffer, 10000)
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => ({ name: e.name, data: readZipEntry(buffer, e, Number.MAX_SAFE_INTEGER) }));
}
