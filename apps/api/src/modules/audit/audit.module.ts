import { Global, Module } from '@nestjs/common';

import { AuditController } from './audit.controller';
import { AuditRetentionCron } from './audit-retention.cron';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRetentionCron],
  exports: [AuditService],
})
export class AuditModule {}
