import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  DECIMAL_STRING_PATTERN,
  MAX_TARGETS_PER_PUT,
  type ErrorDetail,
  type PutTargetItem,
} from '@pacer/shared';
import { plainToInstance } from 'class-transformer';
import { IsInt, Matches, Max, Min, validateSync } from 'class-validator';

import { ApiException } from '../../../common/exceptions/api.exception';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';
import { flattenValidationErrors } from '../../../common/validation/validation-messages';

/** At most this many error details in one answer (a 20,000-row sheet pasted in the wrong column). */
export const MAX_ERROR_DETAILS = 200;

export class PutTargetItemDto implements PutTargetItem {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(2_147_483_647) unitId: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(1) @Max(2_147_483_647) indicatorId: number;

  @ApiProperty({
    example: '1200000',
    description: 'In the stored unit: 万元 for amounts, a count, a fraction for ratios',
  })
  @Matches(DECIMAL_STRING_PATTERN)
  value: string;

  @ApiProperty({
    example: 3,
    required: false,
    description:
      'The version the target was read at (GET); leave it out for a target that does not exist yet',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export function capDetails(details: ErrorDetail[]): ErrorDetail[] {
  return details.length > MAX_ERROR_DETAILS ? details.slice(0, MAX_ERROR_DETAILS) : details;
}

/**
 * The PUT body: a JSON array of `{ unitId, indicatorId, value, version? }` (at most MAX_TARGETS_PER_PUT). Every row is
 * checked like a DTO body (unknown fields refused) and errors name the row: `0.value`, `3.unitId`.
 */
@Injectable()
export class ParseTargetItemsPipe implements PipeTransform<unknown, PutTargetItemDto[]> {
  transform(body: unknown): PutTargetItemDto[] {
    if (!Array.isArray(body)) {
      throw ApiException.field(
        'body',
        'isArray',
        '请求体必须是数组：[{unitId, indicatorId, value, version}]',
        'The body must be an array of {unitId, indicatorId, value, version}',
      );
    }
    if (body.length > MAX_TARGETS_PER_PUT) {
      throw ApiException.field(
        'body',
        'arrayMaxSize',
        `一次最多提交 ${MAX_TARGETS_PER_PUT} 条目标`,
        `At most ${MAX_TARGETS_PER_PUT} targets per request`,
      );
    }
    const details: ErrorDetail[] = [];
    const items = body.map((raw: unknown, i) => {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        details.push({
          field: String(i),
          code: 'isObject',
          message: `${i}：必须是对象`,
          messageEn: `${i} must be an object`,
        });
        return null as unknown as PutTargetItemDto;
      }
      const item = plainToInstance(PutTargetItemDto, raw);
      const errors = validateSync(item, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        validationError: { target: false, value: false },
      });
      details.push(...flattenValidationErrors(errors, String(i)));
      return item;
    });
    if (details.length > 0) throw ApiException.validation(capDetails(details));
    return items;
  }
}
