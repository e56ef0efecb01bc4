import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 钉钉 工作通知 receipts: asyncsend_v2 answers errcode 0 when it accepts the task, not when the person gets it. A sent
 * 钉钉 app delivery keeps the vendor's task id and when to ask for its receipt (getsendresult); the receipt marks it
 * delivered, or failed when 钉钉 lists the userid as invalid, flow-controlled or failed.
 */
export class DeliveryReceipts1765740000000 implements MigrationInterface {
  name = 'DeliveryReceipts1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification_delivery
        ADD COLUMN vendor_task_id  bigint,
        ADD COLUMN receipt_due_at  timestamptz,
        ADD COLUMN receipt_checks  integer NOT NULL DEFAULT 0 CHECK (receipt_checks >= 0),
        ADD COLUMN delivered_at    timestamptz,
        ADD CONSTRAINT notification_delivery_receipt_has_task CHECK (receipt_due_at IS NULL OR vendor_task_id IS NOT NULL)`);
    await q.query(
      `CREATE INDEX notification_delivery_receipt_due ON notification_delivery (receipt_due_at) WHERE receipt_due_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX notification_delivery_receipt_due');
    await q.query(`
      ALTER TABLE notification_delivery
        DROP CONSTRAINT notification_delivery_receipt_has_task,
        DROP COLUMN delivered_at, DROP COLUMN receipt_checks, DROP COLUMN receipt_due_at, DROP COLUMN vendor_task_id`);
  }
}
