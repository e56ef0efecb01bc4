import { StreamableFile } from '@nestjs/common';

import type { ExportFile } from './exports.service';
import { XLSX_MIME } from '../../common/xlsx/workbook';

/** The .xlsx as a download: an ASCII fallback name and the Chinese name in RFC 5987 form. */
export function xlsxResponse(file: ExportFile): StreamableFile {
  return new StreamableFile(file.buffer, {
    type: XLSX_MIME,
    length: file.buffer.length,
    disposition: `attachment; filename="pacer.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}
