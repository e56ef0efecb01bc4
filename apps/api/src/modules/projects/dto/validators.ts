import {
  BUSINESS_DATE_MAX,
  BUSINESS_DATE_MIN,
  CREDIT_CODE_PATTERN,
  isBusinessDate,
  isIsoDate,
  isValidCreditCode,
} from '@pacer/shared';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** Optional, but when present it must be valid: null is refused (for fields that cannot be cleared). */
export const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/**
 * A real calendar date `YYYY-MM-DD` (2026-02-30 is refused) inside the business window (VAL-1: 1900-01-01 is a
 * typing error); the window test reports only for a well-formed date, so the clerk learns which is wrong.
 */
export function IsIsoDateString(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be between ${BUSINESS_DATE_MIN} and ${BUSINESS_DATE_MAX}`, ...options },
      validator: { validate: (value: unknown) => !isIsoDate(value) || isBusinessDate(value) },
    });
  };
}

/**
 * 统一社会信用代码: the layout, then the GB 32100-2015 check character (two codes, so the clerk learns which).
 * The layout test alone reports when the layout is wrong; the check test reports only for a well-formed code.
 */
export function IsCreditCode() {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'creditCodeFormat',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be 18 characters of a 统一社会信用代码` },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CREDIT_CODE_PATTERN.test(value),
      },
    });
    registerDecorator({
      name: 'creditCodeCheck',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} has a wrong check character (GB 32100-2015)` },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || !CREDIT_CODE_PATTERN.test(value) || isValidCreditCode(value),
      },
    });
  };
}

/** Credit codes are written in capitals; a blank one means "not known". */
export const NormaliseCreditCode = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed.toUpperCase();
  });
