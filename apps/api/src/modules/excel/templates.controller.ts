import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { PlanMonthQueryDto } from './dto/excel.dto';
import { XLSX_MIME } from '../../common/xlsx/workbook';
import { TemplatesService } from './templates.service';
import { xlsxResponse } from './xlsx-response';

@ApiTags('excel')
@ApiBearerAuth()
@ApiProduces(XLSX_MIME)
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get('targets.xlsx')
  @RequirePermission(Permission.TargetsWrite)
  @ApiOperation({ summary: '目标任务导入模板: units × indicators, prefilled with the current targets' })
  async targets(@CurrentActor() actor: Actor, @Query() query: PlanMonthQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.templates.build(actor, 'targets', query.planId));
  }

  @Get('reports.xlsx')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({
    summary: '月报数据导入模板 of a month: reporting units × reported indicators, current draft values',
  })
  async reports(@CurrentActor() actor: Actor, @Query() query: PlanMonthQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.templates.build(actor, 'reports', query.planId, query.month));
  }

  @Get('projects.xlsx')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: '项目台账导入模板, prefilled with the ledger the caller may read' })
  async projects(@CurrentActor() actor: Actor, @Query() query: PlanMonthQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.templates.build(actor, 'projects', query.planId));
  }

  @Get('activities.xlsx')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: '招商活动导入模板 (the caller’s units in the unit list)' })
  async activities(@CurrentActor() actor: Actor, @Query() query: PlanMonthQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.templates.build(actor, 'activities', query.planId));
  }
}
