import type { AuditQuery } from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';

export class AuditQueryDto implements AuditQuery {
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @Type(() => Number) @IsDbInt() userId?: number;
  @IsOptional() @Matches(/^[a-z][a-z0-9_.-]{0,63}$/) action?: string;
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,63}$/) objectType?: string;
  @IsOptional() @Matches(/^[\w.:-]{1,64}$/) objectId?: string;
  @IsOptional() @Type(() => Number) @IsDbInt() unitId?: number;
  @IsOptional() @Type(() => Number) @IsDbInt() page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}
