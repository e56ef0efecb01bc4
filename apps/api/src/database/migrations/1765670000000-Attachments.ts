import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 part 1, 佐证材料: files attached to a project, one of its stage events or one of its fund entries, stored
 * in PostgreSQL as 256 KiB bytea chunks (no local disk, part of every backup), or in an S3-compatible store
 * (`store = 's3'`, `object_key`). A removal is soft (who, when, why): the row and its bytes stay for the audit trail.
 * And each plan's required documents per stage (签约: 合同; 开工: 施工许可或开工照片; 到位: 资金凭证).
 */
export class Attachments1765670000000 implements MigrationInterface {
  name = 'Attachments1765670000000';

  async up(q: QueryRunner): Promise<void> {
    // an attachment names the event of ITS project: (project_id, event_id) references the event's pair
    await q.query(
      'ALTER TABLE project_event ADD CONSTRAINT project_event_project_id_id_key UNIQUE (project_id, id)',
    );
    await q.query(`
      CREATE TABLE attachment (
        id              serial PRIMARY KEY,
        project_id      integer NOT NULL REFERENCES project(id),
        event_id        integer,
        fund_month      char(7),
        kind            text NOT NULL CHECK (kind IN ('contract','license','permit','startPhoto','fundVoucher','other')),
        file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        file_type       text NOT NULL CHECK (file_type IN ('pdf','jpeg','png','heic','docx','xlsx','pptx')),
        content_type    text NOT NULL,
        size_bytes      bigint NOT NULL CHECK (size_bytes > 0),
        sha256          char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        store           text NOT NULL CHECK (store IN ('pg','s3')),
        object_key      text,
        note            text CHECK (length(note) <= 500),
        uploaded_by     integer NOT NULL REFERENCES app_user(id),
        uploaded_at     timestamptz NOT NULL DEFAULT now(),
        removed_at      timestamptz,
        removed_by      integer REFERENCES app_user(id),
        removed_reason  text,
        CHECK (event_id IS NULL OR fund_month IS NULL),
        CHECK (store = 'pg' OR object_key IS NOT NULL),
        CHECK ((removed_at IS NULL AND removed_by IS NULL AND removed_reason IS NULL)
            OR (removed_at IS NOT NULL AND removed_by IS NOT NULL AND length(removed_reason) BETWEEN 2 AND 500)),
        FOREIGN KEY (project_id, event_id) REFERENCES project_event(project_id, id),
        FOREIGN KEY (project_id, fund_month) REFERENCES project_fund(project_id, month)
      )`);
    await q.query('CREATE INDEX attachment_project_idx ON attachment (project_id, id)');
    // chunks are written before their attachment row (its size and hash are known only at the end): the key to the
    // row is checked at commit
    await q.query(`
      CREATE TABLE attachment_chunk (
        attachment_id  integer NOT NULL REFERENCES attachment(id) DEFERRABLE INITIALLY DEFERRED,
        seq            integer NOT NULL CHECK (seq >= 0),
        data           bytea NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      )`);
    // the chunks are already compressed or random-looking (PDF streams, JPEG, zip): no TOAST compression
    await q.query('ALTER TABLE attachment_chunk ALTER COLUMN data SET STORAGE EXTERNAL');
    await q.query(`
      ALTER TABLE plan
        ADD COLUMN required_documents jsonb NOT NULL
          DEFAULT '{"signed": ["contract"], "started": ["permit", "startPhoto"], "fund": ["fundVoucher"]}'::jsonb
          CHECK (jsonb_typeof(required_documents) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE plan DROP COLUMN required_documents');
    await q.query('DROP TABLE attachment_chunk');
    await q.query('DROP TABLE attachment');
    await q.query('ALTER TABLE project_event DROP CONSTRAINT project_event_project_id_id_key');
  }
}
