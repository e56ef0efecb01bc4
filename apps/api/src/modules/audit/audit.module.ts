import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { AUDIT_CONFIG, loadAuditConfig } from '../../config/audit.config';
import { AuditController } from './audit.controller';
import { AuditRetentionCron } from './audit-retention.cron';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { DeniedAccessInterceptor } from './denied-access.interceptor';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    { provide: AUDIT_CONFIG, useFactory: loadAuditConfig },
    AuditRepository,
    AuditService,
    AuditRetentionCron,
    // AUD-1: a 403/404 a handler answers an authenticated caller is an audited authorization failure
    { provide: APP_INTERCEPTOR, useClass: DeniedAccessInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule {}
