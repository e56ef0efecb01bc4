import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';
import { hostileInputException, isBadText } from './hostile-input';
import { flattenValidationErrors } from './validation-messages';

/**
 * Named route params and query values reach their own pipes as the raw text: Nest's pipe would otherwise turn
 * `:id` into `+value` first (global pipes run before param pipes), so ParseIdPipe would refuse every id, and
 * '1e3' or '0x10' would pass as numbers.
 */
class RawPrimitivesValidationPipe extends ValidationPipe {
  // a route param decoded from `%00` holds a NUL (the body and query were checked before routing, in configureApp)
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && typeof value === 'string' && isBadText(value)) {
      throw hostileInputException({ field: metadata.data ?? 'param', kind: 'text' });
    }
    return super.transform(value, metadata);
  }

  protected override transformPrimitive(value: unknown, _metadata: ArgumentMetadata): unknown {
    return value;
  }
}

/** Global validation: unknown fields are refused (AC-3), types are not guessed, errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new RawPrimitivesValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiException.validation(flattenValidationErrors(errors)),
  });
}
