import type { ChainBriefingRow } from '../chains/chains.service';
import { chainParagraphs, chainsSheet } from './briefing-chains';

const NEW_ENERGY: ChainBriefingRow = {
  id: 1,
  name: '新能源',
  signedMonth: 2,
  signedMonthWan: '35000',
  signedYear: 12,
  signedYearWan: '452000.5',
  startedMonth: 1,
  startedYear: 6,
  fundsMonthWan: '8000',
  fundsYearWan: '103000',
  leadsNegotiating: 3,
  gaps: ['正负极材料', '电机电控'],
};
const PHARMA: ChainBriefingRow = {
  ...NEW_ENERGY,
  id: 2,
  name: '生物医药',
  signedMonth: 0,
  signedMonthWan: '0',
  leadsNegotiating: 0,
  gaps: [],
};

describe('the 通报’s 产业链 section', () => {
  it('should write a paragraph per chain: the month, the year to it in 亿元 with two decimals, talks and gaps', () => {
    expect(chainParagraphs([NEW_ENERGY, PHARMA], 11)).toEqual([
      '新能源产业链：11月签约项目2个、协议投资3.50亿元，新开工1个，到位资金0.80亿元；1—11月累计签约12个、协议投资45.20亿元，' +
        '新开工6个，到位资金10.30亿元；洽谈中线索3条。空白环节：正负极材料、电机电控。',
      '生物医药产业链：11月签约项目0个、协议投资0.00亿元，新开工1个，到位资金0.80亿元；1—11月累计签约12个、协议投资45.20亿元，' +
        '新开工6个，到位资金10.30亿元；洽谈中线索0条。各环节均已有项目或在谈线索。',
    ]);
  });

  it('should not repeat the month as a year-to-date in January', () => {
    expect(chainParagraphs([NEW_ENERGY], 1)[0]).toBe(
      '新能源产业链：1月签约项目2个、协议投资3.50亿元，新开工1个，到位资金0.80亿元；洽谈中线索3条。空白环节：正负极材料、电机电控。',
    );
  });

  it('should give the appendix one row per chain with amounts in 亿元 as numbers', () => {
    const { columns, rows } = chainsSheet([NEW_ENERGY, PHARMA]);
    expect(columns).toHaveLength(11);
    expect(rows[0]).toEqual(['新能源', 2, 3.5, 1, 0.8, 12, 45.20005, 6, 10.3, 3, '正负极材料、电机电控']);
    expect(rows[1]![10]).toBe('—');
  });
});
