import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type ChainDetail, type ChainMapResponse, type ChainsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ChainsService } from './chains.service';
import { CreateChainDto, UpdateChainDto } from './dto/chains.dto';

// A chain is the county's configuration (链长制): the admin writes it (plans.write, like the rest of the year's
// configuration); whoever reads the ledger reads the chains and their map (projects.read).
@ApiTags('chains')
@ApiBearerAuth()
@Controller('chains')
export class ChainsController {
  constructor(private readonly chains: ChainsService) {}

  @Get()
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: '产业链: the live chains with their links, and the plans’ industry chains that have no chain yet' })
  list(): Promise<ChainsResponse> {
    return this.chains.list();
  }

  @Post()
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Add a chain (链长, 牵头部门, 专班) with its links and target companies (admin); audited' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChainDto): Promise<ChainDetail> {
    return this.chains.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: 'A chain with its links and their target companies (a removed chain too, with the reason)' })
  get(@Param('id', ParseIdPipe) id: number): Promise<ChainDetail> {
    return this.chains.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary: 'Edit a chain (carries version): fields, the whole link list (add/rename/reorder/remove), targets; or remove it with a reason',
  })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateChainDto): Promise<ChainDetail> {
    return this.chains.update(actor, id, dto);
  }

  @Get(':id/map')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({
    summary: '全景图/现状图: per link the projects by stage (count, agreed, funds), leads, target companies, gaps; lists scoped',
  })
  map(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<ChainMapResponse> {
    return this.chains.map(actor, id);
  }
}
