import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** `up` when every migration the code knows has been applied to the database. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check(key: 'migrations') {
    return this.indicators
      .check(key)
      .attempt(async () => {
        const rows: Array<{ name: string }> = await this.dataSource.query('SELECT name FROM migrations');
        const applied = new Set(rows.map((r) => r.name));
        const pending = this.dataSource.migrations.map((m) => m.name).filter((name) => !applied.has(name as string));
        if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
        return { applied: applied.size };
      })
      .withTimeout(2000);
  }
}
