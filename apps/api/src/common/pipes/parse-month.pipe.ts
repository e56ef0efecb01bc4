import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { BUSINESS_DATE_MAX, BUSINESS_DATE_MIN, isBusinessMonth, MONTH_PATTERN } from '@pacer/shared';

import { ApiException } from '../exceptions/api.exception';

/** A route month `YYYY-MM` inside the business window, else 400 naming the parameter (VAL-1). */
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
    if (!isBusinessMonth(value)) {
      const [min, max] = [BUSINESS_DATE_MIN.slice(0, 7), BUSINESS_DATE_MAX.slice(0, 7)];
      throw ApiException.field(
        field,
        'isBusinessMonth',
        `${field}：月份超出允许范围（${min} 至 ${max}）`,
        `${field} must be a month between ${min} and ${max}`,
      );
    }
    return value;
  }
}
