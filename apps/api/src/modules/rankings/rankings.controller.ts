import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Permission, type ScorecardResponse, type ScoringInputResponse } from '@pacer/shared';
import type { Response } from 'express';

import type { Actor } from '../../common/auth/principal';
import { ApiContract } from '../../common/decorators/api-contract.decorator';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { sendKeptJson } from '../../common/http/kept-json';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { MonthQueryDto, RankingQueryDto } from './dto/rankings.dto';
import { RankingsService } from './rankings.service';

@ApiTags('rankings')
@ApiBearerAuth()
@Controller('plans')
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  /** Sent as kept bytes (the province's table is 11 MiB of JSON): through `res`, errors still go to the filter. */
  @Get(':id/ranking')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'Ranked units per group with total, rank, item points, movement vs the previous frozen month, red and black lists ' +
      '(from the snapshot when the month is closed, else live on approved figures)',
  })
  @ApiProduces('application/json')
  @ApiContract('RankingResponse')
  @ApiResponse({
    status: 200,
    description:
      'RankingResponse (@pacer/shared). A weak ETag names the data it was computed from (the same on every ' +
      'replica); send it back in If-None-Match to get 304 while the ranking is unchanged',
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag: not modified, no body' })
  async ranking(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: RankingQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendKeptJson(res, await this.rankings.getRankingBody(actor, id, query.month, query.group));
  }

  @Get(':id/scoring-input')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      "The scoring engine's input of the month exactly as the server scores it live (active units only), for the " +
      'what-if preview: scored with scorePlan from @pacer/shared it gives the live ranking',
  })
  scoringInput(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: MonthQueryDto,
  ): Promise<ScoringInputResponse> {
    return this.rankings.getScoringInput(actor, id, query.month);
  }

  @Get(':id/units/:unitId/scorecard')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      "One unit's score explained: each item's inputs, formula and points, the coefficient, the total, its cells",
  })
  scorecard(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('unitId', ParseIdPipe) unitId: number,
    @Query() query: MonthQueryDto,
  ): Promise<ScorecardResponse> {
    return this.rankings.getScorecard(actor, id, unitId, query.month);
  }
}
