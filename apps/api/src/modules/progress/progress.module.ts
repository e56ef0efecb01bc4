import { Global, Module } from '@nestjs/common';

import { YtdSummaryService } from './ytd-summary.service';

/** Year-to-date summary and the progress route (filled in by the domain-core work). */
@Global()
@Module({
  providers: [YtdSummaryService],
  exports: [YtdSummaryService],
})
export class ProgressModule {}
