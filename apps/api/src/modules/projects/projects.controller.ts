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
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type DuplicatesResponse,
  type Page,
  type PendingSharesResponse,
  type ProjectDetail,
  type ProjectFundRow,
  type ProjectRow,
  type ProjectSaveResponse,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import {
  CreateProjectDto,
  DeleteProjectDto,
  ProjectEventDto,
  PutFundDto,
  ShareDecisionDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { DuplicatesQueryDto, ProjectsQueryDto } from './dto/projects-query.dto';
import { ParseMonthPipe } from '../../common/pipes/parse-month.pipe';
import { ProjectEventsService } from './project-events.service';
import { ProjectSharesService } from './project-shares.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly events: ProjectEventsService,
    private readonly shares: ProjectSharesService,
  ) {}

  @Get()
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary:
      '项目台账: filter by plan, unit subtree, stage, size band, origin, chain, text; paged and sorted',
  })
  list(@CurrentActor() actor: Actor, @Query() query: ProjectsQueryDto): Promise<Page<ProjectRow>> {
    return this.projects.list(actor, query);
  }

  @Get('duplicates')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary: '一个项目多个单位报: possible duplicates in every unit and year, checked before saving',
  })
  duplicates(@Query() query: DuplicatesQueryDto): Promise<DuplicatesResponse> {
    return this.projects.findDuplicates(query);
  }

  @Get('pending-shares')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary:
      "待确认分成: shares proposed to the caller's units (an admin: every unit), counted for the responsible unit until confirmed",
  })
  pendingShares(@CurrentActor() actor: Actor): Promise<PendingSharesResponse> {
    return this.shares.listPending(actor);
  }

  @Post()
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'Register a project (code XM<year>-<id>); possible duplicates come back as warnings',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<ProjectSaveResponse> {
    return this.projects.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: 'A project with its stage events, funds in place and possible duplicates' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<ProjectDetail> {
    return this.projects.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'Edit a project (carries version): fields, responsible unit, shares, exclusion with reason',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectSaveResponse> {
    return this.projects.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'Soft-delete a project with a reason (carries version); the row stays with who, when, why',
  })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: DeleteProjectDto,
  ): Promise<void> {
    return this.projects.remove(actor, id, dto);
  }

  @Post(':id/shares/:unitId/decision')
  @HttpCode(200)
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary:
      "Confirm or decline (with a reason) a pending share credited to the caller's unit; a confirmation moves the figures; audited",
  })
  decideShare(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('unitId', ParseIdPipe) unitId: number,
    @Body() dto: ShareDecisionDto,
  ): Promise<ProjectDetail> {
    return this.projects.decideShare(actor, id, unitId, dto);
  }

  @Post(':id/events')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'A stage change {stage, date}; going back (stage or date) is a correction and needs a reason',
  })
  addEvent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ProjectEventDto,
  ): Promise<ProjectDetail> {
    return this.events.addEvent(actor, id, dto);
  }

  @Put(':id/funds/:month')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: '到位资金 of a signed project for a month (not after the current month); version to replace',
  })
  putFund(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
    @Body() dto: PutFundDto,
  ): Promise<ProjectFundRow> {
    return this.events.putFund(actor, id, month, dto);
  }
}
