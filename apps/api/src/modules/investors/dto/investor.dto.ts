import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INVESTOR_ORIGINS,
  type CreateInvestorRequest,
  type InvestorContactInput,
  type InvestorOrigin,
  type InvestorsQuery,
  type UpdateInvestorRequest,
} from '@pacer/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';
import { IsCreditCode, NormaliseCreditCode } from '../../projects/dto/validators';

const NOT_BLANK = /\S/;

export class InvestorContactDto implements InvestorContactInput {
  @ApiProperty({ example: '李明' }) @IsString() @Length(1, 50) @Matches(NOT_BLANK) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '投资发展部总监' })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  title?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '13812345678' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\-() ]{3,30}$/)
  phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() @Length(3, 100) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 500) note?: string | null;
}

export class CreateInvestorDto implements CreateInvestorRequest {
  @ApiProperty({ example: '江苏恒瑞新材料科技有限公司' }) @IsString() @Length(1, 200) @Matches(NOT_BLANK) name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: '统一社会信用代码 (checked)' })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({ enum: INVESTOR_ORIGINS, nullable: true })
  @IsOptional()
  @IsIn(INVESTOR_ORIGINS)
  origin?: InvestorOrigin | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 100) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 200) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 2000) note?: string | null;

  @ApiPropertyOptional({ type: [InvestorContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InvestorContactDto)
  contacts?: InvestorContactDto[];
}

export class UpdateInvestorDto implements UpdateInvestorRequest {
  @ApiProperty({ example: 1 }) @IsDbInt() version: number;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NOT_BLANK) name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({ enum: INVESTOR_ORIGINS, nullable: true })
  @IsOptional()
  @IsIn(INVESTOR_ORIGINS)
  origin?: InvestorOrigin | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 100) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 200) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 2000) note?: string | null;

  @ApiPropertyOptional({ type: [InvestorContactDto], description: 'Replaces the whole list' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InvestorContactDto)
  contacts?: InvestorContactDto[];
}

export class InvestorsQueryDto implements InvestorsQuery {
  @ApiPropertyOptional({ example: '恒瑞', description: 'Text in the name or the credit code' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ example: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
