import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 企业微信 / 钉钉 / webhook notification channels and their durable delivery log (issue 13 point 3).
 *
 * - `notification_channel`: one group robot (or webhook) per row, for a unit's group (`unit_id`) or the office's
 *   (`unit_id` NULL), with the notice kinds it receives. `token` (企业微信 key, 钉钉 access_token, webhook URL) and
 *   `sign_secret` (钉钉 加签) are stored AES-256-GCM encrypted and never answered by the API.
 * - `notification_delivery`: one row per (notice, channel), written in the transaction of the notice; a worker sends
 *   the due `pending` rows (SELECT … FOR UPDATE SKIP LOCKED), retries with backoff, records the vendor's errcode.
 */
export class NotificationChannels1765570000000 implements MigrationInterface {
  name = 'NotificationChannels1765570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_channel (
        id             serial PRIMARY KEY,
        kind           text NOT NULL CHECK (kind IN ('wecom_robot', 'dingtalk_robot', 'webhook')),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        unit_id        integer REFERENCES unit (id),
        notice_kinds   text[] NOT NULL DEFAULT '{}',
        message_type   text NOT NULL DEFAULT 'markdown' CHECK (message_type IN ('markdown', 'actionCard')),
        token_enc      text NOT NULL,
        secret_enc     text,
        enabled        boolean NOT NULL DEFAULT true,
        failed_count   integer NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
        last_error     text,
        last_error_at  timestamptz,
        failing_since  timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        created_by     integer REFERENCES app_user (id),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        updated_by     integer REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE notification_delivery (
        id               bigserial PRIMARY KEY,
        channel_id       integer NOT NULL REFERENCES notification_channel (id) ON DELETE CASCADE,
        notification_id  bigint REFERENCES notification (id) ON DELETE CASCADE,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  timestamptz NOT NULL,
        http_status      integer,
        errcode          integer,
        errmsg           text,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        sent_at          timestamptz,
        UNIQUE (channel_id, notification_id)
      )`);
    await q.query(
      `CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query('CREATE INDEX notification_delivery_channel ON notification_delivery (channel_id, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_delivery');
    await q.query('DROP TABLE notification_channel');
  }
}
