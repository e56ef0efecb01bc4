import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { ProjectsModule } from '../projects/projects.module';
import { VerificationsController } from './verifications.controller';
import { VerificationsRepository } from './verifications.repository';
import { VerificationsService } from './verifications.service';

/** 认定 (issue 15): the office's verification of each counting event of a project, and the unit's appeal. */
@Module({
  imports: [NotificationsModule, ProjectsModule],
  controllers: [VerificationsController],
  providers: [VerificationsRepository, VerificationsService],
  exports: [VerificationsService],
})
export class VerificationsModule {}
