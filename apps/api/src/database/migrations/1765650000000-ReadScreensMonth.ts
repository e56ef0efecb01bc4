import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 point 5 (the rest): the month a plan's read screens (驾驶舱, 赛马榜, 单位详情, 大屏) open on —
 * `latestClosed` (default, the official month) or `live` (the first month not closed yet).
 */
export class ReadScreensMonth1765650000000 implements MigrationInterface {
  name = 'ReadScreensMonth1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan
        ADD COLUMN read_screens_month text NOT NULL DEFAULT 'latestClosed'
          CHECK (read_screens_month IN ('latestClosed', 'live'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE plan DROP COLUMN read_screens_month');
  }
}
