import { ValidationPipe } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';
import { flattenValidationErrors } from './validation-messages';

/** Global validation: unknown fields are refused (AC-3), types are not guessed, errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiException.validation(flattenValidationErrors(errors)),
  });
}
