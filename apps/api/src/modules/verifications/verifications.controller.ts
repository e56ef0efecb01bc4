import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type VerificationRow, type VerificationsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { VerificationAppealDto, VerificationDecisionDto, VerificationsQueryDto } from './dto/verifications.dto';
import { VerificationsService } from './verifications.service';

@ApiTags('verifications')
@ApiBearerAuth()
@Controller('verifications')
export class VerificationsController {
  constructor(private readonly verifications: VerificationsService) {}

  @Get()
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary:
      "认定 queue: counting events (signed, started, producing, registered, fund entries) with their 认定 state, the project's figures and duplicate candidates; scoped like the ledger",
  })
  list(@CurrentActor() actor: Actor, @Query() query: VerificationsQueryDto): Promise<VerificationsResponse> {
    return this.verifications.list(actor, query);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({
    summary:
      "已认定 or 不予认定 (with a reason from the plan's list) of one pending event, with its version; audited, the unit notified, figures refreshed",
  })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: VerificationDecisionDto,
  ): Promise<VerificationRow> {
    return this.verifications.decide(actor, id, dto);
  }

  @Post(':id/appeal')
  @HttpCode(200)
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary:
      "The responsible unit's one appeal of a 不予认定, with a note: back to the queue as 申诉; the office's next decision is final",
  })
  appeal(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: VerificationAppealDto,
  ): Promise<VerificationRow> {
    return this.verifications.appeal(actor, id, dto);
  }
}
