import { type DynamicModule, Module } from '@nestjs/common';

import { MonthCloseModule } from '../../modules/month-close/month-close.module';
import { UnitsModule } from '../../modules/units/units.module';
import { UsersModule } from '../../modules/users/users.module';
import { DEMO_OPTIONS, type DemoOptions, DemoSeedService } from './demo-seed.service';

/** The demo county seeder: always available (CLI, tests); seeds at start only when `seedOnStart`. */
@Module({})
export class DemoModule {
  static forRoot(options: DemoOptions): DynamicModule {
    return {
      module: DemoModule,
      imports: [UnitsModule, UsersModule, MonthCloseModule],
      providers: [{ provide: DEMO_OPTIONS, useValue: options }, DemoSeedService],
      exports: [DemoSeedService],
    };
  }
}
