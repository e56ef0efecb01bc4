import { createHash } from 'node:crypto';

import {
  ContentInspector,
  endsWithZipDirectory,
  nameForType,
  sanitizeFileName,
  sniff,
} from './content-inspector';

describe(ContentInspector.name, () => {
  const feed = (bytes: Buffer, chunk = 7) => {
    const sut = new ContentInspector();
    for (let i = 0; i < bytes.length; i += chunk) sut.update(bytes.subarray(i, i + chunk));
    return sut.finish();
  };

  it('should find the type by magic bytes whatever the chunking', () => {
    expect(feed(Buffer.from('%PDF-1.7\n%%EOF\n')).sniffed).toEqual({ type: 'pdf' });
    expect(feed(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0])).sniffed).toEqual({ type: 'jpeg' });
    expect(feed(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).sniffed).toEqual({
      type: 'png',
    });
  });

  it('should find /JavaScript split across two chunks of a PDF', () => {
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(5000, 0x20),
      Buffer.from('<< /S /JavaScript >>'),
    ]);
    expect(() => feed(pdf, 4100)).toThrow(expect.objectContaining({ code: 'ATTACHMENT_HOSTILE' }));
    expect(() => feed(pdf, 3)).toThrow(expect.objectContaining({ code: 'ATTACHMENT_HOSTILE' }));
  });

  it('should not take /JSON or /Javascripts-like names for active content', () => {
    expect(feed(Buffer.from('%PDF-1.4\n/JSON /JSObject /Launcher\n')).size).toBeGreaterThan(0);
  });

  it('should hash the whole stream', () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10000, 0x41)]);
    const found = feed(bytes, 333);
    expect(found.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(found.size).toBe(10009);
  });
});

describe('sniff', () => {
  it('should call HEIC by its ftyp brands and refuse other ISO media (MP4)', () => {
    const box = (brand: string, compat: string) =>
      Buffer.from(`\0\0\0\x18ftyp${brand}\0\0\0\0${compat}`, 'latin1');
    expect(sniff(box('heic', 'mif1heic'))).toEqual({ type: 'heic' });
    expect(sniff(box('mif1', 'heicmif1'))).toEqual({ type: 'heic' });
    expect(sniff(box('isom', 'isomavc1'))).toEqual({ refused: 'unknown' });
  });

  it('should name executables, legacy Office files and archives', () => {
    expect(sniff(Buffer.from('MZ\x90\0', 'latin1'))).toEqual({ refused: 'executable' });
    expect(sniff(Buffer.from([0xcf, 0xfa, 0xed, 0xfe]))).toEqual({ refused: 'executable' });
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({
      refused: 'legacyOffice',
    });
    expect(sniff(Buffer.from('Rar!\x1a\x07', 'latin1'))).toEqual({ refused: 'zip' });
    expect(sniff(Buffer.alloc(0))).toEqual({ refused: 'empty' });
  });
});

describe('endsWithZipDirectory', () => {
  it('should see an end record whose comment reaches the end of the file, and nothing else', () => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    expect(endsWithZipDirectory(Buffer.concat([Buffer.alloc(100), eocd]))).toBe(true);
    // the same four bytes in the middle of a photo's data are no zip
    expect(endsWithZipDirectory(Buffer.concat([eocd, Buffer.alloc(100)]))).toBe(false);
  });
});

describe('file names', () => {
  it('should drop folders, control and bidi characters, and keep Chinese', () => {
    expect(sanitizeFileName('C:\\Users\\张三\\桌面\\投资协议.pdf')).toBe('投资协议.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('合同\u202egpj.exe')).toBe('合同gpj.exe');
    expect(sanitizeFileName('a\u0000b"c<d>.pdf')).toBe('ab_c_d_.pdf');
    expect(sanitizeFileName('')).toBe('附件');
    expect(sanitizeFileName(`${'长'.repeat(300)}.pdf`)).toHaveLength(255);
  });

  it('should add the type’s extension to a bare name and refuse one that disagrees', () => {
    expect(nameForType('开工照片', 'png')).toBe('开工照片.png');
    expect(nameForType('IMG_1.JPEG', 'jpeg')).toBe('IMG_1.JPEG');
    expect(() => nameForType('合同.pdf', 'png')).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT_TYPE_MISMATCH' }),
    );
    expect(() => nameForType('照片.jpg.exe', 'jpeg')).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT_TYPE_MISMATCH' }),
    );
  });
});
