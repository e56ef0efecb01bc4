import { Module } from '@nestjs/common';

import { AUTH_CONFIG, loadAuthConfig } from '../../config/auth.config';
import { NotificationsModule } from '../notifications/notifications.module';
import { AccountHooks } from './account-hooks.service';
import { RoleConflictsCheck } from './role-conflicts.check';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [NotificationsModule],
  controllers: [UsersController],
  // the password policy's settings (AUTH-2); AuthModule, which imports this module, has its own copy
  providers: [
    { provide: AUTH_CONFIG, useFactory: loadAuthConfig },
    UsersRepository,
    UsersService,
    RoleConflictsCheck,
    AccountHooks,
  ],
  // the repository for the demo seed only (database/seeds); modules go through UsersService (the lint rule)
  exports: [UsersService, AccountHooks, UsersRepository],
})
export class UsersModule {}
