import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateServiceAccountResponse,
  Permission,
  type ServiceAccountRow,
  type ServiceAccountsResponse,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateServiceAccountDto } from './dto/service-accounts.dto';
import { ServiceAccountsService } from './service-accounts.service';

/** 接口账号: the system administrator's (三员分立); everyone else gets 403. */
@ApiTags('service-accounts')
@ApiBearerAuth()
@Controller('service-accounts')
export class ServiceAccountsController {
  constructor(private readonly accounts: ServiceAccountsService) {}

  @Get()
  @RequirePermission(Permission.ServiceAccountsManage)
  @ApiOperation({ summary: 'Service accounts (API keys of machine clients), revoked ones included; never the keys' })
  list(): Promise<ServiceAccountsResponse> {
    return this.accounts.list();
  }

  @Post()
  @RequirePermission(Permission.ServiceAccountsManage)
  @ApiOperation({
    summary: 'Create a service account; the answer carries its API key once (stored only hashed). With replacesId: rotation',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateServiceAccountDto): Promise<CreateServiceAccountResponse> {
    return this.accounts.create(actor, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.ServiceAccountsManage)
  @ApiOperation({ summary: 'Revoke a service account: its key answers 401 from the next request on' })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<ServiceAccountRow> {
    return this.accounts.revoke(actor, id);
  }
}
