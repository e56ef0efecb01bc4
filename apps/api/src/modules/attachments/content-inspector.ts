import { createHash, type Hash } from 'node:crypto';

import { ATTACHMENT_EXTENSIONS, type AttachmentType } from '@pacer/shared';

import {
  hostile,
  type HostileReason,
  typeMismatch,
  typeRefused,
  type RefusedReason,
} from './attachments.errors';

/**
 * Looks at an upload as it streams past, holding only its first 4 KiB and its last 64 KiB: the type by magic bytes
 * (never by name), the sha256, the size, and the hostile-file rules that need no random access (docs/attachments.md):
 * - HTML, SVG or script markup in the first 1 KiB (what a browser would sniff) → refused, whatever the type;
 * - a PDF or image that a zip reader would also open (an end-of-central-directory record reaching the file's end) →
 *   refused (a polyglot);
 * - a PDF with /JavaScript, /JS, /Launch, /EmbeddedFile(s), /RichMedia or /XFA → refused (active content).
 * Office files (zip) are checked after the upload by `inspectOoxml` over the stored bytes.
 */

const HEAD_BYTES = 4096;
const TAIL_BYTES = 65535 + 22;
const HTML_MARKERS = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed)[\s>/]/i;
const PDF_ACTIVE = /\/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])/;
const PDF_OVERLAP = 16;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** What the first bytes say: an accepted type, `zip` (to be told apart by its parts), or why it is refused. */
export type Sniffed =
  { type: Exclude<AttachmentType, 'docx' | 'xlsx' | 'pptx'> } | { type: 'zip' } | { refused: RefusedReason };

export function sniff(head: Buffer): Sniffed {
  if (head.length === 0) return { refused: 'empty' };
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'pdf' };
  if (starts(0xff, 0xd8, 0xff)) return { type: 'jpeg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { type: 'png' };
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') {
    const size = head.readUInt32BE(0);
    const brands = [head.subarray(8, 12).toString('latin1')];
    for (let p = 16; p + 4 <= Math.min(size, head.length); p += 4)
      brands.push(head.subarray(p, p + 4).toString('latin1'));
    if (brands.some((b) => HEIF_BRANDS.has(b))) return { type: 'heic' };
    return { refused: 'unknown' };
  }
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { type: 'zip' };
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { refused: 'legacyOffice' };
  // MZ (Windows PE), ELF, Mach-O (both byte orders, fat), a script with a #! line, Java class
  if (
    starts(0x4d, 0x5a) ||
    starts(0x7f, 0x45, 0x4c, 0x46) ||
    starts(0xfe, 0xed, 0xfa, 0xce) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xce, 0xfa, 0xed, 0xfe) ||
    starts(0xcf, 0xfa, 0xed, 0xfe) ||
    starts(0xca, 0xfe, 0xba, 0xbe) ||
    starts(0x23, 0x21)
  ) {
    return { refused: 'executable' };
  }
  if (
    starts(0x50, 0x4b, 0x05, 0x06) ||
    starts(0x52, 0x61, 0x72, 0x21) ||
    starts(0x37, 0x7a, 0xbc, 0xaf) ||
    starts(0x1f, 0x8b)
  ) {
    return { refused: 'zip' };
  }
  return { refused: 'unknown' };
}

/** Whether the last bytes of a file hold a zip end-of-central-directory record whose comment ends exactly at EOF. */
export function endsWithZipDirectory(tail: Buffer): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      if (i + 22 + tail.readUInt16LE(i + 20) === tail.length) return true;
    }
  }
  return false;
}

/** A file name as stored and served: no folders, control or bidi characters; at most 255 characters; never empty. */
export function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/["<>|:*?]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (!name) name = '附件';
  if ([...name].length > 255) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, 255 - ext.length).join('') + ext;
  }
  return name;
}

/** The name's extension must be one of the content type's (a name without one gets the type's first). */
export function nameForType(name: string, type: AttachmentType): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const allowed = ATTACHMENT_EXTENSIONS[type];
  if (!ext || !/^[a-z0-9]{1,8}$/.test(ext)) return `${name}.${allowed[0]}`;
  if (!allowed.includes(ext)) throw typeMismatch(ext, type);
  return name;
}

/** The streaming half of the inspection: feed every chunk in order, then `finish()`. */
export class ContentInspector {
  private head = Buffer.alloc(0);
  /** The last chunks, at least TAIL_BYTES of them once there are (kept by reference, joined only at the end). */
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private pdfCarry = '';
  /** Bytes of the file already scanned for PDF active content. */
  private pdfScanned = 0;
  private sniffed: Sniffed | null = null;
  private readonly hash: Hash = createHash('sha256');
  size = 0;

  /** Throws as soon as the bytes seen prove the file hostile or refused (the caller stops and rolls back). */
  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
      if (this.head.length >= HEAD_BYTES) this.decideHead();
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0]!.length >= TAIL_BYTES) {
      this.tailBytes -= this.tail.shift()!.length;
    }
    if (this.sniffed && 'type' in this.sniffed && this.sniffed.type === 'pdf') {
      const start = this.size - chunk.length;
      if (this.pdfScanned < this.size) this.scanPdf(chunk.subarray(Math.max(0, this.pdfScanned - start)));
    }
  }

  private decideHead(): void {
    if (this.sniffed) return;
    this.sniffed = sniff(this.head);
    if ('refused' in this.sniffed) throw typeRefused(this.sniffed.refused);
    if (HTML_MARKERS.test(this.head.subarray(0, 1024).toString('latin1'))) throw hostile('html');
    // the head is scanned once here for a PDF; later chunks as they come
    if (this.sniffed.type === 'pdf') this.scanPdf(this.head);
  }

  private scanPdf(chunk: Buffer): void {
    const text = this.pdfCarry + chunk.toString('latin1');
    if (PDF_ACTIVE.test(text)) throw hostile('pdfActive');
    this.pdfCarry = text.slice(-PDF_OVERLAP);
    this.pdfScanned += chunk.length;
  }

  /** The type found (`zip` still to be told apart), the hash; throws on the rules that need the end of the file. */
  finish(): { sniffed: Exclude<Sniffed, { refused: RefusedReason }>; sha256: string; size: number } {
    if (!this.sniffed) this.decideHead();
    const sniffed = this.sniffed!;
    if ('refused' in sniffed) throw typeRefused(sniffed.refused);
    if (sniffed.type !== 'zip' && endsWithZipDirectory(Buffer.concat(this.tail).subarray(-TAIL_BYTES))) {
      throw hostile('zipInside');
    }
    return { sniffed, sha256: this.hash.digest('hex'), size: this.size };
  }
}

export type { HostileReason };
