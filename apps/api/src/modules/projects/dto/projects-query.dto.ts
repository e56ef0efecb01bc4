import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DECIMAL_STRING_PATTERN,
  INVESTOR_ORIGINS,
  PROJECT_STAGES,
  type DuplicatesQuery,
  type InvestorOrigin,
  type ProjectsQuery,
  type ProjectStage,
} from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { IsCreditCode, NormaliseCreditCode } from './validators';

export const PROJECT_SORTS = ['signedDate', 'agreedInvestmentWan', 'name', 'updatedAt'] as const;
export const MAX_PAGE_SIZE = 200;

export class ProjectsQueryDto implements ProjectsQuery {
  @ApiPropertyOptional({ description: "Projects credited to a unit in the plan's root subtree" })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  planId?: number;

  @ApiPropertyOptional({ description: 'Responsible or credited unit is this unit or below it' })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  unitId?: number;

  @ApiPropertyOptional({ enum: PROJECT_STAGES }) @IsOptional() @IsIn(PROJECT_STAGES) stage?: ProjectStage;

  @ApiPropertyOptional({ example: '100000', description: '协议投资额 ≥ this (万元); 100000 = 10亿元以上' })
  @IsOptional()
  @Matches(DECIMAL_STRING_PATTERN)
  minAgreedWan?: string;

  @ApiPropertyOptional({ example: '200000', description: '协议投资额 < this (万元)' })
  @IsOptional()
  @Matches(DECIMAL_STRING_PATTERN)
  maxAgreedWan?: string;

  @ApiPropertyOptional({ enum: INVESTOR_ORIGINS })
  @IsOptional()
  @IsIn(INVESTOR_ORIGINS)
  origin?: InvestorOrigin;
  @ApiPropertyOptional({ example: '新能源' }) @IsOptional() @IsString() @Length(1, 50) industryChain?: string;

  @ApiPropertyOptional({ example: '电池', description: 'Text in the name, investor or code' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ example: 20, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ enum: PROJECT_SORTS })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: (typeof PROJECT_SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class DuplicatesQueryDto implements DuplicatesQuery {
  @ApiPropertyOptional({ example: '年产10万吨新能源电池材料项目' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '宁德时代新能源科技股份有限公司' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  investorName?: string;

  @ApiPropertyOptional({ example: '91350900587527783P' })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  investorCreditCode?: string;

  @ApiPropertyOptional({ example: '150000' })
  @IsOptional()
  @Matches(DECIMAL_STRING_PATTERN)
  agreedInvestmentWan?: string;

  @ApiPropertyOptional({ description: 'The project being edited' })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  excludeId?: number;
}
