import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scoring data version per table (docs/benchmarks.md, issue 11): `scoring_data_version.table_versions` maps each
 * table a ranking reads (ScoringDataVersion1765000000000's watched tables and monthly_report) to the scoring data
 * version of the last committed transaction that wrote it; a table absent has not been written since this migration.
 * The watched tables' statement triggers note the table beside the transaction, and the commit trigger sets those
 * tables' versions to the version it bumps, in the same step. A scoring that read a table's rows at version v reuses
 * them while the table is still at v (an approval moves the summary and the reports, not the targets or the ledger).
 */
export class ScoringTableVersions1765600000000 implements MigrationInterface {
  name = 'ScoringTableVersions1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE scoring_data_version ADD COLUMN table_versions jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    await q.query(`
      CREATE TABLE scoring_data_change_table (
        xid         xid8 NOT NULL,
        table_name  text NOT NULL,
        PRIMARY KEY (xid, table_name)
      )`);
    await q.query(`
      CREATE OR REPLACE FUNCTION scoring_data_touched() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO scoring_data_change_table (xid, table_name) VALUES (pg_current_xact_id(), TG_TABLE_NAME)
          ON CONFLICT (xid, table_name) DO NOTHING;
        INSERT INTO scoring_data_change (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION scoring_data_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bumped bigint;
      BEGIN
        UPDATE scoring_data_version SET version = version + 1 RETURNING version INTO bumped;
        UPDATE scoring_data_version
           SET table_versions = table_versions || coalesce(
             (SELECT jsonb_object_agg(table_name, bumped::text) FROM scoring_data_change_table WHERE xid = NEW.xid),
             '{}'::jsonb);
        DELETE FROM scoring_data_change_table WHERE xid = NEW.xid;
        DELETE FROM scoring_data_change WHERE xid = NEW.xid;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION scoring_data_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE scoring_data_version SET version = version + 1;
        DELETE FROM scoring_data_change WHERE xid = NEW.xid;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION scoring_data_touched() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO scoring_data_change (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query('DROP TABLE scoring_data_change_table');
    await q.query('ALTER TABLE scoring_data_version DROP COLUMN table_versions');
  }
}
