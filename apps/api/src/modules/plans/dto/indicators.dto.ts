import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENTRY_MODES,
  type EntryMode,
  INDICATOR_CODE_PATTERN,
  INDICATOR_KINDS,
  INDICATOR_SOURCES,
  MEASURES,
  REPORT_FREQUENCIES,
  type ReportFrequency,
  type CreateIndicatorRequest,
  type FormulaDef,
  type IndicatorKind,
  type IndicatorSource,
  type LedgerRule,
  type WorkRule,
  type Measure,
  type UpdateIndicatorRequest,
} from '@pacer/shared';
import {
  Allow,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';

const Present = () => ValidateIf((_, value) => value !== undefined);

/** Points, numeric(8,2). */
const WEIGHT = /^\d{1,6}(\.\d{1,2})?$/;
/** A completion cap as a fraction above 0, numeric(8,4): '1.2' = 120%. */
const CAP = /^(?!0+(\.0+)?$)\d{1,4}(\.\d{1,4})?$/;

const EXAMPLE_RULE: LedgerRule = { measure: 'count', event: 'signed', minAgreedWan: '100000' };
const EXAMPLE_FORMULA: FormulaDef = {
  kind: 'ratio',
  numerator: 'started_projects',
  denominator: 'signed_projects',
};

const EXAMPLE_WORK_RULE: WorkRule = { measure: 'activities', ledByCountyLeader: true };

// ledgerRule, workRule and formula are validated by the shared validators in IndicatorsService (nested field names)

export class CreateIndicatorDto implements CreateIndicatorRequest {
  @ApiProperty({
    example: 'signed_10yi',
    description: 'Unique in the plan; a letter, then letters, digits or _',
  })
  @Matches(INDICATOR_CODE_PATTERN)
  code: string;

  @ApiProperty({ example: '10亿元以上签约项目' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ enum: MEASURES, example: '个' }) @IsIn(MEASURES) measure: Measure;
  @ApiProperty({ enum: INDICATOR_KINDS, example: 'count' }) @IsIn(INDICATOR_KINDS) kind: IndicatorKind;
  @ApiProperty({ enum: INDICATOR_SOURCES, example: 'ledger' })
  @IsIn(INDICATOR_SOURCES)
  source: IndicatorSource;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: EXAMPLE_RULE })
  @Allow()
  ledgerRule?: LedgerRule;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: EXAMPLE_WORK_RULE })
  @Allow()
  workRule?: WorkRule;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: EXAMPLE_FORMULA })
  @Allow()
  formula?: FormulaDef;
  @ApiPropertyOptional({ example: '10', description: 'Points in the default completion scoring' })
  @Present()
  @Matches(WEIGHT)
  weight?: string;

  @ApiPropertyOptional({
    example: '1.2',
    type: String,
    nullable: true,
    description: 'Completion cap as a fraction; null = none',
  })
  @IsOptional()
  @Matches(CAP)
  cap?: string | null;

  @ApiPropertyOptional({ example: true }) @Present() @IsBoolean() isScored?: boolean;
  @ApiPropertyOptional({ example: false }) @Present() @IsBoolean() isHeadline?: boolean;
  @ApiPropertyOptional({ example: 30 }) @Present() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional({ example: '协议投资额10亿元以上（含）、当年签约的项目个数' })
  @Present()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({
    enum: ENTRY_MODES,
    example: 'ytd',
    description:
      "How units enter a reported amount or count: the month's figure (month, default) or the year's 累计 (ytd), from which Pacer derives the month's increment",
  })
  @Present()
  @IsIn(ENTRY_MODES)
  entryMode?: EntryMode;

  @ApiPropertyOptional({
    enum: REPORT_FREQUENCIES,
    example: 'quarterly',
    description:
      'How often units report a reported indicator: every month (monthly, default), only in 3/6/9/12 (quarterly) or when there is something to report (optional); a month not reported is no value, never 0',
  })
  @Present()
  @IsIn(REPORT_FREQUENCIES)
  reportFrequency?: ReportFrequency;
}

export class UpdateIndicatorDto implements UpdateIndicatorRequest {
  @ApiProperty({ example: 1 }) @IsDbInt() version: number;
  @ApiPropertyOptional({ example: '10亿元以上签约项目' })
  @Present()
  @IsString()
  @Length(1, 100)
  name?: string;
  @ApiPropertyOptional({ enum: MEASURES }) @Present() @IsIn(MEASURES) measure?: Measure;
  @ApiPropertyOptional({ enum: INDICATOR_KINDS }) @Present() @IsIn(INDICATOR_KINDS) kind?: IndicatorKind;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: EXAMPLE_RULE })
  @Allow()
  ledgerRule?: LedgerRule;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: EXAMPLE_WORK_RULE })
  @Allow()
  workRule?: WorkRule;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: EXAMPLE_FORMULA })
  @Allow()
  formula?: FormulaDef;
  @ApiPropertyOptional({ example: '12' }) @Present() @Matches(WEIGHT) weight?: string;
  @ApiPropertyOptional({ example: '1', type: String, nullable: true }) @IsOptional() @Matches(CAP) cap?:
    string | null;
  @ApiPropertyOptional() @Present() @IsBoolean() isScored?: boolean;
  @ApiPropertyOptional() @Present() @IsBoolean() isHeadline?: boolean;
  @ApiPropertyOptional() @Present() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional({ description: 'An empty text clears it' })
  @Present()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({
    enum: ENTRY_MODES,
    example: 'ytd',
    description:
      "How units enter a reported amount or count: the month's figure (month, default) or the year's 累计 (ytd), from which Pacer derives the month's increment",
  })
  @Present()
  @IsIn(ENTRY_MODES)
  entryMode?: EntryMode;

  @ApiPropertyOptional({
    enum: REPORT_FREQUENCIES,
    example: 'quarterly',
    description:
      'How often units report a reported indicator: every month (monthly, default), only in 3/6/9/12 (quarterly) or when there is something to report (optional); a month not reported is no value, never 0',
  })
  @Present()
  @IsIn(REPORT_FREQUENCIES)
  reportFrequency?: ReportFrequency;
}
