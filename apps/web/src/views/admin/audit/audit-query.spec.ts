import { describe, expect, it } from 'vitest';

import { buildAuditQuery, createAuditFilters } from './audit-query';

describe('buildAuditQuery', () => {
  it('should send only the page when no filter is set', () => {
    expect(buildAuditQuery(createAuditFilters(), 1, 20)).toEqual({ page: 1, pageSize: 20 });
  });

  it('should turn the day range into Shanghai instants with an exclusive end, and trim the texts', () => {
    const filters = {
      dateRange: ['2026-03-01', '2026-03-31'] as [string, string],
      userId: 4,
      action: ' auth.login ',
      objectType: 'user',
      objectId: ' 12 ',
    };
    expect(buildAuditQuery(filters, 3, 50)).toEqual({
      page: 3,
      pageSize: 50,
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-04-01T00:00:00+08:00',
      userId: 4,
      action: 'auth.login',
      objectType: 'user',
      objectId: '12',
    });
  });

  it('should filter by unit (issue 14): the unit, its reports and projects', () => {
    expect(buildAuditQuery({ ...createAuditFilters(), unitId: 7 }, 1, 20)).toEqual({ page: 1, pageSize: 20, unitId: 7 });
    expect(buildAuditQuery({ ...createAuditFilters(), unitId: null }, 1, 20)).toEqual({ page: 1, pageSize: 20 });
  });
});
