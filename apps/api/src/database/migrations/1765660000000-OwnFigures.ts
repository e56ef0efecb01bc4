import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 point 11: which units of a plan carry their own reported figures (本级) beside their children's —
 * `none` (default, as before), `parents` (parents below the root show their own part) or `root` (the root reports
 * its own figures too: 县本级).
 */
export class OwnFigures1765660000000 implements MigrationInterface {
  name = 'OwnFigures1765660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan
        ADD COLUMN own_figures text NOT NULL DEFAULT 'none'
          CHECK (own_figures IN ('none', 'parents', 'root'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE plan DROP COLUMN own_figures');
  }
}
