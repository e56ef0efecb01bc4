import { Module } from '@nestjs/common';

/** The project ledger (filled in by the domain-core work). */
@Module({})
export class ProjectsModule {}
