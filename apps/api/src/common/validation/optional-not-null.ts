import { ValidateIf } from 'class-validator';

/**
 * May be left out, but when the key is sent its value is validated, null included (`@IsOptional()` lets null through,
 * and a required column then fails in SQL: a 500). For fields that cannot be cleared.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
