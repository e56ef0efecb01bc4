import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { PlansModule } from '../plans/plans.module';
import { ProjectsModule } from '../projects/projects.module';
import { ATTACHMENT_STORE } from './attachment-store';
import { ATTACHMENT_LIMITS, loadAttachmentConfig } from './attachments.config';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { PgAttachmentStore } from './pg-attachment.store';
import { S3AttachmentStore } from './s3-attachment.store';

/** 佐证材料: files on projects, their stage events and fund entries, stored in PostgreSQL or an S3-compatible store. */
@Module({
  imports: [ProjectsModule, PlansModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsRepository,
    AttachmentsService,
    { provide: ATTACHMENT_LIMITS, useFactory: () => loadAttachmentConfig().limits },
    {
      provide: ATTACHMENT_STORE,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => {
        const { env } = loadAttachmentConfig();
        return env.PACER_ATTACHMENT_STORE === 's3'
          ? S3AttachmentStore.fromEnv(env)
          : new PgAttachmentStore(dataSource);
      },
    },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
