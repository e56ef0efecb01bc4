import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHAIN_SEGMENTS,
  isValidCreditCode,
  type ChainLinkInput,
  type ChainSegment,
  type ChainTargetInput,
  type CreateChainRequest,
  type UpdateChainRequest,
} from '@pacer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';

/** Credit codes are written in capitals; a blank one means "not known". */
const NormaliseCreditCode = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() || null : value));

/** 统一社会信用代码 with its GB 32100-2015 check character. */
const IsCreditCode = () =>
  ValidateBy({
    name: 'creditCode',
    validator: {
      validate: (value: unknown) => isValidCreditCode(value),
      defaultMessage: () => 'creditCode must be a 统一社会信用代码 with a valid check character',
    },
  });

const NOT_BLANK = /\S/;

export class ChainTargetDto implements ChainTargetInput {
  @ApiProperty({ example: '江源锂业科技有限公司' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  name: string;

  @ApiPropertyOptional({ example: '91360902MA35G8K72D', type: String, nullable: true, description: '统一社会信用代码' })
  @IsOptional()
  @NormaliseCreditCode()
  @IsCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({ example: '链主企业，2025年已赴总部对接', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string | null;
}

export class ChainLinkDto implements ChainLinkInput {
  @ApiPropertyOptional({ example: 3, description: 'An existing link of the chain; omitted = a new link' })
  @OptionalNotNull()
  @IsDbInt()
  id?: number;

  @ApiProperty({ example: 'midstream', enum: CHAIN_SEGMENTS })
  @IsIn(CHAIN_SEGMENTS)
  segment: ChainSegment;

  @ApiProperty({ example: '电芯' })
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string | null;

  @ApiPropertyOptional({ type: [ChainTargetDto], description: "The link's whole target list (replaces it)" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChainTargetDto)
  targets?: ChainTargetDto[];
}

class ChainFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @ApiPropertyOptional({ example: '王建军', type: String, nullable: true, description: '链长' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  leaderName?: string | null;

  @ApiPropertyOptional({ example: '县委常委、常务副县长', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  leaderTitle?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '牵头部门' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDbInt()
  leadUnitId?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '产业专班' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDbInt()
  taskForceUnitId?: number | null;

  @ApiPropertyOptional({ example: 10 })
  @OptionalNotNull()
  @IsInt()
  @Min(-100000)
  @Max(100000)
  sortOrder?: number;
}

export class CreateChainDto extends ChainFieldsDto implements CreateChainRequest {
  @ApiProperty({ example: '新能源', description: "Best one of the plan's industry chains (the ledger's 所属产业链)" })
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  name: string;

  @ApiPropertyOptional({ type: [ChainLinkDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChainLinkDto)
  links?: ChainLinkDto[];
}

export class UpdateChainDto extends ChainFieldsDto implements UpdateChainRequest {
  @ApiProperty({ example: 1 }) @IsDbInt() version: number;

  @ApiPropertyOptional({ example: '新能源' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  name?: string;

  @ApiPropertyOptional({ type: [ChainLinkDto], description: "The chain's whole link list, in order" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChainLinkDto)
  links?: ChainLinkDto[];

  @ApiPropertyOptional({ example: '并入新材料产业链统一推进', description: 'Removes the chain softly' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  removeReason?: string;
}
