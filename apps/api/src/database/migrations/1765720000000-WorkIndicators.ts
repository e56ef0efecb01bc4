import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 招商工作 indicators (issue 17 part 3): an indicator of source `work` counts activities or leads by its `work_rule`
 * (packages/shared indicators/work-rule.ts). The tables those rules read note their writes for the scoring data
 * version (ScoringTableVersions1765600000000), like the ledger's; a lead only when what a rule reads moves (its unit,
 * status or the day it was found), not on a reminder or a next step.
 */
const WORK_TABLES = ['activity', 'activity_unit', 'activity_company', 'lead_status_change'];

export class WorkIndicators1765720000000 implements MigrationInterface {
  name = 'WorkIndicators1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_source_check');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_source_check
         CHECK (source IN ('reported','ledger','formula','work'))`,
    );
    await q.query('ALTER TABLE indicator ADD COLUMN work_rule jsonb');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_work_rule_check CHECK ((source = 'work') = (work_rule IS NOT NULL))`,
    );
    for (const table of WORK_TABLES) {
      await q.query(`
        CREATE OR REPLACE TRIGGER ${table}_scoring_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION scoring_data_touched()`);
    }
    await q.query(`
      CREATE OR REPLACE TRIGGER lead_scoring_data AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF unit_id, status, found_on
      ON lead FOR EACH STATEMENT EXECUTE FUNCTION scoring_data_touched()`);
    // the work rules read activities by organising unit and month, and leads by unit
    await q.query(`CREATE INDEX lead_found_idx ON lead (unit_id, found_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX lead_found_idx');
    await q.query('DROP TRIGGER lead_scoring_data ON lead');
    for (const table of WORK_TABLES) await q.query(`DROP TRIGGER ${table}_scoring_data ON ${table}`);
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_work_rule_check');
    await q.query('ALTER TABLE indicator DROP COLUMN work_rule');
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_source_check');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_source_check CHECK (source IN ('reported','ledger','formula'))`,
    );
  }
}
