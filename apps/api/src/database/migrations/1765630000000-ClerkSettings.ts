import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the county's 考核办法 configure about entering a month's figures (issue 14 points 7, 13, 14, 15):
 *
 * - plan `late_start_months` (超时未开工: a signed project not started within this many months; was the constant 6),
 *   `require_progress_text` (工作进展 required on submission) and `spike_factor` (a month's figure above this many
 *   times the unit's average approved month asks for confirmation; 0 = no check);
 * - report `flags`: the plausibility warnings the reporter confirmed, shown to the reviewer;
 * - indicator measures 家 (enterprises), 批次 and 人次 beside 个 / 次 / 条;
 * - a manual scoring entry may record an explicit zero count ("reported none" ≠ "not reported").
 */
export class ClerkSettings1765630000000 implements MigrationInterface {
  name = 'ClerkSettings1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan
        ADD COLUMN late_start_months integer NOT NULL DEFAULT 6 CHECK (late_start_months BETWEEN 1 AND 36),
        ADD COLUMN require_progress_text boolean NOT NULL DEFAULT false,
        ADD COLUMN spike_factor numeric(6,2) NOT NULL DEFAULT 3 CHECK (spike_factor >= 0)`);
    await q.query(`ALTER TABLE monthly_report ADD COLUMN flags jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_measure_check');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_measure_check
         CHECK (measure IN ('亿元','万元','个','%','次','条','家','批次','人次'))`,
    );
    await q.query('ALTER TABLE scoring_manual_entry DROP CONSTRAINT scoring_manual_entry_count_check');
    await q.query(
      'ALTER TABLE scoring_manual_entry ADD CONSTRAINT scoring_manual_entry_count_check CHECK (count >= 0)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE scoring_manual_entry DROP CONSTRAINT scoring_manual_entry_count_check');
    await q.query(
      'ALTER TABLE scoring_manual_entry ADD CONSTRAINT scoring_manual_entry_count_check CHECK (count > 0)',
    );
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_measure_check');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_measure_check
         CHECK (measure IN ('亿元','万元','个','%','次','条'))`,
    );
    await q.query('ALTER TABLE monthly_report DROP COLUMN flags');
    await q.query(
      'ALTER TABLE plan DROP COLUMN late_start_months, DROP COLUMN require_progress_text, DROP COLUMN spike_factor',
    );
  }
}
