import JSZip from 'jszip';

/**
 * What a test reads back from a .docx: paragraph texts (outside tables), tables as rows of cell texts (a cell's
 * paragraphs joined by newlines), media.
 */
export interface DocxContent {
  paragraphs: string[];
  tables: string[][][];
  media: Record<string, Buffer>;
  xml: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of a piece of WordprocessingML: every <w:t> in order (a title broken over two lines reads whole). */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!))
    .join('');
}

/** Unzips a .docx (jszip, exceljs's own zip reader) and reads word/document.xml. */
export async function readDocx(buffer: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
        // a cell of several paragraphs reads one line each
        [...c[1]!.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((p) => textOf(p[1]!)).join('\n'),
      ),
    ),
  );
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...outside.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)]
    .map((p) => textOf(p[1]!))
    .filter((p) => p !== '');
  const media: Record<string, Buffer> = {};
  for (const name of Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))) {
    media[name] = await zip.file(name)!.async('nodebuffer');
  }
  return { paragraphs, tables, media, xml };
}
