import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { isMonth } from '@pacer/shared';

import { ApiException } from '../../../common/exceptions/api.exception';

/** A month route parameter: `YYYY-MM` with a real month, else 400 naming the parameter. */
@Injectable()
export class ParseMonthPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'month';
    if (!isMonth(value)) {
      throw ApiException.field(
        field,
        'isMonth',
        `${field}：必须是 YYYY-MM 格式的月份`,
        `${field} must be a month (YYYY-MM)`,
      );
    }
    return value;
  }
}
