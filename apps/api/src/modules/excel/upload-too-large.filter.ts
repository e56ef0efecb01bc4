import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ImportErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';
import { ApiExceptionFilter } from '../../common/filters/api-exception.filter';
import { loadExcelLimits } from './excel.config';

/** Multer stops a file over the size limit with a bare 413: answer it with the import's code and the limit. */
@Catch(PayloadTooLargeException)
export class UploadTooLargeFilter implements ExceptionFilter {
  private readonly inner = new ApiExceptionFilter();
  private readonly maxMb = Math.floor(loadExcelLimits().maxBytes / 1048576);

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    this.inner.catch(
      new ApiException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        ImportErrorCode.TooLarge,
        `文件过大：上限 ${this.maxMb} MB`,
        `The file exceeds the upload limit of ${this.maxMb} MB`,
      ),
      host,
    );
  }
}
