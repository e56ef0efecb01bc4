import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type BatchApproveResponse,
  type OpenMonthResponse,
  Permission,
  type ReportDetail,
  type ReportsListResponse,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ParseMonthPipe } from '../../common/pipes/parse-month.pipe';
import {
  BatchApproveDto,
  CreateReportDto,
  PutReportDto,
  PutUnitReportDto,
  ReportActionDto,
  ReportsQueryDto,
} from './dto/reports.dto';
import { ReportWorkflowService } from './report-workflow.service';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly workflow: ReportWorkflowService,
  ) {}

  @Get('plans/:id/reports')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({
    summary: "The month's reports with status, and the reporting units with none (a reporter: own units)",
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: ReportsQueryDto,
  ): Promise<ReportsListResponse> {
    return this.reports.list(actor, id, query.month);
  }

  @Post('plans/:id/reports')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: "Get or create the month's draft of a unit in the caller's scope" })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateReportDto,
  ): Promise<ReportDetail> {
    return this.reports.getOrCreate(actor, id, dto);
  }

  @Post('plans/:id/months/:month/open')
  @HttpCode(200)
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Open a month: a draft for every reporting unit that has none (idempotent)' })
  openMonth(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
  ): Promise<OpenMonthResponse> {
    return this.reports.openMonth(actor, id, month);
  }

  @Put('plans/:id/units/:unitId/reports/:month')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({
    summary:
      "Save a unit's report of the month, creating its draft when it has none (version left out then, required else)",
  })
  saveForUnit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('unitId', ParseIdPipe) unitId: number,
    @Param('month', ParseMonthPipe) month: string,
    @Body() dto: PutUnitReportDto,
  ): Promise<ReportDetail> {
    return this.reports.saveForUnit(actor, id, unitId, month, dto);
  }

  @Post('plans/:id/units/:unitId/reports/:month/paper')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({
    summary:
      'Enter a paper report and approve it in one call (create, save, submit, approve; each audited); refused where the plan requires four-eyes',
  })
  enterPaper(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('unitId', ParseIdPipe) unitId: number,
    @Param('month', ParseMonthPipe) month: string,
    @Body() dto: PutUnitReportDto,
  ): Promise<ReportDetail> {
    return this.workflow.enterPaper(actor, id, unitId, month, dto);
  }

  @Post('plans/:id/reports/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({
    summary:
      'Approve several submitted reports at once: each audited and notified on its own; all or nothing (the refusal names items.N)',
  })
  approveBatch(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: BatchApproveDto,
  ): Promise<BatchApproveResponse> {
    return this.workflow.approveBatch(actor, id, dto);
  }

  @Get('reports/:id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({
    summary:
      "A report: each reported indicator's value, approved YTD before the month and target; texts; history",
  })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<ReportDetail> {
    return this.reports.get(actor, id);
  }

  @Put('reports/:id')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: 'Save a draft or returned report (values replace the old ones; carries version)' })
  save(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: PutReportDto,
  ): Promise<ReportDetail> {
    return this.reports.save(actor, id, dto);
  }

  @Post('reports/:id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsSubmit)
  @ApiOperation({
    summary:
      'Submit (draft or returned → submitted); every reported indicator needs a value; late after the deadline',
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ReportActionDto,
  ): Promise<ReportDetail> {
    return this.workflow.submit(actor, id, dto);
  }

  @Post('reports/:id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: 'Approve (submitted → approved); the figures enter the year-to-date summary' })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ReportActionDto,
  ): Promise<ReportDetail> {
    return this.workflow.approve(actor, id, dto);
  }

  @Post('reports/:id/return')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: 'Return for correction (submitted → returned) with a reason' })
  returnReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ReportActionDto,
  ): Promise<ReportDetail> {
    return this.workflow.returnReport(actor, id, dto);
  }

  @Post('reports/:id/unlock')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsUnlock)
  @ApiOperation({
    summary: 'Unlock an approved report (approved → draft) with a reason; audited; YTD recomputed',
  })
  unlock(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ReportActionDto,
  ): Promise<ReportDetail> {
    return this.workflow.unlock(actor, id, dto);
  }
}
