import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTIVITY_KINDS,
  ACTIVITY_LEAD_RELATIONS,
  BUSINESS_DATE_MAX,
  BUSINESS_DATE_MIN,
  CREDIT_CODE_PATTERN,
  isBusinessDate,
  isIsoDate,
  isValidCreditCode,
  type ActivityCompanyInput,
  type ActivityKind,
  type ActivityLeadInput,
  type ActivityLeadRelation,
  type CreateActivityRequest,
  type RemoveActivityRequest,
  type UpdateActivityRequest,
} from '@pacer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidateNested,
} from 'class-validator';

import { DB_INT_MAX, IsDbInt } from '../../../common/validation/db-int';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';

const NOT_BLANK = /\S/;

/** A real calendar date `YYYY-MM-DD` inside the business window. */
function IsActivityDate() {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date YYYY-MM-DD` },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be between ${BUSINESS_DATE_MIN} and ${BUSINESS_DATE_MAX}` },
      validator: { validate: (value: unknown) => !isIsoDate(value) || isBusinessDate(value) },
    });
  };
}

/** 统一社会信用代码 when given: the layout and the GB 32100-2015 check character. */
function IsCreditCodeText() {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'creditCodeCheck',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} is not a valid 统一社会信用代码` },
      validator: {
        validate: (value: unknown) =>
          value === null ||
          (typeof value === 'string' && CREDIT_CODE_PATTERN.test(value) && isValidCreditCode(value)),
      },
    });
  };
}

const normaliseCode = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed.toUpperCase();
  });

/** A company met: `investorId`, or `name` (+ credit code) found or added to the 客商库 (the service checks one of them). */
export class ActivityCompanyDto {
  @ApiPropertyOptional({ example: 12, description: 'An existing company of the 客商库' })
  @IsOptional()
  @IsDbInt()
  investorId?: number;

  @ApiPropertyOptional({ example: '浙江绿源食品集团有限公司' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  name?: string;

  @ApiPropertyOptional({ example: '91330100MA2B3C4D5E', type: String, nullable: true })
  @IsOptional()
  @normaliseCode()
  @IsCreditCodeText()
  creditCode?: string | null;

  @ApiPropertyOptional({ example: '董事长亲自接待，有意在园区设立华东分厂', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string | null;
}

export class ActivityLeadDto implements ActivityLeadInput {
  @ApiProperty({ example: 7 }) @IsDbInt() leadId: number;
  @ApiProperty({ enum: ACTIVITY_LEAD_RELATIONS, example: 'created' })
  @IsIn(ACTIVITY_LEAD_RELATIONS)
  relation: ActivityLeadRelation;
}

export class CreateActivityDto implements CreateActivityRequest {
  @ApiProperty({
    enum: ACTIVITY_KINDS,
    example: 'outbound',
    description: '外出招商/来访接待/展会推介/线上洽谈',
  })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ example: '赴长三角新能源产业链招商' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  title: string;

  @ApiProperty({ example: 3, description: 'The organising unit (a reporter: one of their units)' })
  @IsDbInt()
  unitId: number;

  @ApiProperty({ example: '2026-05-12' }) @IsActivityDate() startDate: string;

  @ApiPropertyOptional({ example: '2026-05-14', description: 'Defaults to the start date' })
  @OptionalNotNull()
  @IsActivityDate()
  endDate?: string;

  @ApiProperty({ example: '江苏省常州市' }) @IsString() @Length(1, 100) @Matches(NOT_BLANK) place: string;

  @ApiProperty({ example: '王建国' })
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  leadingOfficial: string;

  @ApiPropertyOptional({ example: '县委常委、常务副县长', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  leadingOfficialTitle?: string | null;

  @ApiPropertyOptional({ example: true, description: '领导带队: a county leader led it' })
  @OptionalNotNull()
  @IsBoolean()
  ledByCountyLeader?: boolean;

  @ApiPropertyOptional({
    example: [5],
    type: [Number],
    description: 'Units taking part beside the organiser',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsDbInt(1, DB_INT_MAX, { each: true })
  participantUnitIds?: number[];

  @ApiPropertyOptional({ example: ['李明（投促中心）', '张华（开发区管委会）'], type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  participants?: string[];

  @ApiPropertyOptional({ type: [ActivityCompanyDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActivityCompanyDto)
  companies?: ActivityCompanyInput[];

  @ApiPropertyOptional({ example: '达成初步投资意向2个，新增线索1条', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  outcome?: string | null;

  @ApiPropertyOptional({ type: [ActivityLeadDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActivityLeadDto)
  leads?: ActivityLeadDto[];

  @ApiPropertyOptional({
    example: 2,
    type: Number,
    nullable: true,
    description: 'An industry chain (产业链)',
  })
  @IsOptional()
  @IsDbInt()
  chainId?: number | null;
}

export class UpdateActivityDto implements UpdateActivityRequest {
  @ApiProperty({ example: 1 }) @IsDbInt() version: number;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS }) @OptionalNotNull() @IsIn(ACTIVITY_KINDS) kind?: ActivityKind;

  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NOT_BLANK) title?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsDbInt() unitId?: number;
  @ApiPropertyOptional() @OptionalNotNull() @IsActivityDate() startDate?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsActivityDate() endDate?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 100) @Matches(NOT_BLANK) place?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @Length(1, 50)
  @Matches(NOT_BLANK)
  leadingOfficial?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  leadingOfficialTitle?: string | null;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() ledByCountyLeader?: boolean;

  @ApiPropertyOptional({ type: [Number] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsDbInt(1, DB_INT_MAX, { each: true })
  participantUnitIds?: number[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  participants?: string[];

  @ApiPropertyOptional({ type: [ActivityCompanyDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActivityCompanyDto)
  companies?: ActivityCompanyInput[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  outcome?: string | null;

  @ApiPropertyOptional({ type: [ActivityLeadDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActivityLeadDto)
  leads?: ActivityLeadDto[];

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsDbInt() chainId?: number | null;
}

export class RemoveActivityDto implements RemoveActivityRequest {
  @ApiProperty({ example: 2 }) @IsDbInt() version: number;

  @ApiProperty({ example: '与五月十二日的外出招商重复登记' })
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  reason: string;
}
