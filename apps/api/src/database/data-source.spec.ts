import * as fs from 'node:fs';
import * as path from 'node:path';

import cliDataSource, { buildDataSourceOptions } from './data-source';

/** REL-7: schema changes only by migrations; no DataSource Pacer builds may synchronize, drop or auto-migrate. */
describe('DataSource options (REL-7)', () => {
  const url = 'postgresql://pacer:x@127.0.0.1:5432/pacer';

  it('should build options that never synchronize, drop the schema or run migrations by themselves', () => {
    for (const overrides of [{}, { logging: false as const }, { extra: { max: 4 } }]) {
      const options = buildDataSourceOptions(url, overrides);
      expect(options).toMatchObject({ synchronize: false, migrationsRun: false });
      expect((options as { dropSchema?: boolean }).dropSchema ?? false).toBe(false);
      expect(options.migrations?.length).toBeGreaterThan(0);
    }
  });

  it('should refuse an override that turns synchronize, dropSchema or migrationsRun on', () => {
    expect(() => buildDataSourceOptions(url, { synchronize: true })).toThrow(/synchronize.*REL-7/);
    expect(() => buildDataSourceOptions(url, { dropSchema: true })).toThrow(/dropSchema/);
    expect(() => buildDataSourceOptions(url, { migrationsRun: true })).toThrow(/migrationsRun/);
  });

  it('should give the TypeORM CLI a data source that does not synchronize', () => {
    expect(cliDataSource.options).toMatchObject({ synchronize: false, migrationsRun: false });
    expect((cliDataSource.options as { dropSchema?: boolean }).dropSchema ?? false).toBe(false);
  });

  it('should build every DataSource of the app and its tools from buildDataSourceOptions, and never set the flags', () => {
    const root = path.resolve(__dirname, '..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) {
          const text = fs.readFileSync(file, 'utf8');
          if (/\b(synchronize|dropSchema|migrationsRun)\s*:\s*true\b/.test(text))
            offenders.push(`${file}: flag on`);
          for (const m of text.matchAll(/new DataSource\(([^)]*)/g)) {
            if (!/buildDataSourceOptions|dsOptions/.test(m[1]!))
              offenders.push(`${file}: new DataSource(${m[1]})`);
          }
          if (/TypeOrmModule\.forRoot(Async)?\(/.test(text) && !/buildDataSourceOptions/.test(text)) {
            offenders.push(`${file}: TypeOrmModule without buildDataSourceOptions`);
          }
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
