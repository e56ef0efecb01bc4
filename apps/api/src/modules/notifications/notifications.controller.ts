import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type MarkReadResponse,
  type NotificationsResponse,
  Permission,
  type UnreadCountResponse,
} from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { NotificationsQueryDto } from './dto/notifications-query.dto';
import { NotificationsService } from './notifications.service';

// Every signed-in user has an inbox (the auditor too), so these routes need only Permission.Self.
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: "The caller's own inbox, newest first (unreadOnly, page, pageSize)" })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQueryDto): Promise<NotificationsResponse> {
    return this.notifications.list(actor, query);
  }

  @Get('unread-count')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: "How many of the caller's messages are unread (the bell's badge)" })
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: "Mark all the caller's messages read" })
  markAllRead(@CurrentActor() actor: Actor): Promise<MarkReadResponse> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: "Mark one of the caller's messages read (another user's id answers 404)" })
  markRead(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<MarkReadResponse> {
    return this.notifications.markRead(actor, id);
  }
}
