import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 线索 from Excel (issue 17, docs/leads.md): an import batch and its commit job may be of kind `leads`. The kind
 * lists are replaced whole; `activities` is admitted as well, so that the activities part's import (issue 17, part 2)
 * needs no second replacement of the same constraint whichever migration runs last.
 */
export class LeadsImport1765710000000 implements MigrationInterface {
  name = 'LeadsImport1765710000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['import_batch', 'import_job']) {
      const [row] = await q.query(
        `SELECT conname FROM pg_constraint
          WHERE conrelid = $1::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%kind%projects%'`,
        [table],
      );
      if (row) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${row.conname}`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check
           CHECK (kind IN ('targets', 'reports', 'projects', 'leads', 'activities'))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['import_batch', 'import_job']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check CHECK (kind IN ('targets', 'reports', 'projects'))`);
    }
  }
}
