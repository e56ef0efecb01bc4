import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type EndSessionsResponse, Permission, type UserSessionsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ParseUuidPipe } from '../../common/pipes/parse-uuid.pipe';
import { SessionsService } from './sessions.service';

/**
 * SES-5: a user's sessions, under the users routes. Listing takes users.read, ending takes users.write: the system
 * administrator's (三员分立, AC-6); the business admin and the auditor may look, not end.
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get(':id/sessions')
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({
    summary:
      "The user's live sessions (refresh-token families neither revoked nor past the idle timeout or absolute " +
      'lifetime), most recently used first: start, last login or refresh, when it ends unless used, address, ' +
      "browser, and whether it is the caller's own current session",
  })
  @ApiResponse({ status: 404, description: 'No such user' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<UserSessionsResponse> {
    return this.sessions.list(actor, id);
  }

  @Delete(':id/sessions/:familyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({
    summary:
      "End one session: its refresh token is refused and its access token answers 401 from the very next request; " +
      'audited as auth.session.end (before/after)',
  })
  @ApiParam({ name: 'familyId', description: 'The session (refresh-token family) id from the list', format: 'uuid' })
  @ApiResponse({ status: 204, description: 'Ended' })
  @ApiResponse({ status: 404, description: "No such user, or the session is another user's or already ended" })
  async end(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('familyId', ParseUuidPipe) familyId: string,
  ): Promise<void> {
    await this.sessions.end(actor, id, familyId);
  }

  @Post(':id/sessions/end-all')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({
    summary:
      "End every session of the user (the caller's own too, on the caller's account); audited as " +
      'auth.session.end_all with the sessions ended',
  })
  @ApiResponse({ status: 404, description: 'No such user' })
  endAll(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<EndSessionsResponse> {
    return this.sessions.endAll(actor, id);
  }
}
