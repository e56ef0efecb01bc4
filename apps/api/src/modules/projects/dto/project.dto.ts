import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DECIMAL_STRING_PATTERN,
  FORTUNE500_KINDS,
  INVESTOR_ORIGINS,
  type CreateProjectRequest,
  type DeleteProjectRequest,
  type Fortune500Kind,
  type InvestorOrigin,
  type ProjectEventRequest,
  type ProjectShare,
  type ProjectStage,
  type PutFundRequest,
  SHARE_DECISIONS,
  type ShareDecision,
  type ShareDecisionRequest,
  type UpdateProjectRequest,
} from '@pacer/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { PATH_STAGES, type PathStage } from '@pacer/shared';
import { IsCreditCode, IsIsoDateString, NormaliseCreditCode, OptionalNotNull } from './validators';

/** A share in percent: up to 3 integer digits and 4 decimals (the column is numeric(7,4)); 0 < share < 100 is a rule. */
export const SHARE_PCT_PATTERN = /^\d{1,3}(\.\d{1,4})?$/;
const NOT_BLANK = /\S/;
const EVENT_KINDS = [...PATH_STAGES, 'dropped', 'registered'] as const;

export class ProjectShareDto implements ProjectShare {
  @ApiProperty({ example: 3, description: 'A co-credited unit (not the responsible one)' })
  @IsDbInt()
  unitId: number;

  @ApiProperty({ example: '40', description: 'Percent, > 0; the responsible unit keeps 100 − the others' })
  @Matches(SHARE_PCT_PATTERN)
  sharePct: string;
}

