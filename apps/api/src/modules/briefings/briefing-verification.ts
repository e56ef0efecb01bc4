import { VERIFICATION_KIND_LABELS } from '@pacer/shared';

import type { BriefingVerification, BriefingVerificationLine } from './briefing-model';
import { figureText } from './briefing-text';

// 认定 in the 通报 (issue 15): the sentences and the annex rows, one source for the .docx and the .xlsx.

const AMOUNT_KINDS = new Set(['signed', 'fund']);

/** `已认定12个、35.20亿元` — the amount only for signings (agreed investment) and funds in place. */
function part(label: string, count: number, wan: string, withAmount: boolean): string {
  return withAmount ? `${label}${count}个、${figureText(wan, 'amount', '亿元')}` : `${label}${count}个`;
}

/** One sentence per event kind that has any event, e.g. 签约项目：已认定3个、10.20亿元；待认定1个、0.50亿元；不予认定1个、0.12亿元。 */
export function verificationSentences(v: BriefingVerification): string[] {
  return v.lines
    .filter((l) => l.verifiedCount + l.pendingCount + l.rejectedCount > 0)
    .map((l: BriefingVerificationLine) => {
      const amount = AMOUNT_KINDS.has(l.kind);
      const what = l.kind === 'fund' ? '到位资金（按项目按月）' : `${VERIFICATION_KIND_LABELS[l.kind]}项目`;
      return `${what}：${[
        part('已认定', l.verifiedCount, l.verifiedWan, amount),
        part('待认定', l.pendingCount, l.pendingWan, amount),
        part('不予认定', l.rejectedCount, l.rejectedWan, amount),
      ].join('；')}。`;
    });
}

/** The lead of the section: which indicators count only verified events. */
export function verificationLead(v: BriefingVerification): string {
  return `按考核办法，${v.verifiedOnlyIndicators.join('、')}仅计已认定的项目事项，待认定、不予认定的不计入。截至本月末，各单位上报事项认定情况如下：`;
}

/** The annex's rows: 单位, 项目编号, 项目名称, 事项, 日期/月份, 金额（亿元）, 不予认定原因, 说明. */
export function rejectionRows(v: BriefingVerification): string[][] {
  return v.rejected.map((r) => [
    r.unitName,
    r.projectCode,
    r.projectName,
    VERIFICATION_KIND_LABELS[r.kind],
    r.when,
    r.amountWan === null ? '—' : figureText(r.amountWan, 'amount', '亿元').replace('亿元', ''),
    r.isAppealed ? `${r.reason}（申诉复核维持）` : r.reason,
    r.note ?? '',
  ]);
}

export const REJECTION_HEADERS = ['单位', '项目编号', '项目名称', '事项', '日期/月份', '金额（亿元）', '不予认定原因', '说明'];
