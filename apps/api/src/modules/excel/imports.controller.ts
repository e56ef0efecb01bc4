import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ImportCommitResponse, type ImportJob, type ImportPreview, Permission } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ImportUploadDto } from './dto/excel.dto';
import { ImportJobsService } from './import-jobs.service';
import { ImportsService, type UploadedSheet } from './imports.service';
import { UploadTooLargeFilter } from './upload-too-large.filter';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file', 'planId'],
    properties: {
      file: { type: 'string', format: 'binary' },
      planId: { type: 'integer', example: 1 },
      month: { type: 'string', example: '2026-03', description: 'reports only' },
    },
  },
};

/** Upload → preview (every problem with sheet, row, column) → commit (all rows or none, audited). */
@ApiTags('excel')
@ApiBearerAuth()
@UseFilters(UploadTooLargeFilter)
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly jobs: ImportJobsService,
  ) {}

  @Post('targets')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.TargetsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload the targets sheet: parsed and checked, nothing written (preview)' })
  targets(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedSheet | undefined,
    @Body() dto: ImportUploadDto,
  ): Promise<ImportPreview> {
    return this.imports.upload(actor, 'targets', file, dto.planId, dto.month);
  }

  @Post('reports')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReportsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload a month’s figures of every unit (month required): preview' })
  reports(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedSheet | undefined,
    @Body() dto: ImportUploadDto,
  ): Promise<ImportPreview> {
    return this.imports.upload(actor, 'reports', file, dto.planId, dto.month);
  }

  @Post('projects')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ProjectsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload the project ledger: preview (natural key: unit + name + investor)' })
  projects(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedSheet | undefined,
    @Body() dto: ImportUploadDto,
  ): Promise<ImportPreview> {
    return this.imports.upload(actor, 'projects', file, dto.planId, dto.month);
  }

  @Post('activities')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ProjectsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload 招商活动: preview (natural key: organising unit + start date + title)' })
  activities(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedSheet | undefined,
    @Body() dto: ImportUploadDto,
  ): Promise<ImportPreview> {
    return this.imports.upload(actor, 'activities', file, dto.planId, dto.month);
  }

  @Get(':id')
  @RequirePermission(Permission.Self)
  @ApiOperation({
    summary:
      'One of the caller’s import batches (preview, problems, status, and its latest commit job’s progress)',
  })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ImportPreview> {
    return { ...(await this.imports.get(actor, id)), job: await this.jobs.latestOf(actor, id) };
  }

  @Post(':id/commit')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.Self)
  @ApiOperation({
    summary:
      'Write a batch without problems in one transaction (idempotent; the kind’s write permission is checked)',
  })
  commit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ImportCommitResponse> {
    return this.imports.commit(actor, id);
  }

  @Post(':id/jobs')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermission(Permission.Self)
  @ApiOperation({
    summary:
      'Commit a batch as a background job (202 at once; one job per plan at a time, 409 otherwise): the same one transaction as /commit, its progress as `job` of GET /imports/:id',
  })
  startJob(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ImportJob> {
    return this.jobs.start(actor, id);
  }
}
