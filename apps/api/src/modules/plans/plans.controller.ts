import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type PlanRow, type PlansResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreatePlanDto, PlansQueryDto, UpdatePlanDto } from './dto/plans.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: 'Plans, newest year first (optionally of one year), with the root unit name' })
  list(@CurrentActor() actor: Actor, @Query() query: PlansQueryDto): Promise<PlansResponse> {
    return this.plans.list(actor, query.year);
  }

  @Post()
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary: 'Create the plan of a year for a root unit (admin); settings default when omitted',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto): Promise<PlanRow> {
    return this.plans.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: 'A plan with its curve, thresholds, ranking groups and scoring configuration' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<PlanRow> {
    return this.plans.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary:
      'Change settings or status (draft → published → closed); carries version; a closed plan answers 422',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdatePlanDto,
  ): Promise<PlanRow> {
    return this.plans.update(actor, id, dto);
  }
}
