import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ChannelAccountRow,
  type ChannelAccountsResponse,
  type MyChannelAccountResponse,
  type NotificationChannelRow,
  type NotificationChannelsResponse,
  type NotificationDeliveriesResponse,
  Permission,
  type TestNotificationChannelResponse,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { SaveChannelAccountDto, SaveNotificationChannelDto } from './dto/notification-channels.dto';
import { NotificationChannelsService } from './notification-channels.service';

/** 通知渠道 (企业微信/钉钉/webhook): the system administrator's (三员分立, system configuration); everyone else 403. */
@ApiTags('notification-channels')
@ApiBearerAuth()
@Controller('notification-channels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Get()
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: 'Channels with their health (failed count, last error); never their keys or secrets' })
  list(): Promise<NotificationChannelsResponse> {
    return this.channels.list();
  }

  @Get('accounts')
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: "Every user's 企业微信 UserID and 钉钉 userid (the enterprise apps message them there)" })
  accounts(): Promise<ChannelAccountsResponse> {
    return this.channels.accounts();
  }

  @Get('accounts/me')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: "The caller's own 企业微信 / 钉钉 account mapping (账号安全), read-only" })
  myAccounts(@CurrentActor() actor: Actor): Promise<MyChannelAccountResponse> {
    return this.channels.myAccounts(actor);
  }

  @Put('accounts/:userId')
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: "Set a user's 企业微信 UserID / 钉钉 userid (null or blank removes it); one user per account; audited" })
  setAccounts(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseIdPipe) userId: number,
    @Body() dto: SaveChannelAccountDto,
  ): Promise<ChannelAccountRow> {
    return this.channels.setAccounts(actor, userId, dto);
  }

  @Post()
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: 'Add a 企业微信/钉钉 robot or webhook for a unit (or the office) and its notice kinds' })
  create(@CurrentActor() actor: Actor, @Body() dto: SaveNotificationChannelDto): Promise<NotificationChannelRow> {
    return this.channels.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: 'Change a channel; token/secret omitted keep the stored ones (write-only)' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: SaveNotificationChannelDto,
  ): Promise<NotificationChannelRow> {
    return this.channels.update(actor, id, dto);
  }

  @Post(':id/test')
  @HttpCode(202)
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: '测试发送: queue a test message (its outcome shows in the delivery log)' })
  test(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<TestNotificationChannelResponse> {
    return this.channels.test(actor, id);
  }

  @Get(':id/deliveries')
  @RequirePermission(Permission.NotificationChannelsManage)
  @ApiOperation({ summary: "The channel's delivery log, newest first (status, attempts, vendor errcode); no message text" })
  deliveries(@Param('id', ParseIdPipe) id: number): Promise<NotificationDeliveriesResponse> {
    return this.channels.deliveries(id);
  }
}
