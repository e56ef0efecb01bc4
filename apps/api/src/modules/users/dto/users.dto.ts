import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type CreateUserRequest, type ResetPasswordRequest, type Role, type UpdateUserRequest } from '@pacer/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

import { DB_INT_MAX, IsDbInt } from '../../../common/validation/db-int';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'chengguan' })
  @Matches(/^[A-Za-z0-9_.@-]{2,64}$/)
  username: string;

  @ApiProperty({ example: '城关镇填报员' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ example: ['reporter'], enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ example: [3], type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(DB_INT_MAX, { each: true })
  unitIds?: number[];

  @ApiProperty({ example: 'Chushi#2026' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiProperty() @IsDbInt() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(DB_INT_MAX, { each: true })
  unitIds?: number[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty() @IsDbInt() version: number;
  @ApiProperty() @IsString() @Length(1, 128) newPassword: string;
}
