import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type ScoringEntriesResponse, type ScoringEntryRow } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateScoringEntryDto, DeleteScoringEntryDto } from './dto/scoring-entries.dto';
import { ScoringEntriesService } from './scoring-entries.service';

@ApiTags('rankings')
@ApiBearerAuth()
@Controller()
export class ScoringEntriesController {
  constructor(private readonly entries: ScoringEntriesService) {}

  @Get('plans/:id/scoring-entries')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({ summary: 'Scoring entries recorded by hand (counts or points with a reason), not deleted' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<ScoringEntriesResponse> {
    return this.entries.list(actor, id);
  }

  @Post('plans/:id/scoring-entries')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary:
      'Record a count or points against a bonus, deduction or band-shortfall item (e.g. 弄虚作假), with a reason',
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateScoringEntryDto,
  ): Promise<ScoringEntryRow> {
    return this.entries.create(actor, id, dto);
  }

  @Delete('scoring-entries/:id')
  @HttpCode(204)
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Delete a scoring entry with a reason (kept, marked deleted; audited)' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: DeleteScoringEntryDto,
  ): Promise<void> {
    return this.entries.remove(actor, id, dto.reason);
  }
}
