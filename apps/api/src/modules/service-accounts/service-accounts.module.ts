import { Module } from '@nestjs/common';

import { loadServiceAccountsConfig, SERVICE_ACCOUNTS_CONFIG } from '../../config/service-accounts.config';
import { UsersModule } from '../users/users.module';
import { ServiceAccountsController } from './service-accounts.controller';
import { ServiceAccountsRepository } from './service-accounts.repository';
import { ServiceAccountsService } from './service-accounts.service';

/** API keys for machine clients (issue 12); AuthModule imports it so the guard can check `Bearer pk_…`. */
@Module({
  imports: [UsersModule],
  controllers: [ServiceAccountsController],
  providers: [{ provide: SERVICE_ACCOUNTS_CONFIG, useFactory: loadServiceAccountsConfig }, ServiceAccountsRepository, ServiceAccountsService],
  exports: [ServiceAccountsService],
})
export class ServiceAccountsModule {}
