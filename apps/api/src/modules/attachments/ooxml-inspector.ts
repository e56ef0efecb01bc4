import { createInflateRaw } from 'node:zlib';

import type { AttachmentType } from '@pacer/shared';

import { hostile, typeRefused, zipRefused } from './attachments.errors';

/**
 * The Office check of an uploaded zip, over the STORED bytes (random access through `read`, a slice at a time, so
 * the file is never whole in memory). Like the import's xlsx guard (excel/xlsx-guard.ts), whose rules it follows:
 * the central directory is read first and the declared uncompressed sizes summed (a zip bomb is refused without
 * inflating anything), then every entry is inflated as a stream with its output counted, never past its declared
 * size (a directory that lies is caught too). ZIP64, macros (vbaProject.bin, ActiveX, macro-enabled content types)
 * and zips that are no docx/xlsx/pptx are refused.
 */

export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export interface OoxmlLimits {
  maxUnzippedBytes: number;
  maxEntries: number;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SLICE = 256 * 1024;
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

async function readDirectory(src: ByteSource, limits: OoxmlLimits): Promise<Entry[]> {
  const tailLength = Math.min(src.size, 65535 + 22);
  const tail = await src.read(src.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw zipRefused('corrupt');
  const count = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw zipRefused('zip64');
  if (count > limits.maxEntries) throw zipRefused('tooManyEntries');
  const eocdAt = src.size - tailLength + eocd;
  if (offset + size > eocdAt || size > MAX_DIRECTORY_BYTES) throw zipRefused('corrupt');
  const dir = await src.read(offset, size);
  const entries: Entry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw zipRefused('corrupt');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    entries.push({
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      uncompressedSize: dir.readUInt32LE(p + 24),
      localHeaderOffset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry as a stream, counting its output; answers its bytes only when `keep` (small parts). */
async function inflateEntry(
  src: ByteSource,
  entry: Entry,
  keep: boolean,
  budget: { left: number },
): Promise<Buffer | null> {
  const header = await src.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw zipRefused('corrupt');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > src.size) throw zipRefused('corrupt');
  if (entry.flags & 0x1) throw typeRefused('legacyOffice');
  const kept: Buffer[] = [];
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw zipRefused('corrupt');
    budget.left -= entry.uncompressedSize;
    if (budget.left < 0) throw zipRefused('bomb');
    return keep ? src.read(start, entry.compressedSize) : null;
  }
  if (entry.method !== 8) throw zipRefused('corrupt');
  const inflate = createInflateRaw();
  let produced = 0;
  let failure: Error | null = null;
  inflate.on('data', (out: Buffer) => {
    produced += out.length;
    budget.left -= out.length;
    if (produced > entry.uncompressedSize || budget.left < 0) {
      failure ??= zipRefused('bomb');
      inflate.destroy();
    } else if (keep) kept.push(out);
  });
  inflate.on('error', (error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => {
    inflate.on('end', resolve);
    inflate.on('close', resolve);
  });
  for (let at = 0; at < entry.compressedSize && !failure; at += SLICE) {
    const slice = await src.read(start + at, Math.min(SLICE, entry.compressedSize - at));
    if (!inflate.write(slice))
      await new Promise<void>((resolve) => inflate.once('drain', resolve).once('close', resolve));
  }
  if (!failure) inflate.end();
  await ended;
  if (failure)
    throw (failure as Error).name === 'ApiException' || 'status' in (failure as object)
      ? failure
      : zipRefused('corrupt');
  if (produced !== entry.uncompressedSize) throw zipRefused('corrupt');
  return keep ? Buffer.concat(kept) : null;
}

/** Which Office document the zip is, after every check; throws the refusal otherwise. */
export async function inspectOoxml(
  src: ByteSource,
  limits: OoxmlLimits,
): Promise<Extract<AttachmentType, 'docx' | 'xlsx' | 'pptx'>> {
  const entries = await readDirectory(src, limits);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUnzippedBytes) throw zipRefused('bomb');
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml')) throw typeRefused('zip');
  const type = names.has('word/document.xml')
    ? 'docx'
    : names.has('xl/workbook.xml')
      ? 'xlsx'
      : names.has('ppt/presentation.xml')
        ? 'pptx'
        : null;
  if (!type) throw typeRefused('zip');
  if (
    entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /^(word|xl|ppt)\/activeX\//i.test(e.name))
  ) {
    throw hostile('macros');
  }
  const budget = { left: limits.maxUnzippedBytes };
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const isContentTypes = entry.name === '[Content_Types].xml';
    if (isContentTypes && entry.uncompressedSize > MAX_CONTENT_TYPES_BYTES) throw zipRefused('corrupt');
    const data = await inflateEntry(src, entry, isContentTypes, budget);
    if (data && /macroEnabled|vbaProject/i.test(data.toString('utf8'))) throw hostile('macros');
  }
  return type;
}
