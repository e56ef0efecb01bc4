import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateUnitRequest, UpdateUnitRequest } from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';

const CATEGORY = /^[a-z][a-z0-9_]{0,39}$/;

export class CreateUnitDto implements CreateUnitRequest {
  @ApiProperty({ example: 'T01' }) @Matches(/^[A-Za-z0-9_.-]{1,40}$/) code: string;
  @ApiProperty({ example: '城关镇' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ example: '城关' }) @IsOptional() @IsString() @Length(1, 40) shortName?: string;
  @ApiProperty({ example: 'town', description: 'county, department, town, park, task_force, or a custom code' })
  @Matches(CATEGORY)
  category: string;
  @ApiPropertyOptional({ example: 1, type: 'integer', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDbInt() parentId?: number | null;
  @ApiPropertyOptional({ example: 10 }) @IsOptional() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
}

export class UpdateUnitDto implements UpdateUnitRequest {
  @ApiProperty() @IsDbInt() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 40) shortName?: string | null;
  @ApiPropertyOptional() @IsOptional() @Matches(CATEGORY) category?: string;
  @ApiPropertyOptional({ description: 'Move the unit; null makes it a root' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDbInt()
  parentId?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-100000) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

export class UnitsQueryDto {
  @ApiPropertyOptional({ description: 'Only this unit and its descendants' })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  rootId?: number;
}
