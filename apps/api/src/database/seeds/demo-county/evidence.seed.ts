import { createHash } from 'node:crypto';

import { formatAmount } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { samplePdf, samplePng } from './evidence-files';

/**
 * 佐证材料 of the demo county (docs/demo.md): the signed projects get their contract on the 签约 event, most started
 * ones a site photo (some the 施工许可) on the 开工 event, and three in four their months of funds a bank slip each —
 * generated on the spot (small PDFs and PNGs), chosen by a hash of the project's name so the same county gets the
 * same files every day. Some are left missing on purpose: the checklist shows what a unit still owes.
 */

interface SignedRow {
  id: number;
  code: string;
  name: string;
  investorName: string;
  agreedWan: string;
  unitName: string;
  userId: number | null;
  signedEventId: number | null;
  signedDate: string;
  startedEventId: number | null;
  startedDate: string | null;
  /** Months with funds in place above 0, oldest first. */
  funds: Array<{ month: string; amountWan: string }>;
}

interface EvidenceFile {
  projectId: number;
  eventId: number | null;
  fundMonth: string | null;
  kind: 'contract' | 'permit' | 'startPhoto' | 'fundVoucher';
  fileName: string;
  type: 'pdf' | 'png';
  bytes: Buffer;
  userId: number | null;
  /** The business day it was filed (10:30 Shanghai on it). */
  day: string;
}

/** 0–99 from a text, the same on every run. */
function percentile(text: string): number {
  return createHash('sha256').update(text).digest().readUInt16BE(0) % 100;
}

// 万元 text to 亿元 for the generated documents, decimal all the way (the ledger's own formatter)
const yi = (wan: string) => formatAmount(wan, { withUnit: true });

export async function insertDemoEvidence(manager: EntityManager, adminId: number): Promise<number> {
  const rows: SignedRow[] = await manager.query(
    `SELECT p.id, p.code, p.name, p.investor_name AS "investorName", p.agreed_investment_wan::text AS "agreedWan",
            u.name AS "unitName", p.created_by AS "userId", p.signed_date::text AS "signedDate",
            p.started_date::text AS "startedDate",
            (SELECT max(e.id) FROM project_event e WHERE e.project_id = p.id AND e.stage = 'signed') AS "signedEventId",
            (SELECT max(e.id) FROM project_event e WHERE e.project_id = p.id AND e.stage = 'started') AS "startedEventId",
            coalesce((SELECT json_agg(json_build_object('month', f.month, 'amountWan', f.amount_wan::text) ORDER BY f.month)
                        FROM project_fund f WHERE f.project_id = p.id AND f.amount_wan > 0), '[]'::json) AS funds
       FROM project p JOIN unit u ON u.id = p.unit_id
      WHERE p.signed_date IS NOT NULL AND p.deleted_at IS NULL
      ORDER BY p.id`,
  );
  const files: EvidenceFile[] = [];
  for (const p of rows) {
    const roll = percentile(`${p.name}|${p.investorName}`);
    const base = { projectId: p.id, userId: p.userId ?? adminId };
    // nine in ten contracts are filed; the tenth is what the office chases
    if (roll < 90) {
      files.push({
        ...base,
        eventId: p.signedEventId,
        fundMonth: null,
        kind: 'contract',
        fileName: `${p.name}投资合作协议.pdf`,
        type: 'pdf',
        bytes: samplePdf('投资合作协议（摘要）', [
          `项目名称：${p.name}`,
          `甲方：${p.unitName}`,
          `乙方：${p.investorName}`,
          `协议投资额：${yi(p.agreedWan)}`,
          `签约日期：${p.signedDate}`,
          `台账编号：${p.code}`,
        ]),
        day: p.signedDate,
      });
    }
    if (p.startedDate && p.startedEventId !== null && roll % 10 < 8) {
      const isPermit = roll % 3 === 0;
      files.push({
        ...base,
        eventId: p.startedEventId,
        fundMonth: null,
        kind: isPermit ? 'permit' : 'startPhoto',
        fileName: isPermit ? '建筑工程施工许可证.pdf' : `开工现场照片${p.startedDate.replace(/-/g, '')}.png`,
        type: isPermit ? 'pdf' : 'png',
        bytes: isPermit
          ? samplePdf('建筑工程施工许可证', [
              `建设单位：${p.investorName}`,
              `工程名称：${p.name}`,
              `发证日期：${p.startedDate}`,
            ])
          : samplePng(p.id * 7 + roll, 240, 150),
        day: p.startedDate,
      });
    }
    // bank slips: three in four projects file them, one of those has not filed its latest month yet
    const slips = roll % 4 === 3 ? [] : roll % 4 === 2 ? p.funds.slice(0, -1) : p.funds;
    for (const f of slips) {
      files.push({
        ...base,
        eventId: null,
        fundMonth: f.month,
        kind: 'fundVoucher',
        fileName: `${f.month}到位资金银行进账单.pdf`,
        type: 'pdf',
        bytes: samplePdf('银行进账单（回单）', [
          `付款人：${p.investorName}`,
          `用途：${p.name}项目投资款`,
          `金额：${f.amountWan} 万元`,
          `所属月份：${f.month}`,
        ]),
        day: `${f.month}-28`,
      });
    }
  }
  if (!files.length) return 0;
  const ids: Array<{ id: number }> = await manager.query(
    `SELECT nextval(pg_get_serial_sequence('attachment', 'id'))::int AS id FROM generate_series(1, $1::int) ORDER BY 1`,
    [files.length],
  );
  const mime = { pdf: 'application/pdf', png: 'image/png' } as const;
  await manager.query(
    `INSERT INTO attachment (id, project_id, event_id, fund_month, kind, file_name, file_type, content_type, size_bytes,
                             sha256, store, uploaded_by, uploaded_at)
     SELECT t.id, t.project_id, t.event_id, t.fund_month, t.kind, t.file_name, t.file_type, t.content_type, t.size,
            t.sha256, 'pg', t.user_id, LEAST(now(), (t.day + time '10:30') AT TIME ZONE 'Asia/Shanghai')
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::bigint[], $10::text[], $11::int[], $12::date[])
         AS t(id, project_id, event_id, fund_month, kind, file_name, file_type, content_type, size, sha256, user_id, day)`,
    [
      ids.map((r) => r.id),
      files.map((f) => f.projectId),
      files.map((f) => f.eventId),
      files.map((f) => f.fundMonth),
      files.map((f) => f.kind),
      files.map((f) => f.fileName),
      files.map((f) => f.type),
      files.map((f) => mime[f.type]),
      files.map((f) => f.bytes.length),
      files.map((f) => createHash('sha256').update(f.bytes).digest('hex')),
      files.map((f) => f.userId),
      files.map((f) => f.day),
    ],
  );
  // every demo file is under one 256 KiB chunk
  await manager.query(
    `INSERT INTO attachment_chunk (attachment_id, seq, data) SELECT t.id, 0, t.data FROM unnest($1::int[], $2::bytea[]) AS t(id, data)`,
    [ids.map((r) => r.id), files.map((f) => f.bytes)],
  );
  return files.length;
}
