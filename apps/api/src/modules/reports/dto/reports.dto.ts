import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateReportRequest,
  DECIMAL_STRING_PATTERN,
  MONTH_PATTERN,
  type PutReportRequest,
  type ReportActionRequest,
  type ReportValue,
} from '@pacer/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MAX_ID = 2_147_483_647;
export const REPORT_TEXT_MAX = 5000;
export const REASON_MAX = 500;

export class ReportValueDto implements ReportValue {
  @ApiProperty({ example: 12, description: "A `reported` indicator of the report's plan" })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  indicatorId: number;

  @ApiProperty({
    example: '3',
    description: "The month's increment, a decimal string ≥ 0 (万元 for amounts)",
  })
  @IsString()
  @Matches(DECIMAL_STRING_PATTERN)
  value: string;
}

export class PutReportDto implements PutReportRequest {
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(MAX_ID) version: number;

  @ApiProperty({
    type: [ReportValueDto],
    description: "Replaces the report's values; an indicator left out has none",
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReportValueDto)
  values: ReportValueDto[];

  @ApiPropertyOptional({ example: '本月新接洽客商12批次，新增项目线索3条，其中新能源电池配套项目1个。' })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_TEXT_MAX)
  progressText?: string;

  @ApiPropertyOptional({ example: '部分项目用地指标尚未落实，影响签约进度。' })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_TEXT_MAX)
  problemsText?: string;

  @ApiPropertyOptional({ example: '下月赴长三角开展小分队招商，力争签约亿元以上项目1个。' })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_TEXT_MAX)
  nextPlanText?: string;
}

export class ReportActionDto implements ReportActionRequest {
  @ApiProperty({ example: 4 }) @IsInt() @Min(1) @Max(MAX_ID) version: number;

  @ApiPropertyOptional({
    example: '实际到位资金缺少银行进账单佐证，请补充后重新提交。',
    description: 'Required for return and unlock',
  })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

export class CreateReportDto implements CreateReportRequest {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(MAX_ID) unitId: number;
  @ApiProperty({ example: '2026-10' }) @Matches(MONTH_PATTERN) month: string;
}

export class ReportsQueryDto {
  @ApiProperty({ example: '2026-10' }) @Matches(MONTH_PATTERN) month: string;
}
