import { type CellValue, Workbook } from 'exceljs';

import { buildZip, xlsxParts } from '../../../../test/support/xlsx-fixtures';
import { ApiException } from '../../../common/exceptions/api.exception';
import { cellText, type SheetCells } from './sheet-reader';
import { readWorkbookStreamed } from './streamed-workbook';

const LIMITS = { maxEntries: 2000 };

async function xlsx(fill: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A one-sheet ledger (header 项目名称 then one text per row). exceljs's own writer can itself break a 4-byte character
 * in a long sharedStrings.xml, so the sheet is written with placeholders and the strings part (or, with `isInline`,
 * the sheet part as inline strings) is written here, byte-exact.
 */
async function ledgerFile(texts: string[], isInline = false): Promise<Buffer> {
  const file = await xlsx((wb) => {
    const s = wb.addWorksheet('项目台账');
    s.addRow(['项目名称']);
    texts.forEach((_, i) => s.addRow([`#${i}`]));
  });
  const parts = await xlsxParts(file);
  const strings = parts.find((p) => p.name === 'xl/sharedStrings.xml')!;
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  if (isInline) {
    const rows = ['项目名称', ...texts].map(
      (text, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c></row>`,
    );
    sheet.data = Buffer.from(`${head}<worksheet ${ns}><sheetData>${rows.join('')}</sheetData></worksheet>`);
  } else {
    // exceljs numbers shared strings in order of first use: the header, then #0, #1, …
    const all = ['项目名称', ...texts];
    const items = all.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
    strings.data = Buffer.from(
      `${head}<sst ${ns} count="${all.length}" uniqueCount="${all.length}">${items.join('')}</sst>`,
    );
  }
  return buildZip(parts);
}

function columnA(sheet: SheetCells): string[] {
  const read: string[] = [];
  sheet.eachRow((row, n) => n > 1 && read.push(row.getCell(1).value as string));
  return read;
}

/** A cell as the sheet readers compare it: dates as ISO text, anything else as cellText. */
function seen(value: CellValue): string | number | boolean | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return cellText(value);
}

function streamedCells(sheet: SheetCells): Record<string, string | number | boolean | null> {
  const cells: Record<string, string | number | boolean | null> = {};
  sheet.eachRow((row, n) => row.eachCell((cell, col) => (cells[`${n}:${col}`] = seen(cell.value))));
  return cells;
}

async function loadedCells(
  file: Buffer,
  name: string,
): Promise<Record<string, string | number | boolean | null>> {
  const wb = new Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const cells: Record<string, string | number | boolean | null> = {};
  wb.getWorksheet(name)!.eachRow((row, n) =>
    row.eachCell((cell, col) => {
      const value = seen(cell.value);
      if (value !== null) cells[`${n}:${col}`] = value;
    }),
  );
  return cells;
}

// Company names, 3-byte CJK and 4-byte characters (𠮷 U+20BB7, 𡈽 U+2123D): each UTF-8 character is split by a chunk
// boundary at some offset when the text is shifted by 0…11 ASCII bytes and read in chunks of 64 bytes
const NAMES = [
  '宁波甬兴新材料有限公司',
  '𠮷野家（中国）餐饮管理有限公司',
  '浙江𡈽方智能装备股份有限公司',
  '杭州湾新区“数字经济”产业园项目（一期）',
];

function crossingText(i: number): string {
  return `${'x'.repeat(i % 12)}${NAMES[i % NAMES.length]}·${'甬'.repeat(i % 7)}${'𠮷'.repeat(i % 5)}第${i}号`;
}

describe('readWorkbookStreamed', () => {
  it('should read Chinese and 4-byte characters exactly when chunk boundaries split them (shared strings and sheet)', async () => {
    const texts = Array.from({ length: 240 }, (_, i) => crossingText(i));
    for (const isInline of [false, true]) {
      const file = await ledgerFile(texts, isInline);
      // the fixture is right: exceljs reads the whole file in one piece
      expect(Object.values(await loadedCells(file, '项目台账')).slice(1)).toEqual(texts);
      for (const chunkSize of [64, 65, 67, 97, 128, 1000]) {
        const read = columnA(
          (await readWorkbookStreamed(file, { ...LIMITS, chunkSize })).getWorksheet('项目台账')!,
        );
        expect(read).toEqual(texts);
        expect(read.join('')).not.toContain('\uFFFD');
      }
    }
  });

  it('should read a Chinese sheet name and a long Chinese cell split across chunks', async () => {
    const name = '𠮷数据表（宁波）';
    const text = `${'x'.repeat(5)}${'宁波甬兴新材料有限公司'.repeat(8)}`;
    const file = await xlsx((wb) => {
      const s = wb.addWorksheet(name);
      s.addRow([text]);
    });
    for (const chunkSize of [64, 66, 70]) {
      const wb = await readWorkbookStreamed(file, { ...LIMITS, chunkSize });
      expect(wb.getWorksheet(name)!.getRow(1).getCell(1).value).toBe(text);
    }
  });

  it('should read a 3,000-row ledger of Chinese names with the default chunk size exactly', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) => crossingText(i * 7 + 3));
    for (const isInline of [false, true]) {
      const file = await ledgerFile(texts, isInline);
      expect(columnA((await readWorkbookStreamed(file, LIMITS)).getWorksheet('项目台账')!)).toEqual(texts);
    }
  });

  it('should give every cell the value exceljs gives when it loads the workbook whole', async () => {
    const file = await xlsx((wb) => {
      const s = wb.addWorksheet('项目台账');
      s.addRow(['责任单位', '项目名称', '协议投资额（万元）', '签约日期', '链主企业', '备注']);
      s.addRow(['NB-001', '宁波甬兴新材料项目', 12500.5, new Date(Date.UTC(2026, 2, 18)), true, null]);
      s.addRow([
        'NB-002',
        { richText: [{ text: '富文本' }, { text: '𠮷项目', font: { bold: true } }] },
        '3,000',
        null,
      ]);
      s.getCell('F3').value = { text: '链接文字', hyperlink: 'https://example.com/项目' };
      s.getCell('D3').value = 46099;
      s.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
      s.getCell('C4').value = 0.375;
      s.getCell('C4').numFmt = '0.00%';
      s.getCell('E4').value = { error: '#N/A' };
      s.getCell('A5').value = '合并的单位';
      s.mergeCells('A5:A7');
      s.getCell('B6').value = '独立项目';
      s.getCell('A9').value = '  有空格  ';
      s.getCell('B9').value = '_x000D_不转义';
      const meta = wb.addWorksheet('代码表', { state: 'hidden' });
      meta.getCell('H1').value = '模板';
      meta.getCell('I1').value = 'projects';
      meta.getCell('H2').value = '计划ID';
      meta.getCell('I2').value = 7;
    });
    const wb = await readWorkbookStreamed(file, { ...LIMITS, chunkSize: 64 });
    expect(streamedCells(wb.getWorksheet('项目台账')!)).toEqual(await loadedCells(file, '项目台账'));
    expect(streamedCells(wb.getWorksheet('代码表')!)).toEqual(await loadedCells(file, '代码表'));
    expect(wb.getWorksheet('不存在')).toBeUndefined();
    expect(wb.getWorksheet('项目台账')!.getRow(7).getCell(1).value).toBe('合并的单位');
    expect(wb.getWorksheet('项目台账')!.getRow(8).getCell(1).value).toBeNull();
  });

  it('should read a 1904 date system and a built-in date format as exceljs does', async () => {
    const file = await xlsx((wb) => {
      wb.properties.date1904 = true;
      const s = wb.addWorksheet('月度数据');
      s.getCell('A1').value = new Date(Date.UTC(2026, 10, 25));
      s.getCell('B1').value = 44636;
      s.getCell('B1').numFmt = 'mm-dd-yy';
    });
    const wb = await readWorkbookStreamed(file, LIMITS);
    expect(streamedCells(wb.getWorksheet('月度数据')!)).toEqual(await loadedCells(file, '月度数据'));
    expect((wb.getWorksheet('月度数据')!.getRow(1).getCell(1).value as Date).toISOString()).toBe(
      '2026-11-25T00:00:00.000Z',
    );
  });

  it('should fail on malformed sheet XML (the upload answers IMPORT_NOT_XLSX) and on a part larger than declared', async () => {
    const parts = await xlsxParts(await ledgerFile(['宁波甬兴新材料有限公司']));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const broken = parts.map((p) =>
      p === sheet ? { ...p, data: Buffer.from(p.data.toString('utf8').replace('</row>', '</rw>')) } : p,
    );
    await expect(readWorkbookStreamed(buildZip(broken), LIMITS)).rejects.toThrow();
    const lying = parts.map((p) => (p === sheet ? { ...p, declaredSize: 100 } : p));
    const error = await readWorkbookStreamed(buildZip(lying), LIMITS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException).code).toBe('IMPORT_ZIP_BOMB');
  });
});
