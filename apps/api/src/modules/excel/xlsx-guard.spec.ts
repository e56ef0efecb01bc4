import { Workbook } from 'exceljs';

import { buildZip, toXlsx, xlsxParts } from '../../../test/support/xlsx-fixtures';
import { ApiException } from '../../common/exceptions/api.exception';
import type { ExcelLimits } from './excel.config';
import {
  countRows,
  expandedArea,
  firstFormulaCell,
  inspectXlsx,
  rangeArea,
  readZipDirectory,
} from './xlsx-guard';

const LIMITS: ExcelLimits = {
  maxBytes: 1024 * 1024,
  maxUnzippedBytes: 4 * 1024 * 1024,
  maxRows: 100,
  maxEntries: 200,
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiException
      ? `${error.getStatus()} ${error.code}`
      : `not an ApiException: ${String(error)}`;
  }
  return undefined;
}

async function workbook(fill: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  fill(wb);
  return toXlsx(wb);
}

describe('xlsx-guard', () => {
  it('should accept a plain workbook and report its sheets and data rows', async () => {
    const file = await workbook((wb) => {
      const s = wb.addWorksheet('目标任务');
      s.addRow(['单位名称', '签约总投资（万元）']);
      s.addRow(['城关镇', 120000]);
      s.addRow(['青山镇', 80000.5]);
    });
    expect(inspectXlsx(file, '目标.xlsx', LIMITS).sheets).toEqual([{ name: '目标任务', rows: 2 }]);
  });

  it('should refuse bytes that are not a zip, a zip without a workbook and a legacy .xls by content', () => {
    expect(codeOf(() => inspectXlsx(Buffer.from('这不是Excel文件，只是文本'), 'a.xlsx', LIMITS))).toBe(
      '400 IMPORT_NOT_XLSX',
    );
    const zip = buildZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect(codeOf(() => inspectXlsx(zip, 'a.xlsx', LIMITS))).toBe('400 IMPORT_NOT_XLSX');
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600),
    ]);
    expect(codeOf(() => inspectXlsx(ole, 'a.xls', LIMITS))).toBe('400 IMPORT_NOT_XLSX');
  });

  it('should refuse a directory that claims huge sizes before inflating, and one that lies small', async () => {
    const parts = await xlsxParts(await workbook((wb) => wb.addWorksheet('S').addRow(['a'])));
    const claimed = buildZip(parts.map((p, i) => (i === 0 ? { ...p, declaredSize: 4_000_000_000 } : p)));
    expect(codeOf(() => inspectXlsx(claimed, 'a.xlsx', LIMITS))).toBe('413 IMPORT_ZIP_BOMB');
    const zeros = Buffer.alloc(3 * 1024 * 1024);
    const lying = buildZip([...parts, { name: 'xl/media/padding.bin', data: zeros, declaredSize: 1000 }]);
    expect(codeOf(() => inspectXlsx(lying, 'a.xlsx', LIMITS))).toBe('413 IMPORT_ZIP_BOMB');
    const real = buildZip([...parts, { name: 'xl/media/padding.bin', data: Buffer.alloc(5 * 1024 * 1024) }]);
    expect(real.length).toBeLessThan(64 * 1024);
    expect(codeOf(() => inspectXlsx(real, 'a.xlsx', LIMITS))).toBe('413 IMPORT_ZIP_BOMB');
  });

  it('should refuse macros by part, by content type and by name', async () => {
    const parts = await xlsxParts(await workbook((wb) => wb.addWorksheet('S').addRow(['a'])));
    const vba = buildZip([...parts, { name: 'xl/vbaProject.bin', data: Buffer.from('Attribute VB_Name') }]);
    expect(codeOf(() => inspectXlsx(vba, 'a.xlsx', LIMITS))).toBe('422 IMPORT_MACROS');
    const plain = buildZip(parts);
    expect(codeOf(() => inspectXlsx(plain, '带宏.xlsm', LIMITS))).toBe('422 IMPORT_MACROS');
  });

  it('should name the sheet and cell of the first formula, and not mistake validation formulas for one', async () => {
    const file = await workbook((wb) => {
      const s = wb.addWorksheet('月度数据');
      s.addRow(['单位名称', '实际到位资金（万元）']);
      s.addRow(['城关镇', 100]);
      s.getCell('D3').value = { formula: 'B2*2', result: 200 };
    });
    const error = (() => {
      try {
        inspectXlsx(file, 'a.xlsx', LIMITS);
      } catch (e) {
        return e as ApiException;
      }
      return null;
    })();
    expect(error?.code).toBe('IMPORT_FORMULA');
    expect(error?.messageZh).toContain('第3行 D列 含公式');
    expect(
      firstFormulaCell(
        '<dataValidation sqref="A2:A9"><formula1>代码表!$A$2:$A$9</formula1></dataValidation>',
      ),
    ).toBeNull();
  });

  it('should count rows, including a sparse row far down, and refuse too many', async () => {
    expect(
      countRows(
        '<sheetData><row r="1"><c r="A1"/></row><row r="1000000"><c r="A1000000"/></row></sheetData>',
      ),
    ).toEqual({
      present: 2,
      last: 1000000,
    });
    const file = await workbook((wb) => {
      const s = wb.addWorksheet('项目台账');
      for (let i = 0; i <= LIMITS.maxRows + 1; i++) s.addRow([`项目${i}`]);
    });
    expect(codeOf(() => inspectXlsx(file, 'a.xlsx', LIMITS))).toBe('413 IMPORT_TOO_MANY_ROWS');
  });

  it('should measure validation and merge ranges, whole columns included', () => {
    expect(rangeArea('A2:A501')).toBe(500);
    expect(rangeArea('A:A')).toBe(1048576);
    expect(rangeArea('$B$2:$C$3 E5')).toBe(5);
    expect(
      expandedArea('<dataValidation type="list" sqref="A:B"><formula1>x</formula1></dataValidation>'),
    ).toBe(2 * 1048576);
    expect(readZipDirectory(buildZip([{ name: 'a', data: Buffer.from('b') }]), 10)).toHaveLength(1);
  });
});
