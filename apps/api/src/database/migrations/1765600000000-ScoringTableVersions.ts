import type { MigrationInterface, QueryRunner } from 'typeorm';

// the tables ScoringDataVersion1765000000000 watches, with monthly_report (its scoring columns only)
const TABLES = [
  'plan',
  'indicator',
  'target',
  'unit',
  'unit_closure',
  'ytd_summary',
  'project',
  'project_share',
  'scoring_manual_entry',
  'monthly_report',
] as const;

/**
 * The scoring data version per table (docs/benchmarks.md, issue 11): `scoring_table_version` holds, for each table a
 * ranking reads, the scoring data version of the last committed transaction that wrote it. The watched tables'
 * statement triggers note the table beside the transaction, and the commit trigger sets those tables' versions to
 * the version it bumps, in the same step. A scoring that read a table's rows at version v reuses them while the table
 * is still at v (an approval moves the summary and the reports, not the targets or the ledger).
 */
export class ScoringTableVersions1765600000000 implements MigrationInterface {
  name = 'ScoringTableVersions1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scoring_table_version (
        table_name  text PRIMARY KEY,
        version     bigint NOT NULL
      )`);
    await q.query(
      `INSERT INTO scoring_table_version (table_name, version)
       SELECT t, (SELECT version FROM scoring_data_version) FROM unnest($1::text[]) AS t`,
      [TABLES],
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
        UPDATE scoring_table_version v SET version = bumped
          FROM scoring_data_change_table c WHERE c.xid = NEW.xid AND c.table_name = v.table_name;
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
    await q.query('DROP TABLE scoring_table_version');
  }
}