export class CreateProjectDto implements CreateProjectRequest {
  @ApiProperty({ example: '年产10万吨新能源电池材料项目' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  name: string;

  @ApiProperty({ example: '宁德时代新能源科技股份有限公司' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  investorName: string;

  @ApiPropertyOptional({
    example: '91350900587527783P',
    type: String,
    nullable: true,
    description: '统一社会信用代码 (checked)',
  })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  investorCreditCode?: string | null;

  @ApiProperty({
    example: 'out_of_province',
    enum: INVESTOR_ORIGINS,
    description: '本市 / 市外省内 / 省外 / 境外',
  })
  @IsIn(INVESTOR_ORIGINS)
  origin: InvestorOrigin;

  @ApiPropertyOptional({ example: '新能源', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  industryChain?: string | null;

  @ApiPropertyOptional({ example: 12, type: 'integer', nullable: true, description: '产业链环节 (GET /chains)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDbInt()
  chainLinkId?: number | null;

  @ApiProperty({ example: '150000', description: '协议投资额 in 万元 (decimal string)' })
  @Matches(DECIMAL_STRING_PATTERN)
  agreedInvestmentWan: string;

  @ApiPropertyOptional({ example: 'china_private', enum: FORTUNE500_KINDS, nullable: true })
  @IsOptional()
  @IsIn(FORTUNE500_KINDS)
  fortune500Kind?: Fortune500Kind | null;

  @ApiPropertyOptional({ example: true, description: '链主企业' })
  @OptionalNotNull()
  @IsBoolean()
  isChainLeader?: boolean;
  @ApiPropertyOptional({ example: false, description: '专精特新' })
  @OptionalNotNull()
  @IsBoolean()
  isSpecialized?: boolean;

  @ApiProperty({ example: 2, description: 'The responsible unit (责任单位)' })
  @IsDbInt()
  unitId: number;

  @ApiPropertyOptional({ type: [ProjectShareDto], example: [{ unitId: 3, sharePct: '40' }] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProjectShareDto)
  shares?: ProjectShareDto[];

  @ApiPropertyOptional({ example: 'signed', enum: PATH_STAGES, description: 'Initial stage (default lead)' })
  @OptionalNotNull()
  @IsIn(PATH_STAGES)
  stage?: PathStage;

  @ApiPropertyOptional({
    example: '2026-03-18',
    description: 'Date of the initial stage (default today, Asia/Shanghai)',
  })
  @OptionalNotNull()
  @IsIsoDateString()
  stageDate?: string;

  @ApiPropertyOptional({ example: '建设正极材料生产线及配套仓储', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @ApiPropertyOptional({ example: '张经理 13800000000', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  contact?: string | null;
}

export class UpdateProjectDto implements UpdateProjectRequest {
  @ApiProperty({ example: 3 }) @IsDbInt() version: number;

  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NOT_BLANK) name?: string;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  investorName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  investorCreditCode?: string | null;

  @ApiPropertyOptional({ enum: INVESTOR_ORIGINS })
  @OptionalNotNull()
  @IsIn(INVESTOR_ORIGINS)
  origin?: InvestorOrigin;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(1, 50) industryChain?:
    string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '产业链环节; null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDbInt()
  chainLinkId?: number | null;

  @ApiPropertyOptional({ example: '160000' })
  @OptionalNotNull()
  @Matches(DECIMAL_STRING_PATTERN)
  agreedInvestmentWan?: string;

  @ApiPropertyOptional({ enum: FORTUNE500_KINDS, nullable: true })
  @IsOptional()
  @IsIn(FORTUNE500_KINDS)
  fortune500Kind?: Fortune500Kind | null;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() isChainLeader?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() isSpecialized?: boolean;
  @ApiPropertyOptional({ description: 'A new responsible unit' })
  @OptionalNotNull()
  @IsDbInt()
  unitId?: number;

  @ApiPropertyOptional({ type: [ProjectShareDto], description: 'Replaces the co-credited units' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProjectShareDto)
  shares?: ProjectShareDto[];

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 2000) description?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 100) contact?: string | null;

  @ApiPropertyOptional({ example: true, description: 'Excluded from counting (needs excludedReason)' })
  @OptionalNotNull()
  @IsBoolean()
  isExcluded?: boolean;

  @ApiPropertyOptional({ example: '本市企业迁建，按考核办法不计入', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  excludedReason?: string | null;
}

export class ProjectEventDto implements ProjectEventRequest {
  @ApiProperty({
    example: 'started',
    enum: EVENT_KINDS,
    description: 'A stage, or registered (入库, a date of its own)',
  })
  @IsIn(EVENT_KINDS)
  stage: ProjectStage | 'registered';

  @ApiProperty({ example: '2026-05-20', description: 'Not in the future (Asia/Shanghai)' })
  @IsIsoDateString()
  date: string;

  @ApiPropertyOptional({
    example: '开工日期录入错误，按施工许可证更正',
    description: 'Required for a correction',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  reason?: string;
}

export class PutFundDto implements PutFundRequest {
  @ApiProperty({ example: '12000', description: '到位资金 of the month in 万元' })
  @Matches(DECIMAL_STRING_PATTERN)
  amountWan: string;

  @ApiPropertyOptional({ example: '银行进账单已上传', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string | null;

  @ApiPropertyOptional({ example: 1, description: 'Required when the month already has a figure' })
  @OptionalNotNull()
  @IsDbInt()
  version?: number;
}

export class DeleteProjectDto implements DeleteProjectRequest {
  @ApiProperty({ example: 4 }) @IsDbInt() version: number;

  @ApiProperty({ example: '与开发区重复录入，保留开发区台账' })
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  reason: string;
}

export class ShareDecisionDto implements ShareDecisionRequest {
  @ApiProperty({
    example: 'confirmed',
    enum: SHARE_DECISIONS,
    description: 'confirmed (确认) or declined (拒绝)',
  })
  @IsIn(SHARE_DECISIONS)
  decision: ShareDecision;

  @ApiProperty({
    example: '40',
    description: 'The share the caller saw; 409 when the responsible unit has changed it since',
  })
  @Matches(SHARE_PCT_PATTERN)
  sharePct: string;

  @ApiPropertyOptional({
    example: '该项目由我镇首谈，但未参与后续洽谈，不应分成',
    description: 'Required to decline',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  reason?: string;
}
