import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type CreateInvestorResponse,
  type InvestorDetail,
  type InvestorListItem,
  type Page,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateInvestorDto, InvestorsQueryDto, UpdateInvestorDto } from './dto/investor.dto';
import { InvestorsService } from './investors.service';

@ApiTags('investors')
@ApiBearerAuth()
@Controller('investors')
export class InvestorsController {
  constructor(private readonly investors: InvestorsService) {}

  @Get()
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: '客商库: companies by name or credit code, with their leads and projects counted; paged' })
  list(@Query() query: InvestorsQueryDto): Promise<Page<InvestorListItem>> {
    return this.investors.list(query);
  }

  @Post()
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: 'Find (by credit code, else name) or add a company; contacts given are added; audited' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInvestorDto): Promise<CreateInvestorResponse> {
    return this.investors.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.ProjectsRead)
  @ApiOperation({ summary: 'A company with its contacts, every unit’s leads and ledger projects, and similar names' })
  get(@Param('id', ParseIdPipe) id: number): Promise<InvestorDetail> {
    return this.investors.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ProjectsWrite)
  @ApiOperation({ summary: 'Edit a company and replace its contacts (the office; carries version; audited)' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateInvestorDto,
  ): Promise<InvestorDetail> {
    return this.investors.update(actor, id, dto);
  }
}
