import type { MigrationInterface, QueryRunner } from 'typeorm';

const FOREIGN_KEYS = [
  ['ytd_summary_plan_id_fkey', 'plan_id', 'plan'],
  ['ytd_summary_unit_id_fkey', 'unit_id', 'unit'],
  ['ytd_summary_indicator_id_fkey', 'indicator_id', 'indicator'],
] as const;

/**
 * `ytd_summary` is derived data (docs/benchmarks.md): every row is recomputed from plan, unit, indicator, reports and
 * ledger by YtdSummaryService, inside the transaction of the change, and nothing ever deletes a plan, unit or
 * indicator under it. Its foreign keys only cost: a province's rebuild (1,080,000 rows) spent 16 of its 26 s checking
 * them row by row. They go; the primary key stays.
 */
export class YtdSummaryDerived1765100000000 implements MigrationInterface {
  name = 'YtdSummaryDerived1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name] of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE ytd_summary DROP CONSTRAINT IF EXISTS ${name}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, column, table] of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE ytd_summary ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${table}(id)`);
    }
  }
}
