import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type ProgressResponse } from '@pacer/shared';

import { RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ProgressQueryDto } from './dto/progress-query.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('plans')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get(':id/progress')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'Per unit × indicator: YTD actual (rolled up), target, completion, time progress, gap (pp) and light',
  })
  get(@Param('id', ParseIdPipe) id: number, @Query() query: ProgressQueryDto): Promise<ProgressResponse> {
    return this.progress.getProgress(id, query.month);
  }
}
