import { Module } from '@nestjs/common';

import { IndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

/** Plans (settings, status, scoring configuration) and their indicator catalogue. */
@Module({
  controllers: [PlansController, IndicatorsController],
  providers: [PlansRepository, PlansService, IndicatorsRepository, IndicatorsService],
  exports: [PlansService],
})
export class PlansModule {}
