import { randomBytes } from 'node:crypto';

import { Workbook } from 'exceljs';

import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/plan.factory';
import { insertTargets, targetSnapshot } from './factories/target.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { buildZip, toXlsx, upload, xlsxParts } from './support/xlsx-fixtures';

/** A small valid ledger workbook with the template's sheet and headers. */
async function ledger(fill?: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  const sheet = wb.addWorksheet('项目台账');
  sheet.addRow(['责任单位', '项目名称', '投资方', '投资方来源', '协议投资额（万元）']);
  sheet.addRow(['城关镇', '年产5万吨绿色食品精深加工项目', '安徽丰源食品集团有限公司', '省外', 60000]);
  fill?.(wb);
  return toXlsx(wb);
}

describe('excel: hostile uploads are refused with a clear code and nothing written (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let admin: string;
  let before: { targets: Record<string, string>; projects: number; batches: number; audits: number };

  const state = async () => ({
    targets: await targetSnapshot(t.dataSource, planId),
    projects: (await t.dataSource.query('SELECT count(*)::int AS n FROM project'))[0].n as number,
    batches: (await t.dataSource.query('SELECT count(*)::int AS n FROM import_batch'))[0].n as number,
    audits: (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n as number,
  });

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    const ind = await insertIndicators(t.dataSource, planId);
    await insertTargets(t.dataSource, planId, [
      { unitId: units.T01!, indicatorId: ind.funds!, value: '50000' },
    ]);
    admin = await bearer(t.http, 'admin');
    before = await state();
  });
  afterEach(async () => {
    // whatever was refused, nothing was stored or written
    expect(await state()).toEqual(before);
  });
  afterAll(() => t.close());

  const expectRefused = async (
    file: Buffer,
    status: number,
    code: string,
    fileName = '台账.xlsx',
    kind = 'projects',
  ) => {
    const res = await upload(t.http, admin, kind, file, { planId }, fileName);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.body.messageEn).toBeTruthy();
    return res.body as { message: string; messageEn: string };
  };

  it('should accept the small valid ledger (the baseline the hostile files are made from)', async () => {
    const res = await upload(t.http, admin, 'projects', await ledger(), { planId });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    // leave the state as it was for afterEach
    await t.dataSource.query('DELETE FROM import_batch');
  });

  it('should refuse random bytes named .xlsx as not an Excel file', async () => {
    await expectRefused(randomBytes(4096), 400, 'IMPORT_NOT_XLSX');
  });

  it('should refuse a text file renamed .xlsx and a legacy .xls', async () => {
    await expectRefused(Buffer.from('单位,金额\n城关镇,100\n'), 400, 'IMPORT_NOT_XLSX');
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      randomBytes(2048),
    ]);
    const body = await expectRefused(ole, 400, 'IMPORT_NOT_XLSX', '旧版.xls');
    expect(body.message).toContain('.xls');
  });

  it('should refuse a zip without a workbook', async () => {
    const zip = buildZip([{ name: 'docs/说明.txt', data: Buffer.from('不是工作簿') }]);
    const body = await expectRefused(zip, 400, 'IMPORT_NOT_XLSX');
    expect(body.message).toContain('xl/workbook.xml');
  });

  it('should refuse a crafted zip bomb whose directory claims huge sizes, before inflating anything', async () => {
    const parts = await xlsxParts(await ledger());
    const bomb = buildZip(
      parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, declaredSize: 4_000_000_000 } : p)),
    );
    const body = await expectRefused(bomb, 413, 'IMPORT_ZIP_BOMB');
    expect(body.message).toContain('压缩炸弹');
  });

  it('should refuse real highly compressible data above the unzipped limit, and a directory that lies small', async () => {
    const parts = await xlsxParts(await ledger());
    const zeros = Buffer.alloc(51 * 1024 * 1024);
    const real = buildZip([...parts, { name: 'xl/media/image1.bin', data: zeros }]);
    expect(real.length).toBeLessThan(1024 * 1024);
    await expectRefused(real, 413, 'IMPORT_ZIP_BOMB');
    const lying = buildZip([
      ...parts,
      { name: 'xl/media/image1.bin', data: zeros.subarray(0, 8 * 1024 * 1024), declaredSize: 512 },
    ]);
    await expectRefused(lying, 413, 'IMPORT_ZIP_BOMB');
  });

  it('should refuse a sheet with 25,001 rows (limit 20,000) and a sparse row 1,000,000', async () => {
    const big = await ledger((wb) => {
      const sheet = wb.getWorksheet('项目台账')!;
      for (let i = 0; i < 25000; i++)
        sheet.addRow(['城关镇', `标准厂房项目${i}`, '某某投资有限公司', '省外', 1000]);
    });
    const body = await expectRefused(big, 413, 'IMPORT_TOO_MANY_ROWS');
    expect(body.message).toContain('超过上限 20000 行');
    const sparse = await ledger((wb) => {
      wb.getWorksheet('项目台账')!.getCell('A1000000').value = '城关镇';
    });
    await expectRefused(sparse, 413, 'IMPORT_TOO_MANY_ROWS');
  });

  it('should refuse a whole-column validation that the reader would expand a million times', async () => {
    const parts = await xlsxParts(await ledger());
    const patched = parts.map((p) =>
      p.name === 'xl/worksheets/sheet1.xml'
        ? {
            ...p,
            data: Buffer.from(
              p.data
                .toString('utf8')
                .replace(
                  '</sheetData>',
                  '</sheetData><dataValidations count="1"><dataValidation type="list" sqref="A:C"><formula1>"是,否"</formula1></dataValidation></dataValidations>',
                ),
            ),
          }
        : p,
    );
    await expectRefused(buildZip(patched), 413, 'IMPORT_TOO_MANY_ROWS');
  });

  it('should refuse a cell formula, naming the sheet, row and column', async () => {
    const file = await ledger((wb) => {
      wb.getWorksheet('项目台账')!.getCell('E3').value = { formula: 'E2*2', result: 120000 };
    });
    const body = await expectRefused(file, 422, 'IMPORT_FORMULA');
    expect(body.message).toBe('工作表“项目台账”第3行 E列 含公式，请粘贴为数值后再上传');
  });

  it('should refuse an .xlsm and an .xlsx that carries vbaProject.bin', async () => {
    const parts = await xlsxParts(await ledger());
    const withMacro = buildZip([...parts, { name: 'xl/vbaProject.bin', data: randomBytes(1024) }]);
    await expectRefused(withMacro, 422, 'IMPORT_MACROS', '台账.xlsx');
    await expectRefused(await ledger(), 422, 'IMPORT_MACROS', '台账.xlsm');
    const typed = parts.map((p) =>
      p.name === '[Content_Types].xml'
        ? {
            ...p,
            data: Buffer.from(
              p.data.toString('utf8').replace('sheet.main+xml', 'sheet.macroEnabled.main+xml'),
            ),
          }
        : p,
    );
    await expectRefused(buildZip(typed), 422, 'IMPORT_MACROS');
  });

  it('should refuse a file over the upload limit with 413 IMPORT_TOO_LARGE', async () => {
    const body = await expectRefused(randomBytes(10 * 1024 * 1024 + 1), 413, 'IMPORT_TOO_LARGE');
    expect(body.message).toContain('10 MB');
  });

  it('should refuse the same hostile files on the other kinds too', async () => {
    await expectRefused(randomBytes(2048), 400, 'IMPORT_NOT_XLSX', 'a.xlsx', 'targets');
    const res = await upload(t.http, admin, 'reports', randomBytes(2048), { planId, month: '2026-01' });
    expect(res.body.code).toBe('IMPORT_NOT_XLSX');
  });
});
