import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DECIMAL_STRING_PATTERN,
  FOLLOW_UP_WAYS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  type CreateFollowUpRequest,
  type CreateLeadRequest,
  type FollowUpWay,
  type InvestorInput,
  type LeadSource,
  type LeadsQuery,
  type LeadsSettings,
  type LeadStatus,
  type UpdateLeadRequest,
} from '@pacer/shared';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';
import { IsCreditCode, IsIsoDateString, NormaliseCreditCode } from '../../projects/dto/validators';

const NOT_BLANK = /\S/;
export const MAX_LEADS_PAGE_SIZE = 200;

/** A company named by a request: `{investorId}` of the 客商库, or `{name, creditCode?}` found or added. */
export class InvestorInputDto {
  @ApiPropertyOptional({ example: 12, description: 'An existing company of the 客商库' })
  @ValidateIf((o: InvestorInputDto) => o.name === undefined)
  @IsDbInt()
  investorId?: number;

  @ApiPropertyOptional({ example: '江苏恒瑞新材料科技有限公司' })
  @ValidateIf((o: InvestorInputDto) => o.investorId === undefined)
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '91320000134779346W' })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  creditCode?: string | null;
}

export class CreateLeadDto implements CreateLeadRequest {
  @ApiProperty({ example: '恒瑞新材料年产5万吨锂电隔膜项目' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  title: string;

  @ApiProperty({ example: 3 }) @IsDbInt() unitId: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'A user of the unit' })
  @IsOptional()
  @IsDbInt()
  ownerUserId?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '王建国', description: 'Required without ownerUserId' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  ownerName?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: '专班 (a task_force unit)' })
  @IsOptional()
  @IsDbInt()
  taskForceUnitId?: number | null;

  @ApiProperty({ type: InvestorInputDto, example: { name: '江苏恒瑞新材料科技有限公司' } })
  @IsObject()
  @ValidateNested()
  @Type(() => InvestorInputDto)
  investor: InvestorInput;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsDbInt() chainLinkId?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '50000', description: '意向投资额 (万元)' })
  @IsOptional()
  @Matches(DECIMAL_STRING_PATTERN)
  intendedInvestmentWan?: string | null;

  @ApiProperty({ enum: LEAD_SOURCES, example: 'expo' }) @IsIn(LEAD_SOURCES) source: LeadSource;

  @ApiPropertyOptional({ example: '2026-11-20' }) @OptionalNotNull() @IsIsoDateString() foundOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '邀请企业来县实地考察' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  nextStep?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-15' })
  @IsOptional()
  @IsIsoDateString()
  nextStepDue?: string | null;
}

export class UpdateLeadDto implements UpdateLeadRequest {
  @ApiProperty({ example: 2 }) @IsDbInt() version: number;

  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NOT_BLANK) title?: string;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsDbInt() ownerUserId?: number | null;

  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 50) @Matches(NOT_BLANK) ownerName?: string;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsDbInt() taskForceUnitId?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsDbInt() chainLinkId?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(DECIMAL_STRING_PATTERN)
  intendedInvestmentWan?: string | null;

  @ApiPropertyOptional({ enum: LEAD_SOURCES }) @OptionalNotNull() @IsIn(LEAD_SOURCES) source?: LeadSource;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @ApiPropertyOptional({ enum: LEAD_STATUSES }) @OptionalNotNull() @IsIn(LEAD_STATUSES) status?: LeadStatus;

  @ApiPropertyOptional({ example: '2026-12-01' }) @OptionalNotNull() @IsIsoDateString() statusChangedOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '企业投资计划调整，暂缓' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  reason?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The ledger project a signed lead links' })
  @IsOptional()
  @IsDbInt()
  projectId?: number | null;
}

export class CreateFollowUpDto implements CreateFollowUpRequest {
  @ApiProperty({ example: '2026-12-02' }) @IsIsoDateString() followedOn: string;
  @ApiProperty({ enum: FOLLOW_UP_WAYS, example: 'visit' }) @IsIn(FOLLOW_UP_WAYS) way: FollowUpWay;

  @ApiProperty({ example: '王建国、企业投资总监李明' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  people: string;

  @ApiProperty({ example: '企业确认来县考察，初步意向选址开发区东区' })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK)
  agreed: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  nextStep?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsIsoDateString() nextStepDue?: string | null;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class LeadsQueryDto implements LeadsQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() unitId?: number;
  @ApiPropertyOptional({ enum: LEAD_STATUSES }) @IsOptional() @IsIn(LEAD_STATUSES) status?: LeadStatus;
  @ApiPropertyOptional({ enum: LEAD_SOURCES }) @IsOptional() @IsIn(LEAD_SOURCES) source?: LeadSource;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() ownerUserId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() chainLinkId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() investorId?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() isDormant?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() isOverdue?: boolean;
  @ApiPropertyOptional({ example: '电池' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LEADS_PAGE_SIZE)
  pageSize?: number;
}

export class LeadsSettingsDto implements LeadsSettings {
  @ApiProperty({ example: 30, description: '沉睡: days without a follow-up (7–365)' })
  @IsInt()
  @Min(7)
  @Max(365)
  dormantDays: number;
}
