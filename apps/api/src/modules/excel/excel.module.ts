import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';

import { LeadsModule } from '../leads/leads.module';
import { ActivitiesModule } from '../activities/activities.module';
import { PlansModule } from '../plans/plans.module';
import { ProjectsModule } from '../projects/projects.module';
import { RankingsModule } from '../rankings/rankings.module';
import { ReportsModule } from '../reports/reports.module';
import { TargetsModule } from '../targets/targets.module';
import { EXCEL_LIMITS, loadExcelLimits } from './excel.config';
import { ExcelRepository } from './excel.repository';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ImportJobsRepository } from './import-jobs.repository';
import { ImportJobsService } from './import-jobs.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { LeadsExcelController } from './leads-excel.controller';
import { LeadsExcelService } from './leads-excel.service';
import { LeadsImport } from './parsers/leads.import';
import { ActivitiesImport } from './parsers/activities.import';
import { ProjectsImport } from './parsers/projects.import';
import { ReportsImport } from './parsers/reports.import';
import { TargetsImport } from './parsers/targets.import';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Excel in and out: templates, two-step imports (preview → commit) and exports of every table screen. */
@Module({
  imports: [
    ActivitiesModule,
    PlansModule,
    TargetsModule,
    ProjectsModule,
    ReportsModule,
    RankingsModule,
    LeadsModule,
    // uploads stay in memory (at most PACER_IMPORT_MAX_BYTES) and are checked by content before parsing
    MulterModule.registerAsync({
      useFactory: () => ({
        storage: memoryStorage(),
        limits: { fileSize: loadExcelLimits().maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
        // browsers send the file name in UTF-8 (中文文件名), not latin1
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [TemplatesController, ImportsController, ExportsController, LeadsExcelController],
  providers: [
    { provide: EXCEL_LIMITS, useFactory: loadExcelLimits },
    ExcelRepository,
    TemplatesService,
    ImportsService,
    ImportJobsRepository,
    ImportJobsService,
    ExportsService,
    TargetsImport,
    ReportsImport,
    ProjectsImport,
    LeadsImport,
    LeadsExcelService,
    ActivitiesImport,
  ],
})
export class ExcelModule {}
