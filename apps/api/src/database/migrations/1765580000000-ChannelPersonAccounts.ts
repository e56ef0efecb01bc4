import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 企业微信 应用消息 and 钉钉 工作通知 to a person (issue 13 point 3, the enterprise app beside the group robots).
 *
 * - `notification_channel` takes two more kinds, `wecom_app` and `dingtalk_app`: one per deployment (a partial unique
 *   index), for no unit, with the app's id (`app_key`: 企业微信 corpid / 钉钉 AppKey) and its `agent_id`; the app's
 *   secret (corpsecret / AppSecret) is `token_enc`, encrypted as the robots' keys are. 企业微信's `textcard` joins the
 *   message types.
 * - `user_channel_account`: a user's account id in 企业微信 (UserID) or 钉钉 (userid), set by the sysadmin; one Pacer user
 *   per vendor account, so one person's notices never reach another.
 * - `notification_delivery.user_id`: whom a person channel's delivery is for (the notice's recipient, or the sysadmin
 *   of a 测试发送); NULL for a group's delivery.
 */
export class ChannelPersonAccounts1765580000000 implements MigrationInterface {
  name = 'ChannelPersonAccounts1765580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_kind_check');
    await q.query(`ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_kind_check
      CHECK (kind IN ('wecom_robot', 'dingtalk_robot', 'webhook', 'wecom_app', 'dingtalk_app'))`);
    await q.query('ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_message_type_check');
    await q.query(`ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_message_type_check
      CHECK (message_type IN ('markdown', 'actionCard', 'textcard'))`);
    await q.query(`ALTER TABLE notification_channel
      ADD COLUMN app_key text CHECK (length(app_key) BETWEEN 1 AND 100),
      ADD COLUMN agent_id bigint CHECK (agent_id > 0)`);
    await q.query(`ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_app_check
      CHECK (CASE WHEN kind IN ('wecom_app', 'dingtalk_app')
                  THEN unit_id IS NULL AND app_key IS NOT NULL AND agent_id IS NOT NULL
                  ELSE app_key IS NULL AND agent_id IS NULL END)`);
    await q.query(
      `CREATE UNIQUE INDEX notification_channel_one_app ON notification_channel (kind) WHERE kind IN ('wecom_app', 'dingtalk_app')`,
    );
    await q.query(`
      CREATE TABLE user_channel_account (
        user_id     integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        vendor      text NOT NULL CHECK (vendor IN ('wecom', 'dingtalk')),
        account_id  text NOT NULL CHECK (account_id ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$'),
        updated_at  timestamptz NOT NULL,
        updated_by  integer REFERENCES app_user (id),
        PRIMARY KEY (user_id, vendor)
      )`);
    // 企业微信 compares UserIDs without case
    await q.query(
      'CREATE UNIQUE INDEX user_channel_account_unique ON user_channel_account (vendor, lower(account_id))',
    );
    await q.query(
      'ALTER TABLE notification_delivery ADD COLUMN user_id integer REFERENCES app_user (id) ON DELETE CASCADE',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notification_delivery DROP COLUMN user_id');
    await q.query('DROP TABLE user_channel_account');
    await q.query(`DELETE FROM notification_channel WHERE kind IN ('wecom_app', 'dingtalk_app')`);
    await q.query('DROP INDEX notification_channel_one_app');
    await q.query('ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_app_check');
    await q.query('ALTER TABLE notification_channel DROP COLUMN app_key, DROP COLUMN agent_id');
    await q.query('ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_message_type_check');
    await q.query(`ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_message_type_check
      CHECK (message_type IN ('markdown', 'actionCard'))`);
    await q.query('ALTER TABLE notification_channel DROP CONSTRAINT notification_channel_kind_check');
    await q.query(`ALTER TABLE notification_channel ADD CONSTRAINT notification_channel_kind_check
      CHECK (kind IN ('wecom_robot', 'dingtalk_robot', 'webhook'))`);
  }
}
