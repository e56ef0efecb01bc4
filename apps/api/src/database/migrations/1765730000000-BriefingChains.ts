import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 part 4: the 通报 may carry a 产业链 section (per chain: projects signed and started and funds in place in the
 * month and the year, leads in negotiation, the links with nothing). A plan option, off unless the office turns it on.
 */
export class BriefingChains1765730000000 implements MigrationInterface {
  name = 'BriefingChains1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan ADD COLUMN briefing_chains boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE plan DROP COLUMN briefing_chains');
  }
}
