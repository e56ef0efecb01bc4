import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 rule 12: amounts in US dollars (实际使用外资, 外商直接投资) measured in 万美元 beside 万元, kept apart: the
 * indicator validator refuses a formula mixing the two without an explicit `exchangeRate`.
 */
export class UsdMeasure1765690000002 implements MigrationInterface {
  name = 'UsdMeasure1765690000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_measure_check');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_measure_check
         CHECK (measure IN ('亿元','万元','万美元','个','%','次','条','家','批次','人次'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE indicator DROP CONSTRAINT indicator_measure_check');
    await q.query(
      `ALTER TABLE indicator ADD CONSTRAINT indicator_measure_check
         CHECK (measure IN ('亿元','万元','个','%','次','条','家','批次','人次'))`,
    );
  }
}
