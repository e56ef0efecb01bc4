import type { AuditQuery } from '@pacer/shared';

import { endOfBusinessDay, startOfBusinessDay } from '@/utils/format';

export interface AuditFilters {
  /** Calendar days 'YYYY-MM-DD' in Asia/Shanghai, both included; null for no bound. */
  dateRange: [string, string] | null;
  userId: number | null;
  /** Events about a unit: the unit, its reports and projects, events naming it. */
  unitId?: number | null;
  action: string;
  objectType: string;
  objectId: string;
}

export const AUDIT_PAGE_SIZES = [20, 50, 100] as const;

export function createAuditFilters(): AuditFilters {
  return { dateRange: null, userId: null, unitId: null, action: '', objectType: '', objectId: '' };
}

/** The GET /audit query: days become Shanghai instants (`to` exclusive), blanks are left out. */
export function buildAuditQuery(filters: AuditFilters, page: number, pageSize: number): AuditQuery {
  const query: AuditQuery = { page, pageSize };
  if (filters.dateRange) {
    query.from = startOfBusinessDay(filters.dateRange[0]);
    query.to = endOfBusinessDay(filters.dateRange[1]);
  }
  if (filters.userId !== null) query.userId = filters.userId;
  if (filters.unitId !== null && filters.unitId !== undefined) query.unitId = filters.unitId;
  const action = filters.action.trim();
  if (action) query.action = action;
  const objectType = filters.objectType.trim();
  if (objectType) query.objectType = objectType;
  const objectId = filters.objectId.trim();
  if (objectId) query.objectId = objectId;
  return query;
}
