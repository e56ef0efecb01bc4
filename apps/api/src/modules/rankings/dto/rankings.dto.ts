import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MONTH_PATTERN } from '@pacer/shared';
import { IsOptional, IsString, Matches } from 'class-validator';

/** A reason's longest length (a re-close, a scoring entry). */
export const REASON_MAX = 500;

export class MonthQueryDto {
  @ApiProperty({ example: '2026-10', description: 'A month of the plan year (YYYY-MM)' })
  @Matches(MONTH_PATTERN)
  month: string;
}

export class RankingQueryDto extends MonthQueryDto {
  @ApiPropertyOptional({
    example: 'towns',
    description: 'A ranking group code of the plan (分类考核); all groups when absent',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  group?: string;
}
