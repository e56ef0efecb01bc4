import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 rule 10: year-to-date entry. An indicator says how units enter it (`entry_mode`: the month's figure or the
 * year's 累计); a report value keeps the 累计 entered (`ytd`) beside the month's increment Pacer derives from it, and
 * the reason of a correction (a 累计 below the approved one before it: a negative increment, allowed only then).
 */
export class YtdEntry1765690000000 implements MigrationInterface {
  name = 'YtdEntry1765690000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE indicator
        ADD COLUMN entry_mode text NOT NULL DEFAULT 'month' CHECK (entry_mode IN ('month', 'ytd')),
        ADD CONSTRAINT indicator_ytd_entry_reported
          CHECK (entry_mode = 'month' OR (source = 'reported' AND kind <> 'ratio'))`);
    await q.query(`
      ALTER TABLE report_value
        ADD COLUMN ytd numeric(20,4) CHECK (ytd IS NULL OR ytd >= 0),
        ADD COLUMN correction_reason text CHECK (correction_reason IS NULL OR length(correction_reason) BETWEEN 1 AND 500),
        DROP CONSTRAINT report_value_value_check,
        ADD CONSTRAINT report_value_value_check CHECK (value >= 0 OR ytd IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE report_value
        DROP CONSTRAINT report_value_value_check,
        DROP COLUMN correction_reason,
        DROP COLUMN ytd`);
    await q.query(`DELETE FROM report_value WHERE value < 0`);
    await q.query(`ALTER TABLE report_value ADD CONSTRAINT report_value_value_check CHECK (value >= 0)`);
    await q.query(`
      ALTER TABLE indicator DROP CONSTRAINT indicator_ytd_entry_reported, DROP COLUMN entry_mode`);
  }
}
