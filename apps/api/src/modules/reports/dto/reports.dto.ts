import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  type CreateReportRequest,
  DECIMAL_STRING_PATTERN,
  MONTH_PATTERN,
  type BatchApproveRequest,
  type PutReportRequest,
  type PutUnitReportRequest,
  toHalfWidthFigure,
  type ReportActionRequest,
  type ReportValueInput,
} from '@pacer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const MAX_ID = 2_147_483_647;
export const REPORT_TEXT_MAX = 5000;
export const REASON_MAX = 500;

export class ReportValueDto implements ReportValueInput {
  @ApiProperty({ example: 12, description: "A `reported` indicator of the report's plan" })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  indicatorId: number;

  @ApiPropertyOptional({
    example: '3',
    description:
      "The month's increment, a decimal string ≥ 0 (万元 for amounts; a whole number for counts); full-width digits (３．５) are read as ASCII. Required for an indicator entered monthly; for one entered year-to-date (`ytd`) Pacer derives it and ignores what is sent",
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? toHalfWidthFigure(value) : value,
  )
  @ValidateIf((o: ReportValueDto) => o.value !== undefined || o.ytd === undefined || o.ytd === null)
  @IsString()
  @Matches(DECIMAL_STRING_PATTERN)
  value?: string;

  @ApiPropertyOptional({
    example: '1250.5',
    type: String,
    nullable: true,
    description:
      "An indicator entered year-to-date (`entryMode: 'ytd'`): the 累计 of the year so far, a decimal string ≥ 0; refused for any other indicator",
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? toHalfWidthFigure(value) : value,
  )
  @IsOptional()
  @IsString()
  @Matches(DECIMAL_STRING_PATTERN)
  ytd?: string | null;

  @ApiPropertyOptional({
    example: '统计局核减：3月误报的1个项目已终止',
    type: String,
    nullable: true,
    description:
      'Why the 累计 is below the approved 累计 before the month (a correction): required then (else 422), dropped otherwise',
  })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  correctionReason?: string | null;
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

  @ApiPropertyOptional({
    example: true,
    description:
      'Confirms the plausibility warnings (REPORT_NEEDS_CONFIRMATION): saved, and flagged for the reviewer',
  })
  @IsOptional()
  @IsBoolean()
  confirmWarnings?: boolean;
}

/** The body of `PutReportDto` with an optional version (absent: the unit has no report of the month yet). */
export class PutUnitReportDto
  extends OmitType(PutReportDto, ['version'] as const)
  implements PutUnitReportRequest
{
  @ApiPropertyOptional({
    example: 3,
    description: "The report's version; left out when the unit has no report yet",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  version?: number;
}

export class BatchApproveItemDto {
  @ApiProperty({ example: 260 }) @IsInt() @Min(1) @Max(MAX_ID) id: number;
  @ApiProperty({ example: 4 }) @IsInt() @Min(1) @Max(MAX_ID) version: number;
}

export class BatchApproveDto implements BatchApproveRequest {
  @ApiProperty({
    type: [BatchApproveItemDto],
    description: 'Submitted reports of the plan, at most 200',
    example: [
      { id: 260, version: 4 },
      { id: 261, version: 3 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BatchApproveItemDto)
  items: BatchApproveItemDto[];
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
