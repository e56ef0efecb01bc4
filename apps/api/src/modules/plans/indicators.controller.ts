import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type IndicatorRow, type IndicatorsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateIndicatorDto, UpdateIndicatorDto } from './dto/indicators.dto';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('plans/:id/indicators')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: 'The indicator catalogue of a plan, by sort order' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) planId: number): Promise<IndicatorsResponse> {
    return this.indicators.list(actor, planId);
  }

  @Post('plans/:id/indicators')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary: 'Add an indicator (reported, ledger rule or formula); its code is unique in the plan',
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) planId: number,
    @Body() dto: CreateIndicatorDto,
  ): Promise<IndicatorRow> {
    return this.indicators.create(actor, planId, dto);
  }

  @Patch('indicators/:id')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Change an indicator (carries version); code and source are fixed' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateIndicatorDto,
  ): Promise<IndicatorRow> {
    return this.indicators.update(actor, id, dto);
  }
}
