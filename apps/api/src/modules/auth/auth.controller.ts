import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, type DemoInfoResponse, type LoginResponse, type LoginResult, Permission } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { AllowPendingMfaEnrolment, AllowPendingPasswordChange, CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { Public } from '../../common/decorators/public.decorator';
import { AuthService } from './auth.service';
import { DemoAccountsService } from './demo-accounts.service';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly demo: DemoAccountsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: a 15-minute access token and a rotating refresh token, or an MFA challenge for POST /auth/mfa/verify',
  })
  login(@CurrentActor() actor: Actor, @Body() dto: LoginDto): Promise<LoginResult> {
    return this.auth.login(actor, dto.username, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate: the refresh token is single-use; a reused one ends the session family' })
  refresh(@CurrentActor() actor: Actor, @Body() dto: RefreshDto): Promise<LoginResponse> {
    return this.auth.refresh(actor, dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the session family of the refresh token' })
  async logout(@CurrentActor() actor: Actor, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(actor, dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @AllowPendingMfaEnrolment()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'The current user, roles, permissions and units' })
  me(@CurrentActor() actor: Actor): Promise<CurrentUser> {
    return this.auth.describe(actor.principal!);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @AllowPendingMfaEnrolment()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'Change the own password (needs the current one); other sessions end' })
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto);
  }

  @Public()
  @Get('demo')
  @ApiOperation({ summary: 'Demo logins (demo mode only; empty otherwise)' })
  demoInfo(): Promise<DemoInfoResponse> {
    return this.demo.info();
  }
}
