import { Body, Controller, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type PutTargetsResponse, type TargetsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ParseTargetItemsPipe, PutTargetItemDto } from './dto/put-targets.dto';
import { TargetsService } from './targets.service';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('plans/:id/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @RequirePermission(Permission.TargetsRead)
  @ApiOperation({
    summary: 'The plan’s targets and, per parent unit and indicator, the decomposition check (分解不足)',
  })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) planId: number): Promise<TargetsResponse> {
    return this.targets.get(actor, planId);
  }

  @Put()
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.TargetsWrite)
  @ApiOperation({ summary: 'Upsert up to 20,000 targets in one transaction: all rows or none (admin)' })
  @ApiBody({ type: PutTargetItemDto, isArray: true })
  put(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) planId: number,
    @Body(ParseTargetItemsPipe) items: PutTargetItemDto[],
  ): Promise<PutTargetsResponse> {
    return this.targets.put(actor, planId, items);
  }
}
