import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 rule 11: not every indicator every month. A reported indicator is reported every month, only in the
 * quarter's last month (3/6/9/12) or when there is something to report; a month not reported stays no row (never 0).
 */
export class ReportFrequency1765690000001 implements MigrationInterface {
  name = 'ReportFrequency1765690000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE indicator
        ADD COLUMN report_frequency text NOT NULL DEFAULT 'monthly'
          CHECK (report_frequency IN ('monthly', 'quarterly', 'optional')),
        ADD CONSTRAINT indicator_frequency_reported CHECK (report_frequency = 'monthly' OR source = 'reported')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE indicator DROP CONSTRAINT indicator_frequency_reported, DROP COLUMN report_frequency',
    );
  }
}
