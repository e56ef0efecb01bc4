import { Module } from '@nestjs/common';

import { LeadsModule } from '../leads/leads.module';
import { ProjectsModule } from '../projects/projects.module';
import { InvestorsController } from './investors.controller';
import { InvestorsRepository } from './investors.repository';
import { InvestorsService } from './investors.service';

/** 客商库 (issue 17): the county's companies, their contacts, every unit's leads and projects of each. */
@Module({
  imports: [LeadsModule, ProjectsModule],
  controllers: [InvestorsController],
  providers: [InvestorsRepository, InvestorsService],
  exports: [InvestorsService],
})
export class InvestorsModule {}
