import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MfaCodeRequest, MfaVerifyRequest } from '@pacer/shared';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

// a 6-digit TOTP code or a recovery code (xxxxx-xxxxx, spaces and case do not matter)
const CODE = /^(\d{6}|[A-Za-z0-9 -]{10,13})$/;

export class MfaVerifyDto implements MfaVerifyRequest {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjcsInB1cnBvc2UiOiJtZmEifQ.c2lnbmF0dXJl', description: 'From POST /auth/login' })
  @IsString()
  @Length(10, 1000)
  mfaToken: string;

  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code?: string;

  @ApiPropertyOptional({ example: 'k7m2p-q9x4t' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{10,13}$/, { message: 'recoveryCode must look like xxxxx-xxxxx' })
  recoveryCode?: string;
}

export class MfaConfirmDto implements MfaCodeRequest {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class MfaCodeDto implements MfaCodeRequest {
  @ApiProperty({ example: '123456', description: 'A current 6-digit code, or a recovery code' })
  @IsString()
  @Matches(CODE, { message: 'code must be 6 digits or a recovery code' })
  code: string;
}
