import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `import_batch`: an uploaded sheet, parsed and checked (preview), then written in one transaction (committed) or
 * refused (failed). The normalised rows wait here between the two steps; the content hash makes a second upload of
 * the same file recognisable (REL-3).
 */
export class ImportBatch1764800000000 implements MigrationInterface {
  name = 'ImportBatch1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_batch (
        id              uuid PRIMARY KEY,
        kind            text NOT NULL CHECK (kind IN ('targets', 'reports', 'projects')),
        plan_id         integer NOT NULL REFERENCES plan(id),
        month           text CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_sha256  text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
        status          text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'committed', 'failed')),
        rows            jsonb NOT NULL DEFAULT '[]'::jsonb,
        problems        jsonb NOT NULL DEFAULT '[]'::jsonb,
        summary         jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by      integer NOT NULL REFERENCES app_user(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        committed_at    timestamptz,
        CHECK ((status = 'committed') = (committed_at IS NOT NULL))
      )`);
    // "was this file already committed for this kind, plan and month?"
    await q.query(
      `CREATE INDEX import_batch_hash_idx ON import_batch (kind, plan_id, content_sha256) WHERE status = 'committed'`,
    );
    await q.query('CREATE INDEX import_batch_user_idx ON import_batch (created_by, created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_batch');
  }
}
