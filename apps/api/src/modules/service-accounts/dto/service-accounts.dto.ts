import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type CreateServiceAccountRequest, Permission } from '@pacer/shared';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

import { DB_INT_MAX, IsDbInt } from '../../../common/validation/db-int';

const PERMISSIONS = Object.values(Permission);

export class CreateServiceAccountDto implements CreateServiceAccountRequest {
  @ApiProperty({ example: '县统计局数据接口' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/)
  name: string;

  @ApiProperty({ example: [3] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(DB_INT_MAX, { each: true })
  unitIds: number[];

  // any permission name is accepted here; the service refuses those a machine may not hold with a 422 of its own
  @ApiProperty({ example: ['reports.read', 'reports.write', 'reports.submit'], enum: PERMISSIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PERMISSIONS.length)
  @ArrayUnique()
  @IsIn(PERMISSIONS, { each: true })
  permissions: Permission[];

  @ApiProperty({ example: '2027-06-30', description: 'Last day the key works (Asia/Shanghai)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  expiresOn: string;

  @ApiPropertyOptional({ description: 'The account this one replaces (rotation): revoked in the same transaction' })
  @IsOptional()
  @IsDbInt()
  replacesId?: number;
}
