import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route parameter that is a UUID (a session family id), lower-cased; else 400 naming the parameter (VAL-1). */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'id';
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw ApiException.field(field, 'isUuid', `${field}：必须是 UUID`, `${field} must be a UUID`);
    }
    return value.toLowerCase();
  }
}
