import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest, LoginRequest, LogoutRequest, RefreshRequest } from '@pacer/shared';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'Pacer@2026' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  refreshToken: string;
}

export class LogoutDto implements LogoutRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ example: 'Jiumima#2025' })
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ example: 'Xinmima#2026' })
  @IsString()
  @Length(1, 128)
  newPassword: string;
}
