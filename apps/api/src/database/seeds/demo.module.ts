import { type DynamicModule, Module } from '@nestjs/common';

import { MonthCloseModule } from '../../modules/month-close/month-close.module';
import { UnitsModule } from '../../modules/units/units.module';
import { UnitsRepository } from '../../modules/units/units.repository';
import { UsersModule } from '../../modules/users/users.module';
import { UsersRepository } from '../../modules/users/users.repository';
import { DEMO_OPTIONS, type DemoOptions, DemoSeedService } from './demo-seed.service';

/** The demo county seeder: always available (CLI, tests); seeds at start only when `seedOnStart`. */
@Module({})
export class DemoModule {
  static forRoot(options: DemoOptions): DynamicModule {
    return {
      module: DemoModule,
      imports: [UnitsModule, UsersModule, MonthCloseModule],
      providers: [
        { provide: DEMO_OPTIONS, useValue: options },
        DemoSeedService,
        // the one exception to "through the owner's service": the seed, a composition root outside modules/, writes
        // the demo county's units and accounts in its own transaction through the owners' repositories, registered
        // here (the units and users modules export only their services)
        UnitsRepository,
        UsersRepository,
      ],
      exports: [DemoSeedService],
    };
  }
}
