import type { ActivitiesQuery, ActivityKind } from '@pacer/shared';
import { ACTIVITY_KINDS, isMonth } from '@pacer/shared';
import type { LocationQuery } from 'vue-router';

// The list's filters, kept in the address (a link to 「五月领导带队的外出招商」 opens that list).

export interface ActivityFilters {
  unitId: number | null;
  kind: ActivityKind | '';
  month: string;
  ledOnly: boolean;
  q: string;
}

export const PAGE_SIZE = 20;

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export function filtersFromRoute(query: LocationQuery): { filters: ActivityFilters; page: number } {
  const unit = Number(text(query.unitId));
  const kind = text(query.kind);
  const month = text(query.month);
  const page = Number(text(query.page));
  return {
    filters: {
      unitId: Number.isInteger(unit) && unit > 0 ? unit : null,
      kind: (ACTIVITY_KINDS as readonly string[]).includes(kind) ? (kind as ActivityKind) : '',
      month: isMonth(month) ? month : '',
      ledOnly: text(query.led) === '1',
      q: text(query.q).slice(0, 100),
    },
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function filtersToRoute(filters: ActivityFilters, page: number): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.unitId !== null) query.unitId = String(filters.unitId);
  if (filters.kind) query.kind = filters.kind;
  if (filters.month) query.month = filters.month;
  if (filters.ledOnly) query.led = '1';
  if (filters.q.trim()) query.q = filters.q.trim();
  if (page > 1) query.page = String(page);
  return query;
}

export function toActivitiesQuery(
  filters: ActivityFilters,
  page: number,
  pageSize = PAGE_SIZE,
): ActivitiesQuery {
  return {
    ...(filters.unitId !== null ? { unitId: filters.unitId } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.month ? { month: filters.month } : {}),
    ...(filters.ledOnly ? { ledByCountyLeader: true } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    page,
    pageSize,
  };
}
