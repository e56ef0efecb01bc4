import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_KINDS, MONTH_PATTERN, type ActivitiesQuery, type ActivityKind } from '@pacer/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';

export const MAX_PAGE_SIZE = 200;

const BOOLEAN_TEXT: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

// query values are text: only plain digits become a number ('1e3', '2.5' stay text and fail IsInt)
const WholeNumber = () =>
  Transform(({ value }) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value));

export class ActivitiesQueryDto implements ActivitiesQuery {
  @ApiPropertyOptional({
    description: 'Organised by, or with the participation of, this unit or a unit below it',
  })
  @IsOptional()
  @WholeNumber()
  @IsDbInt()
  unitId?: number;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS }) @IsOptional() @IsIn(ACTIVITY_KINDS) kind?: ActivityKind;

  @ApiPropertyOptional({ example: '2026-05', description: 'Activities starting in the month' })
  @IsOptional()
  @Matches(MONTH_PATTERN)
  month?: string;

  @ApiPropertyOptional({ example: true, description: '领导带队 only (true) or the others (false)' })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && Object.hasOwn(BOOLEAN_TEXT, value) ? BOOLEAN_TEXT[value] : value,
  )
  @IsBoolean()
  ledByCountyLeader?: boolean;

  @ApiPropertyOptional({
    example: '常州',
    description: 'Text in the title, place, leading official or a company',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
