import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four-eyes approval (四眼原则, issue 10): whoever last submitted a report may not approve it. A plan setting, on by
 * default and for existing plans; turning it off is an audited plan update.
 */
export class PlanFourEyes1765440000001 implements MigrationInterface {
  name = 'PlanFourEyes1765440000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE plan ADD COLUMN require_four_eyes boolean NOT NULL DEFAULT true');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE plan DROP COLUMN require_four_eyes');
  }
}
