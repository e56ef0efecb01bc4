import { formatAmount } from '@pacer/shared';

import { type ExportCell, type ExportColumn, yi as yiCell } from '../../common/xlsx/export-sheet';
import { FORMAT } from '../../common/xlsx/workbook';
import type { ChainBriefingRow } from '../chains/chains.service';
import { periodLabel } from './briefing-text';

// The 通报's optional 产业链 section (issue 17 part 4; the plan's `briefingChains`, off by default): one paragraph per
// chain in the .docx, one row per chain in the .xlsx appendix.

/** 万元 as 亿元 with two decimals, for the text (as the 通报's other figures print). */
function yi(wan: string): string {
  return formatAmount(wan);
}

/** The section's paragraphs: per chain, the month's and the year's signings, starts and funds, leads in talks, gaps. */
export function chainParagraphs(chains: readonly ChainBriefingRow[], monthNo: number): string[] {
  const period = periodLabel(monthNo);
  return chains.map((c) => {
    const month =
      `${monthNo}月签约项目${c.signedMonth}个、协议投资${yi(c.signedMonthWan)}亿元，` +
      `新开工${c.startedMonth}个，到位资金${yi(c.fundsMonthWan)}亿元`;
    const year =
      monthNo === 1
        ? ''
        : `；${period}累计签约${c.signedYear}个、协议投资${yi(c.signedYearWan)}亿元，` +
          `新开工${c.startedYear}个，到位资金${yi(c.fundsYearWan)}亿元`;
    const gaps = c.gaps.length ? `空白环节：${c.gaps.join('、')}。` : '各环节均已有项目或在谈线索。';
    return `${c.name}产业链：${month}${year}；洽谈中线索${c.leadsNegotiating}条。${gaps}`;
  });
}

/** The appendix's 产业链 sheet (amounts in 亿元 as numbers with two decimals). */
export function chainsSheet(chains: readonly ChainBriefingRow[]): { columns: ExportColumn[]; rows: ExportCell[][] } {
  // 万元 text → 亿元 number for the cell (the sheet's number format shows two decimals)
  const amount = (wan: string) => yiCell(wan);
  return {
    columns: [
      { header: '产业链', width: 14 },
      { header: '本月签约（个）', width: 14, numFmt: FORMAT.count },
      { header: '本月协议投资（亿元）', width: 18, numFmt: FORMAT.yi },
      { header: '本月新开工（个）', width: 15, numFmt: FORMAT.count },
      { header: '本月到位资金（亿元）', width: 18, numFmt: FORMAT.yi },
      { header: '累计签约（个）', width: 14, numFmt: FORMAT.count },
      { header: '累计协议投资（亿元）', width: 18, numFmt: FORMAT.yi },
      { header: '累计新开工（个）', width: 15, numFmt: FORMAT.count },
      { header: '累计到位资金（亿元）', width: 18, numFmt: FORMAT.yi },
      { header: '洽谈中线索（条）', width: 15, numFmt: FORMAT.count },
      { header: '空白环节', width: 36 },
    ],
    rows: chains.map((c) => [
      c.name,
      c.signedMonth,
      amount(c.signedMonthWan),
      c.startedMonth,
      amount(c.fundsMonthWan),
      c.signedYear,
      amount(c.signedYearWan),
      c.startedYear,
      amount(c.fundsYearWan),
      c.leadsNegotiating,
      c.gaps.join('、') || '—',
    ]),
  };
}
