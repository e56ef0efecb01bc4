import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 招商活动 are imported like the ledger (issue 17): an import batch may be of kind `activities`. The kinds already
 * allowed are read off the constraint and kept (another part of issue 17 may add its own kind in any order).
 */
export class ActivityImports1765720000001 implements MigrationInterface {
  name = 'ActivityImports1765720000001';

  async up(q: QueryRunner): Promise<void> {
    await this.setKinds(q, (kinds) => [...new Set([...kinds, 'activities'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM import_batch WHERE kind = 'activities'`);
    await this.setKinds(q, (kinds) => kinds.filter((k) => k !== 'activities'));
  }

  private async setKinds(q: QueryRunner, change: (kinds: string[]) => string[]): Promise<void> {
    const [row]: Array<{ def: string }> = await q.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'import_batch'::regclass AND conname = 'import_batch_kind_check'`,
    );
    const kinds = [...(row?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    const next = change(kinds);
    if (!next.every((k) => /^[a-z_]+$/.test(k))) throw new Error('unexpected import kind');
    await q.query('ALTER TABLE import_batch DROP CONSTRAINT IF EXISTS import_batch_kind_check');
    await q.query(
      `ALTER TABLE import_batch ADD CONSTRAINT import_batch_kind_check CHECK (kind IN (${next.map((k) => `'${k}'`).join(', ')}))`,
    );
  }
}
