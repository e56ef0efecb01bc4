import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserRow } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({ summary: 'Accounts with roles and units' })
  list(): Promise<UserRow[]> {
    return this.users.list();
  }

  @Post()
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: 'Create an account (sysadmin); the password must be changed at first login' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserRow> {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: 'Change name, roles, units or active flag; takes effect on the next request' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserRow> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/reset-password')
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: 'Set a new password that must be changed at next login; ends every session' })
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ResetPasswordDto,
  ): Promise<UserRow> {
    return this.users.resetPassword(actor, id, dto);
  }
}
