import type { IncomingMessage } from 'node:http';

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ATTACHMENT_KINDS, type AttachmentRow, type AttachmentsResponse, Permission } from '@pacer/shared';
import type { Response } from 'express';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { AttachmentsService } from './attachments.service';
import { downloadHeaders } from './download-headers';
import { AttachmentsQueryDto, RemoveAttachmentDto } from './dto/attachment.dto';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file', 'kind'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: 'PDF, JPEG, PNG, HEIC, docx, xlsx or pptx (by content)',
      },
      kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
      eventId: { type: 'integer', description: 'A stage event of the project (exclusive with fundMonth)' },
      fundMonth: { type: 'string', example: '2026-04', description: 'A month of the project’s 到位资金' },
      note: { type: 'string', maxLength: 500 },
    },
  },
};

/** 佐证材料 of a project, its stage events and fund entries (issue 15; docs/attachments.md). */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('projects/:id/attachments')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({
    summary:
      'Attach a file (multipart, streamed): type by content, size limits per file and per project, hostile files refused; all or nothing; audited',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Req() req: IncomingMessage,
  ): Promise<AttachmentRow> {
    return this.attachments.upload(actor, id, req);
  }

  @Get('projects/:id/attachments')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary:
      "A project's attachments, its evidence checklist against the plan's required documents, the limits",
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: AttachmentsQueryDto,
  ): Promise<AttachmentsResponse> {
    return this.attachments.list(actor, id, query);
  }

  @Get('attachments/:id')
  @RequirePermission(Permission.ProjectsRead)
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'application/octet-stream')
  @ApiOperation({
    summary:
      'Download (scoped like the project): images and PDF inline, others as attachment; nosniff; never text/html',
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.attachments.download(actor, id);
    res.set(downloadHeaders(file.row));
    return new StreamableFile(file.stream as never);
  }

  @Delete('attachments/:id')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: 'Remove with a reason (soft: the file stays for the audit trail); audited' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: RemoveAttachmentDto,
  ): Promise<AttachmentRow> {
    return this.attachments.remove(actor, id, dto);
  }
}
