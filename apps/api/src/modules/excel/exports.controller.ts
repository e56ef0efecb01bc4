import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ActivitiesQueryDto } from '../activities/dto/activities-query.dto';
import { AuditQueryDto } from '../audit/dto/audit-query.dto';
import { ProjectsQueryDto } from '../projects/dto/projects-query.dto';
import { PlanMonthQueryDto, PlanRequiredMonthQueryDto, RankingExportQueryDto } from './dto/excel.dto';
import { ExportsService } from './exports.service';
import { XLSX_MIME } from '../../common/xlsx/workbook';
import { xlsxResponse } from './xlsx-response';

/** Every table screen as .xlsx, with the screen's own query parameters and scoping. */
@ApiTags('excel')
@ApiBearerAuth()
@ApiProduces(XLSX_MIME)
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('targets.xlsx')
  @RequirePermission(Permission.TargetsRead)
  @ApiOperation({ summary: 'The targets screen (GET /plans/:id/targets) as .xlsx, amounts in 亿元' })
  async targets(@CurrentActor() actor: Actor, @Query() query: PlanMonthQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.targetsFile(actor, query.planId));
  }

  @Get('progress.xlsx')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({ summary: 'The progress screen (GET /plans/:id/progress?month=) as .xlsx' })
  async progress(
    @CurrentActor() actor: Actor,
    @Query() query: PlanRequiredMonthQueryDto,
  ): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.progressFile(actor, query.planId, query.month));
  }

  @Get('ranking.xlsx')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'The ranking screen (GET /plans/:id/ranking?month=&group=) as .xlsx: frozen when the month is closed',
  })
  async ranking(
    @CurrentActor() actor: Actor,
    @Query() query: RankingExportQueryDto,
  ): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.rankingFile(actor, query.planId, query.month, query.group));
  }

  @Get('reports.xlsx')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: 'The month’s reports (GET /plans/:id/reports?month=) as .xlsx' })
  async reports(
    @CurrentActor() actor: Actor,
    @Query() query: PlanRequiredMonthQueryDto,
  ): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.reportsFile(actor, query.planId, query.month));
  }

  @Get('projects.xlsx')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary: 'The ledger (GET /projects with the same filters and order, every page) as .xlsx',
  })
  async projects(@CurrentActor() actor: Actor, @Query() query: ProjectsQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.projectsFile(actor, query));
  }

  @Get('activities.xlsx')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: '招商活动 (GET /activities with the same filters, every page) as .xlsx' })
  async activities(
    @CurrentActor() actor: Actor,
    @Query() query: ActivitiesQueryDto,
  ): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.activitiesFile(actor, query));
  }

  @Get('audit.xlsx')
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'The audit log (GET /audit with the same filters) as .xlsx (auditor only)' })
  async audit(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.exports.auditFile(actor, query));
  }
}
