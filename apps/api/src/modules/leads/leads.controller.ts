import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type FollowUpsResponse,
  type LeadDetail,
  type LeadRow,
  type LeadsSettings,
  type LeadsSummary,
  type Page,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateFollowUpDto, CreateLeadDto, LeadsQueryDto, LeadsSettingsDto, UpdateLeadDto } from './dto/lead.dto';
import { LeadsService } from './leads.service';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: '线索: filter by unit subtree, status, source, owner, chain link, company, 沉睡, 逾期; paged' })
  list(@CurrentActor() actor: Actor, @Query() query: LeadsQueryDto): Promise<Page<LeadRow>> {
    return this.leads.list(actor, query);
  }

  @Get('summary')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: "The caller's open, negotiating, 沉睡 and overdue leads (the dashboard's card)" })
  summary(@CurrentActor() actor: Actor): Promise<LeadsSummary> {
    return this.leads.summary(actor);
  }

  @Get('settings')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: '沉睡: the days without a follow-up after which an open lead is flagged (default 30)' })
  settings(): Promise<LeadsSettings> {
    return this.leads.settings();
  }

  @Put('settings')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Set the 沉睡 days (admin; audited)' })
  putSettings(@CurrentActor() actor: Actor, @Body() dto: LeadsSettingsDto): Promise<LeadsSettings> {
    return this.leads.putSettings(actor, dto);
  }

  @Post()
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: 'Register a lead (code XS<year>-<id>) of a unit in scope; the company is found or added to the 客商库' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLeadDto): Promise<LeadDetail> {
    return this.leads.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: 'A lead with its status trail and follow-ups' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<LeadDetail> {
    return this.leads.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({
    summary: 'Edit a lead or change its status (carries version): 已签约 links a ledger project of the unit, 已搁置 needs a reason',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateLeadDto,
  ): Promise<LeadDetail> {
    return this.leads.update(actor, id, dto);
  }

  @Get(':id/follow-ups')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: '跟进记录 of a lead, newest first' })
  followUps(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<FollowUpsResponse> {
    return this.leads.listFollowUps(actor, id);
  }

  @Post(':id/follow-ups')
  @HttpCode(201)
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: 'Add a follow-up: moves the lead’s last follow-up, next step and its date' })
  addFollowUp(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateFollowUpDto,
  ): Promise<LeadDetail> {
    return this.leads.addFollowUp(actor, id, dto);
  }
}
