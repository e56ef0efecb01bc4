import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';

/** A route id: a positive 32-bit integer, else 400 naming the parameter (VAL-1). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) {
      throw ApiException.field(field, 'isId', `${field}：必须是正整数编号`, `${field} must be a positive integer id`);
    }
    return Number(value);
  }
}
