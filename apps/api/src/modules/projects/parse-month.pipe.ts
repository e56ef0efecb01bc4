import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { MONTH_PATTERN } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

/** A route month `YYYY-MM`, else 400 naming the parameter (VAL-1). */
@Injectable()
export class ParseMonthPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'month';
    if (typeof value !== 'string' || !MONTH_PATTERN.test(value)) {
      throw ApiException.field(
        field,
        'isMonth',
        `${field}：必须是 YYYY-MM 格式的月份`,
        `${field} must be a month YYYY-MM`,
      );
    }
    return value;
  }
}
