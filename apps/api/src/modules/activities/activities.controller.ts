import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type ActivitiesPage, type ActivityDetail } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ActivitiesService } from './activities.service';
import { ActivitiesQueryDto } from './dto/activities-query.dto';
import { CreateActivityDto, RemoveActivityDto, UpdateActivityDto } from './dto/activity.dto';

// 招商活动 share the ledger's permissions: whoever keeps a unit's projects keeps its activities
@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary:
      '招商活动: filter by unit (organiser or taking part, with its subtree), kind, month, 领导带队, text; paged',
  })
  list(@CurrentActor() actor: Actor, @Query() query: ActivitiesQueryDto): Promise<ActivitiesPage> {
    return this.activities.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary:
      'Log an activity (code HD<year>-<id>): units taking part, companies met (found or added to the 客商库), leads; audited',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateActivityDto): Promise<ActivityDetail> {
    return this.activities.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: 'An activity with its units, companies met and leads' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<ActivityDetail> {
    return this.activities.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'Edit an activity (carries version; lists given replace the stored ones); organiser only',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateActivityDto,
  ): Promise<ActivityDetail> {
    return this.activities.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'Remove an activity with a reason (carries version); the row stays with who, when, why',
  })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: RemoveActivityDto,
  ): Promise<void> {
    return this.activities.remove(actor, id, dto);
  }
}
