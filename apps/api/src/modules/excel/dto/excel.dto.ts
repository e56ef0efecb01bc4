import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MONTH_PATTERN, type TemplateQuery } from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** `?planId=&month=` of the templates, the uploads (multipart fields) and the plan exports. */
export class PlanMonthQueryDto implements TemplateQuery {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  planId: number;

  @ApiPropertyOptional({ example: '2026-03', description: 'Required for reports (a month of the plan year)' })
  @IsOptional()
  @Matches(MONTH_PATTERN)
  month?: string;
}

/** `?planId=&month=` where the month is required (progress and reports exports, like their screens). */
export class PlanRequiredMonthQueryDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  planId: number;

  @ApiProperty({ example: '2026-06' })
  @Matches(MONTH_PATTERN)
  month: string;
}

/** `?planId=&month=&group=` of the ranking export (the ranking screen's own parameters). */
export class RankingExportQueryDto extends PlanRequiredMonthQueryDto {
  @ApiPropertyOptional({
    example: 'towns',
    description: 'A ranking group code of the plan; all groups when absent',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  group?: string;
}

/** The multipart form of an upload: the file travels as `file`, these as fields. */
export class ImportUploadDto extends PlanMonthQueryDto {}
