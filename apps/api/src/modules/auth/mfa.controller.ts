import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type LoginResponse,
  type MfaEnrollmentStartResponse,
  type MfaRecoveryCodesResponse,
  type MfaStatusResponse,
  Permission,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import {
  AllowPendingMfaEnrolment,
  CurrentActor,
  RequirePermission,
} from '../../common/decorators/auth.decorators';
import { Public } from '../../common/decorators/public.decorator';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { MfaCodeDto, MfaConfirmDto, MfaVerifyDto } from './dto/mfa.dto';
import { MfaService } from './mfa.service';

/** AUTH-4: the TOTP second factor. */
@ApiTags('auth')
@Controller()
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Public()
  @Post('auth/mfa/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second login step: the challenge of POST /auth/login and a code → the normal tokens',
  })
  verify(@CurrentActor() actor: Actor, @Body() dto: MfaVerifyDto): Promise<LoginResponse> {
    return this.mfa.verifyLogin(actor, dto);
  }

  @Get('auth/mfa')
  @ApiBearerAuth()
  @AllowPendingMfaEnrolment()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'The own second factor: on or off, required or not, recovery codes left' })
  status(@CurrentActor() actor: Actor): Promise<MfaStatusResponse> {
    return this.mfa.status(actor);
  }

  @Post('auth/mfa/enrollment')
  @ApiBearerAuth()
  @AllowPendingMfaEnrolment()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'Start enrolment: a new secret as QR code and manual key, shown this once' })
  startEnrolment(@CurrentActor() actor: Actor): Promise<MfaEnrollmentStartResponse> {
    return this.mfa.startEnrolment(actor);
  }

  @Post('auth/mfa/enrollment/confirm')
  @HttpCode(200)
  @ApiBearerAuth()
  @AllowPendingMfaEnrolment()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'Confirm enrolment with a first code; answers the 10 recovery codes, shown once' })
  confirmEnrolment(
    @CurrentActor() actor: Actor,
    @Body() dto: MfaConfirmDto,
  ): Promise<MfaRecoveryCodesResponse> {
    return this.mfa.confirmEnrolment(actor, dto.code);
  }

  @Post('auth/mfa/recovery-codes')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'New recovery codes (the old ones stop working), with a current code' })
  regenerateRecoveryCodes(
    @CurrentActor() actor: Actor,
    @Body() dto: MfaCodeDto,
  ): Promise<MfaRecoveryCodesResponse> {
    return this.mfa.regenerateRecoveryCodes(actor, dto.code);
  }

  @Post('auth/mfa/disable')
  @HttpCode(204)
  @ApiBearerAuth()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: 'Turn the own second factor off, with a current code or a recovery code' })
  async disable(@CurrentActor() actor: Actor, @Body() dto: MfaCodeDto): Promise<void> {
    await this.mfa.disable(actor, dto.code);
  }

  @Delete('users/:id/mfa')
  @HttpCode(204)
  @ApiBearerAuth()
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: "Reset another user's second factor (lost phone); ends their sessions; audited" })
  async reset(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.mfa.reset(actor, id);
  }
}
