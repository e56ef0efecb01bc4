import { type ArgumentsHost, Catch, type ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';

import { ApiExceptionFilter } from '../../common/filters/api-exception.filter';
import { loadExcelLimits } from './excel.config';
import { uploadTooLarge } from './excel.errors';

/** Multer stops a file over the size limit with a bare 413: answer it with the import's code and the limit. */
@Catch(PayloadTooLargeException)
export class UploadTooLargeFilter implements ExceptionFilter {
  private readonly inner = new ApiExceptionFilter();
  private readonly maxMb = Math.floor(loadExcelLimits().maxBytes / 1048576);

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    this.inner.catch(uploadTooLarge(this.maxMb), host);
  }
}
