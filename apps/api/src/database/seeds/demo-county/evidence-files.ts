import { deflateSync } from 'node:zlib';

/**
 * Small evidence files made on the spot (no binary files in the repository): a one-page PDF whose text is Chinese
 * (the viewer's built-in 宋体, STSong-Light, so nothing is embedded) and a PNG "site photo" drawn from a seed.
 * Deterministic: the same arguments give the same bytes. Used by the demo seed and by the tests.
 */

/** A one-page A4 PDF with a title and lines of text (Chinese allowed). */
export function samplePdf(title: string, lines: readonly string[]): Buffer {
  const hex = (text: string) => {
    const utf16 = Buffer.from(text, 'utf16le');
    // UTF-16BE for UniGB-UTF16-H
    for (let i = 0; i + 1 < utf16.length; i += 2) [utf16[i], utf16[i + 1]] = [utf16[i + 1]!, utf16[i]!];
    return `<${utf16.toString('hex').toUpperCase()}>`;
  };
  const content = [
    'BT /F1 20 Tf 72 760 Td',
    `${hex(title)} Tj`,
    'ET',
    ...lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - i * 22} Td ${hex(line)} Tj ET`),
    '0.6 0.1 0.1 RG 2 w 420 90 m 520 90 l 520 150 l 420 150 l h S',
    `BT /F1 14 Tf 440 115 Td ${hex('（盖章）')} Tj ET`,
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [6 0 R] >>',
    // CIDs 1–95 are the ASCII range of Adobe-GB1: half width, so digits and latin letters do not look spaced out
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A "construction site photo" as a PNG (width × height, RGB): sky, ground, a crane and building blocks whose sizes
 * and colours follow `seed`.
 */
export function samplePng(seed: number, width = 320, height = 200): Buffer {
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  const horizon = Math.floor(height * (0.55 + next() * 0.15));
  const blocks = Array.from({ length: 3 + Math.floor(next() * 3) }, () => {
    const w = Math.floor(width * (0.1 + next() * 0.15));
    const h = Math.floor(height * (0.15 + next() * 0.3));
    const x = Math.floor(next() * (width - w));
    const shade = 150 + Math.floor(next() * 80);
    return { x, w, top: horizon - h, color: [shade, shade - 20, shade - 60] as const };
  });
  const craneX = Math.floor(width * (0.2 + next() * 0.6));
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      let rgb: readonly number[];
      if (y >= horizon) rgb = [120 + ((x + y) % 7) * 3, 96, 60];
      else rgb = [135 + Math.floor((y / horizon) * 60), 190 + Math.floor((y / horizon) * 40), 235];
      for (const b of blocks) if (x >= b.x && x < b.x + b.w && y >= b.top && y < horizon) rgb = b.color;
      // the crane: a yellow mast and jib
      if (
        (Math.abs(x - craneX) <= 2 && y > height * 0.12 && y < horizon) ||
        (Math.abs(y - Math.floor(height * 0.14)) <= 1 && x > craneX - 60 && x < craneX + 90)
      ) {
        rgb = [240, 190, 30];
      }
      raw[row + 1 + x * 3] = rgb[0]!;
      raw[row + 2 + x * 3] = rgb[1]!;
      raw[row + 3 + x * 3] = rgb[2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
