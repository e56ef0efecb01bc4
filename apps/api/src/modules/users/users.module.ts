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
  // other modules go through UsersService (the lint rule); the demo seed registers the repository itself
  exports: [UsersService, AccountHooks],
})
export class UsersModule {}
