import { Module } from '@nestjs/common';

import { ChainsModule } from '../chains/chains.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { ProjectEventsService } from './project-events.service';
import { ProjectHistoryRepository } from './project-history.repository';
import { ProjectSharesService } from './project-shares.service';
import { ProjectsBatchService } from './projects-batch.service';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

/** The project ledger (项目台账): projects, shared credit, stage events, funds in place, duplicate warnings. */
@Module({
  imports: [ChainsModule, NotificationsModule, PlansModule],
  controllers: [ProjectsController],
  providers: [
    ProjectsRepository,
    ProjectHistoryRepository,
    ProjectsService,
    ProjectsBatchService,
    ProjectEventsService,
    ProjectSharesService,
  ],
  exports: [ProjectsService, ProjectsBatchService],
})
export class ProjectsModule {}
