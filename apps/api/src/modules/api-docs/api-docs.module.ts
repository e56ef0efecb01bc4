import { Module } from '@nestjs/common';

import { ApiDocsController } from './api-docs.controller';

/** The API docs' browser session (`POST /api/v1/docs/session`); the gate itself is applied in configureApp. */
@Module({ controllers: [ApiDocsController] })
export class ApiDocsModule {}
