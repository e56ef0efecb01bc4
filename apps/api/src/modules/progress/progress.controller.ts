import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@pacer/shared';
import type { Response } from 'express';

import type { Actor } from '../../common/auth/principal';
import { ApiContract } from '../../common/decorators/api-contract.decorator';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { sendKeptJson } from '../../common/http/kept-json';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ProgressQueryDto } from './dto/progress-query.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('plans')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Sent as kept bytes (a province's month is 16.5 MiB of JSON): through `res`, errors still go to the filter. */
  @Get(':id/progress')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'Per unit × indicator: YTD actual (rolled up), target, completion, time progress, gap (pp) and light',
  })
  @ApiProduces('application/json')
  @ApiContract('ProgressResponse')
  @ApiResponse({
    status: 200,
    description:
      'ProgressResponse (@pacer/shared). A weak ETag names the scoring data version it was read on (the same on ' +
      'every replica); send it back in If-None-Match to get 304 while nothing it shows has changed',
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag: not modified, no body' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: ProgressQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendKeptJson(res, await this.progress.getProgressBody(actor, id, query.month));
  }
}
