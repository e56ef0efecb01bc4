import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  type StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type ImportPreview, Permission } from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { XLSX_MIME } from '../../common/xlsx/workbook';
import { LeadsQueryDto } from '../leads/dto/lead.dto';
import { ImportUploadDto, PlanMonthQueryDto } from './dto/excel.dto';
import { ImportsService, type UploadedSheet } from './imports.service';
import { LeadsExcelService } from './leads-excel.service';
import { UploadTooLargeFilter } from './upload-too-large.filter';
import { xlsxResponse } from './xlsx-response';

/** The export's query: the plan (its unit tree names the units) and the list's filters. */
class LeadsExportQueryDto extends LeadsQueryDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  planId: number;
}

/** 线索 in and out of Excel (issue 17): template, upload (preview; commit through POST /imports/:id/commit), export. */
@ApiTags('excel')
@ApiBearerAuth()
@Controller()
export class LeadsExcelController {
  constructor(
    private readonly leadsExcel: LeadsExcelService,
    private readonly imports: ImportsService,
  ) {}

  @Get('templates/leads.xlsx')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: '线索导入模板: the caller’s units and the sources as drop-down lists' })
  async template(@CurrentActor() actor: Actor, @Query() query: PlanMonthQueryDto): Promise<StreamableFile> {
    return xlsxResponse(await this.leadsExcel.template(actor, query.planId));
  }

  @Post('imports/leads')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ProjectsWrite)
  @UseFilters(UploadTooLargeFilter)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'planId'],
      properties: { file: { type: 'string', format: 'binary' }, planId: { type: 'integer', example: 1 } },
    },
  })
  @ApiOperation({ summary: 'Upload the 线索 sheet: preview (new rows created at commit; unit + title + company known: unchanged)' })
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedSheet | undefined,
    @Body() dto: ImportUploadDto,
  ): Promise<ImportPreview> {
    return this.imports.upload(actor, 'leads', file, dto.planId, dto.month);
  }

  @Get('exports/leads.xlsx')
  @RequirePermission(Permission.ProjectsRead)
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The 线索 list (GET /leads with the same filters, every page) as .xlsx, in the template’s columns' })
  async export(@CurrentActor() actor: Actor, @Query() query: LeadsExportQueryDto): Promise<StreamableFile> {
    const { planId, ...filters } = query;
    return xlsxResponse(await this.leadsExcel.export(actor, planId, filters));
  }
}
