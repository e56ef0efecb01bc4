import { describe, expect, it } from 'vitest';

import {
  emptyFilters,
  fromRouteQuery,
  sortFromTable,
  tableSort,
  toProjectsQuery,
  toRouteQuery,
} from './project-query';

describe('toProjectsQuery (ledger filters → GET /projects parameters)', () => {
  it('should send only the plan, page and size when nothing is filtered', () => {
    expect(toProjectsQuery(1, emptyFilters(), 1, 20, null)).toEqual({ planId: 1, page: 1, pageSize: 20 });
  });

  it('should map every filter, the size band to its lower bound in 万元, and the sort', () => {
    const filters = {
      unitId: 4,
      stage: 'signed' as const,
      band: 'shiyi' as const,
      origin: 'out_of_province' as const,
      industryChain: ' 新能源 ',
      q: '  电池 ',
    };
    expect(toProjectsQuery(1, filters, 3, 50, { field: 'agreedInvestmentWan', order: 'desc' })).toEqual({
      planId: 1,
      unitId: 4,
      stage: 'signed',
      minAgreedWan: '100000',
      origin: 'out_of_province',
      industryChain: '新能源',
      q: '电池',
      page: 3,
      pageSize: 50,
      sort: 'agreedInvestmentWan',
      order: 'desc',
    });
  });

  it('should use 10000 / 100000 / 500000 万元 for 亿元以上 / 10亿元以上 / 50亿元以上', () => {
    const bound = (band: 'yi' | 'shiyi' | 'wushiyi') =>
      toProjectsQuery(null, { ...emptyFilters(), band }, 1, 20, null).minAgreedWan;
    expect([bound('yi'), bound('shiyi'), bound('wushiyi')]).toEqual(['10000', '100000', '500000']);
  });
});

describe('table sort', () => {
  it('should turn ElTable sort events into the API sort and back', () => {
    expect(sortFromTable('signedDate', 'ascending')).toEqual({ field: 'signedDate', order: 'asc' });
    expect(sortFromTable('agreedInvestmentWan', 'descending')).toEqual({
      field: 'agreedInvestmentWan',
      order: 'desc',
    });
    expect(sortFromTable('signedDate', null)).toBeNull();
    expect(sortFromTable('investorName', 'ascending')).toBeNull();
    expect(tableSort({ field: 'name', order: 'asc' })).toEqual({ prop: 'name', order: 'ascending' });
  });
});

describe('the address bar', () => {
  it('should round-trip the filters, page, size and sort', () => {
    const filters = { ...emptyFilters(), unitId: 7, band: 'yi' as const, q: '物流' };
    const query = toRouteQuery(filters, 2, 50, { field: 'name', order: 'asc' });
    expect(query).toEqual({
      unitId: '7',
      band: 'yi',
      q: '物流',
      page: '2',
      pageSize: '50',
      sort: 'name.asc',
    });
    const back = fromRouteQuery(query as Record<string, string>);
    expect(back).toEqual({ filters, page: 2, pageSize: 50, sort: { field: 'name', order: 'asc' } });
  });

  it('should ignore what it does not know', () => {
    const back = fromRouteQuery({
      stage: 'flying',
      band: 'huge',
      page: '-3',
      pageSize: '7',
      sort: 'x.up',
      unitId: 'a',
    });
    expect(back).toEqual({ filters: emptyFilters(), page: 1, pageSize: 20, sort: null });
  });
});
