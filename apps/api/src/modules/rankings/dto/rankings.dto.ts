import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type CloseMonthRequest, MONTH_PATTERN } from '@pacer/shared';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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

export class CloseMonthDto implements CloseMonthRequest {
  @ApiPropertyOptional({
    example: '10月城关镇月报经核实后更正到位资金，重新计算排名',
    description: 'Required to close a month again (the old snapshot is replaced and kept in the audit log)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}
