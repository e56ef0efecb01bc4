import { describe, expect, it } from 'vitest';

import { filtersFromRoute, filtersToRoute, toActivitiesQuery } from './activity-filters';

describe('activity filters', () => {
  it('should read a link’s filters and drop what is not one', () => {
    const { filters, page } = filtersFromRoute({
      unitId: '5',
      kind: 'outbound',
      month: '2026-05',
      led: '1',
      page: '2',
    });
    expect(filters).toEqual({ unitId: 5, kind: 'outbound', month: '2026-05', ledOnly: true, q: '' });
    expect(page).toBe(2);
    const junk = filtersFromRoute({ unitId: 'x', kind: 'banquet', month: '2026-13', led: 'yes', page: '-1' });
    expect(junk.filters).toEqual({ unitId: null, kind: '', month: '', ledOnly: false, q: '' });
    expect(junk.page).toBe(1);
  });

  it('should round-trip through the address and ask the API only for the filters set', () => {
    const filters = { unitId: 3, kind: 'expo' as const, month: '', ledOnly: true, q: ' 常州 ' };
    expect(filtersFromRoute(filtersToRoute(filters, 3)).filters).toEqual({ ...filters, q: '常州' });
    expect(toActivitiesQuery(filters, 1)).toEqual({
      unitId: 3,
      kind: 'expo',
      ledByCountyLeader: true,
      q: '常州',
      page: 1,
      pageSize: 20,
    });
  });
});
