import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type BriefingsResponse, type BriefingVersion, Permission } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ParseMonthPipe } from '../../common/pipes/parse-month.pipe';
import { type BriefingFile, BriefingsService } from './briefings.service';
import { BriefingFileQueryDto, PublishBriefingDto } from './dto/briefings.dto';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download: an ASCII fallback name and the Chinese name in RFC 5987 form. */
function download(file: BriefingFile): StreamableFile {
  return new StreamableFile(file.buffer, {
    type: file.format === 'docx' ? DOCX_MIME : XLSX_MIME,
    length: file.buffer.length,
    disposition: `attachment; filename="briefing.${file.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}

@ApiTags('briefings')
@ApiBearerAuth()
@Controller('plans')
export class BriefingsController {
  constructor(private readonly briefings: BriefingsService) {}

  @Post(':id/months/:month/briefing')
  @RequirePermission(Permission.MonthsClose)
  @ApiOperation({
    summary:
      'Generate the month’s 通报 (.docx + .xlsx appendix) from its frozen ranking as a new draft version; ' +
      'the previous draft is superseded, published versions are kept (422 when the month is not closed)',
  })
  generate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
  ): Promise<BriefingVersion> {
    return this.briefings.generate(actor, id, month);
  }

  @Post(':id/months/:month/briefing/publish')
  @HttpCode(200)
  @RequirePermission(Permission.MonthsClose)
  @ApiOperation({
    summary: 'Publish a draft version of the month’s 通报 (published versions are kept for good)',
  })
  publish(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
    @Body() dto: PublishBriefingDto,
  ): Promise<BriefingVersion> {
    return this.briefings.publish(actor, id, month, dto.version);
  }

  @Get(':id/months/:month/briefings')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({ summary: 'Versions of the month’s 通报, newest first (reporters see published ones only)' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
  ): Promise<BriefingsResponse> {
    return this.briefings.list(actor, id, month);
  }

  @Get(':id/months/:month/briefing.docx')
  @RequirePermission(Permission.ProgressRead)
  @ApiProduces(DOCX_MIME)
  @ApiOperation({
    summary: 'The 通报 as .docx (?version=; default the latest published, else the latest draft)',
  })
  async docx(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
    @Query() query: BriefingFileQueryDto,
  ): Promise<StreamableFile> {
    return download(await this.briefings.file(actor, id, month, 'docx', query.version));
  }

  @Get(':id/months/:month/briefing.xlsx')
  @RequirePermission(Permission.ProgressRead)
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The 通报’s appendix as .xlsx (?version= as for the .docx)' })
  async xlsx(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
    @Query() query: BriefingFileQueryDto,
  ): Promise<StreamableFile> {
    return download(await this.briefings.file(actor, id, month, 'xlsx', query.version));
  }
}
