import type { EntityManager } from 'typeorm';

import type { DemoCalendar } from './calendar';

/**
 * The demo's 认定 queue (issue 15, docs/demo.md), decided in SQL over the verification rows the ledger's triggers made:
 * - every event dated before the month in review is 已认定 by the office about twelve days after it (not after the last
 *   event day), the month in review and later ones 待认定;
 * - a couple of 不予认定 with their reasons: the later of the two entries of one duplicate pair (重复统计), and the
 *   largest earlier fund entry of a generated project (佐证不足, the voucher did not match the bank statement);
 * - one appeal: the latest earlier 开工 of a generated project was refused (佐证不足) and its unit appealed with the
 *   permit attached: back in the queue as 申诉;
 * - a 跨年重签: a signing whose investor (credit code) signed with the county in an earlier year stays 待认定, and the
 *   queue suggests 不予认定 (跨年重签).
 * Deterministic: the same rows on every run of the same day. No verified-only indicator: the ranking is unchanged.
 */
export async function decideDemoVerifications(
  manager: EntityManager,
  cal: DemoCalendar,
  adminId: number,
): Promise<void> {
  const cutoff = `${cal.reviewMonth}-01`;
  const decidedAt = `(least(v.event_date + 12, $2::date) + time '15:00') AT TIME ZONE 'Asia/Shanghai'`;
  // rows made by the triggers at seeding time: dated as their events
  await manager.query(
    `UPDATE verification v SET created_at = (v.event_date + time '10:00') AT TIME ZONE 'Asia/Shanghai',
            updated_at = (v.event_date + time '10:00') AT TIME ZONE 'Asia/Shanghai'`,
  );
  // a signing re-signed from an earlier year (same credit code, signed before this one's year) is left to the office
  const resigning = `EXISTS (SELECT 1 FROM project o WHERE o.id <> p.id AND o.deleted_at IS NULL
                       AND o.investor_credit_code = p.investor_credit_code
                       AND o.signed_date < date_trunc('year', p.signed_date)::date)`;
  await manager.query(
    `UPDATE verification v SET status = 'verified', decided_by = $3, decided_at = ${decidedAt},
            updated_at = ${decidedAt}, version = v.version + 1
       FROM project p
      WHERE p.id = v.project_id AND v.event_date < $1::date AND v.event_date <= $2::date
        AND NOT (v.kind = 'signed' AND ${resigning})`,
    [cutoff, cal.lastEventDay, adminId],
  );
  const reject = async (id: number | undefined, reason: string, note: string) => {
    if (id === undefined) return;
    await manager.query(
      `UPDATE verification v SET status = 'rejected', reason = $2, note = $3, version = v.version + 1 WHERE v.id = $1`,
      [id, reason, note],
    );
  };
  // 重复统计: the later-signed entry of a pair with the same credit code in two units, the same year
  const [duplicate] = await manager.query(
    `SELECT v.id FROM verification v JOIN project p ON p.id = v.project_id
      WHERE v.kind = 'signed' AND v.status = 'verified'
        AND EXISTS (SELECT 1 FROM project o WHERE o.id <> p.id AND o.unit_id <> p.unit_id
                      AND o.investor_credit_code = p.investor_credit_code AND o.signed_date < p.signed_date
                      AND date_trunc('year', o.signed_date) = date_trunc('year', p.signed_date))
      ORDER BY v.event_date, v.id LIMIT 1`,
  );
  await reject(duplicate?.id, '重复统计', '与另一单位登记的同一投资方项目为同一项目，应按分成登记，不重复计入');
  // 佐证不足 on funds: the largest earlier fund entry of a project without a description (a generated one)
  const [fund] = await manager.query(
    `SELECT v.id FROM verification v JOIN project p ON p.id = v.project_id
      WHERE v.kind = 'fund' AND v.status = 'verified' AND p.description IS NULL
      ORDER BY v.amount_wan DESC, v.id LIMIT 1`,
  );
  await reject(fund?.id, '佐证不足', '到位资金凭证金额与银行进账单不一致，请补充银行流水');
  // the appeal: the latest earlier 开工 of a project without a description, refused for want of a permit, appealed
  const [started] = await manager.query(
    `SELECT v.id FROM verification v JOIN project p ON p.id = v.project_id
      WHERE v.kind = 'started' AND v.status = 'verified' AND p.description IS NULL
      ORDER BY v.event_date DESC, v.id LIMIT 1`,
  );
  await reject(started?.id, '佐证不足', '未提供施工许可证或开工现场照片');
  if (started) {
    await manager.query(
      `UPDATE verification v SET status = 'pending', is_appealed = true,
              appeal_note = '已补充施工许可证及开工现场照片，项目已于当月进场施工，请复核',
              appealed_by = (SELECT uu.user_id FROM user_unit uu JOIN project p ON p.unit_id = uu.unit_id
                              WHERE p.id = v.project_id ORDER BY uu.user_id LIMIT 1),
              appealed_at = least(v.decided_at + interval '3 days', ($2::date + time '17:00') AT TIME ZONE 'Asia/Shanghai'),
              updated_at = least(v.decided_at + interval '3 days', ($2::date + time '17:00') AT TIME ZONE 'Asia/Shanghai'),
              version = v.version + 1
        WHERE v.id = $1`,
      [started.id, cal.lastEventDay],
    );
  }
}
