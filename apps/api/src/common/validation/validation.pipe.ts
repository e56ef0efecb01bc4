import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';
import { flattenValidationErrors } from './validation-messages';

/**
 * Named route params and query values reach their own pipes as the raw text: Nest's pipe would otherwise turn
 * `:id` into `+value` first (global pipes run before param pipes), so ParseIdPipe would refuse every id, and
 * '1e3' or '0x10' would pass as numbers.
 */
class RawPrimitivesValidationPipe extends ValidationPipe {
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
