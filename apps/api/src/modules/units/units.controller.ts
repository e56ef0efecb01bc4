import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UnitRow, type UnitsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateUnitDto, UnitsQueryDto, UpdateUnitDto } from './dto/units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @RequirePermission(Permission.UnitsRead)
  @ApiOperation({ summary: 'The unit tree in depth-first order (each row has parentId and depth)' })
  list(@Query() query: UnitsQueryDto): Promise<UnitsResponse> {
    return this.units.list(query.rootId);
  }

  @Post()
  @RequirePermission(Permission.UnitsWrite)
  @ApiOperation({ summary: 'Add a unit under a parent (sysadmin)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<UnitRow> {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.UnitsWrite)
  @ApiOperation({ summary: 'Rename, recategorise, reorder, deactivate or move a unit (no cycles)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUnitDto): Promise<UnitRow> {
    return this.units.update(actor, id, dto);
  }
}
