import { Module } from '@nestjs/common';

/** Monthly reports and their workflow (filled in by the domain-core work). */
@Module({})
export class ReportsModule {}
