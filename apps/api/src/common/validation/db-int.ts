import { IsInt, Max, Min, type ValidationOptions } from 'class-validator';

/** The largest value of a PostgreSQL `integer` column (ids, versions, counters). */
export const DB_INT_MAX = 2_147_483_647;
export const DB_INT_MIN = -2_147_483_648;

/**
 * An integer that fits the `integer` column it is stored in or compared with (VAL-1): `@IsInt() @Min(min) @Max(max)`
 * in one, so `version: 2147483648` is a 400 naming the field instead of PostgreSQL's "out of range" (a 500).
 * `max` defaults to the column's limit; pass a smaller one where the business rule is tighter.
 */
export function IsDbInt(min = 1, max = DB_INT_MAX, options?: ValidationOptions): PropertyDecorator {
  if (min < DB_INT_MIN || max > DB_INT_MAX || min > max)
    throw new Error(`IsDbInt(${min}, ${max}): outside int4`);
  return (target: object, propertyKey: string | symbol) => {
    IsInt(options)(target, propertyKey as string);
    Min(min, options)(target, propertyKey as string);
    Max(max, options)(target, propertyKey as string);
  };
}
