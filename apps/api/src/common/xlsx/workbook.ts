import { Workbook } from 'exceljs';

// The spreadsheet basics every .xlsx the API writes shares (excel's templates and exports, the 通报's workbook).

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function newWorkbook(): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'Pacer 招商引资目标考核平台';
  workbook.created = new Date();
  return workbook;
}

/** Number formats: amounts in 万元 with up to 4 decimals, counts, ratios as percentages. */
export const FORMAT = {
  wan: '#,##0.00##',
  count: '#,##0',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  yi: '#,##0.00',
} as const;

export async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
