import { Module } from '@nestjs/common';

import { PlansModule } from '../plans/plans.module';
import { TargetsController } from './targets.controller';
import { TargetsRepository } from './targets.repository';
import { TargetsService } from './targets.service';

/** Targets per (plan, unit, indicator) and their decomposition check. */
@Module({
  imports: [PlansModule],
  controllers: [TargetsController],
  providers: [TargetsRepository, TargetsService],
  exports: [TargetsService],
})
export class TargetsModule {}
