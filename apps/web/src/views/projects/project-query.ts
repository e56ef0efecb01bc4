import type { LocationQuery, LocationQueryRaw } from 'vue-router';

import type { InvestorOrigin, ProjectsQuery, ProjectStage } from '@pacer/shared';
import { INVESTOR_ORIGINS, PROJECT_STAGES } from '@pacer/shared';

/** Size bands of the ledger filter (以上 includes the value): lower bounds in 万元. */
export const SIZE_BANDS = {
  yi: '10000',
  shiyi: '100000',
  wushiyi: '500000',
} as const;
export type SizeBand = keyof typeof SIZE_BANDS;
export const SIZE_BAND_CODES = Object.keys(SIZE_BANDS) as SizeBand[];

export const PROJECT_SORT_FIELDS = ['signedDate', 'agreedInvestmentWan', 'name', 'updatedAt'] as const;
export type ProjectSortField = (typeof PROJECT_SORT_FIELDS)[number];

export interface ProjectSort {
  field: ProjectSortField;
  order: 'asc' | 'desc';
}

export interface ProjectFilters {
  unitId: number | null;
  stage: ProjectStage | '';
  band: SizeBand | '';
  origin: InvestorOrigin | '';
  industryChain: string;
  q: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100] as const;

export function emptyFilters(): ProjectFilters {
  return { unitId: null, stage: '', band: '', origin: '', industryChain: '', q: '' };
}

/** The filters, page and sort as GET /projects parameters; empty filters are left out. */
export function toProjectsQuery(
  planId: number | null,
  filters: ProjectFilters,
  page: number,
  pageSize: number,
  sort: ProjectSort | null,
): ProjectsQuery {
  const query: ProjectsQuery = { page, pageSize };
  if (planId !== null) query.planId = planId;
  if (filters.unitId !== null) query.unitId = filters.unitId;
  if (filters.stage) query.stage = filters.stage;
  if (filters.band) query.minAgreedWan = SIZE_BANDS[filters.band];
  if (filters.origin) query.origin = filters.origin;
  const chain = filters.industryChain.trim();
  if (chain) query.industryChain = chain;
  const q = filters.q.trim();
  if (q) query.q = q.slice(0, 100);
  if (sort) {
    query.sort = sort.field;
    query.order = sort.order;
  }
  return query;
}

/** ElTable's sort-change event → the API's sort (null: the server's default, newest first). */
export function sortFromTable(
  prop: string | null | undefined,
  order: string | null | undefined,
): ProjectSort | null {
  if (!prop || !order || !(PROJECT_SORT_FIELDS as readonly string[]).includes(prop)) return null;
  return { field: prop as ProjectSortField, order: order === 'ascending' ? 'asc' : 'desc' };
}

/** ElTable's default-sort for a sort. */
export function tableSort(
  sort: ProjectSort | null,
): { prop: string; order: 'ascending' | 'descending' } | undefined {
  return sort ? { prop: sort.field, order: sort.order === 'asc' ? 'ascending' : 'descending' } : undefined;
}

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The address bar holds the filters, so a filtered ledger can be bookmarked or linked (e.g. from a unit). */
export function toRouteQuery(
  filters: ProjectFilters,
  page: number,
  pageSize: number,
  sort: ProjectSort | null,
): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.unitId !== null) query.unitId = String(filters.unitId);
  if (filters.stage) query.stage = filters.stage;
  if (filters.band) query.band = filters.band;
  if (filters.origin) query.origin = filters.origin;
  if (filters.industryChain.trim()) query.chain = filters.industryChain.trim();
  if (filters.q.trim()) query.q = filters.q.trim();
  if (page > 1) query.page = String(page);
  if (pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = String(pageSize);
  if (sort) query.sort = `${sort.field}.${sort.order}`;
  return query;
}

/** The reverse of toRouteQuery; anything unknown is ignored. */
export function fromRouteQuery(query: LocationQuery): {
  filters: ProjectFilters;
  page: number;
  pageSize: number;
  sort: ProjectSort | null;
} {
  const filters = emptyFilters();
  const unitId = Number(text(query.unitId));
  if (Number.isInteger(unitId) && unitId > 0) filters.unitId = unitId;
  const stage = text(query.stage);
  if ((PROJECT_STAGES as readonly string[]).includes(stage)) filters.stage = stage as ProjectStage;
  const band = text(query.band);
  if ((SIZE_BAND_CODES as string[]).includes(band)) filters.band = band as SizeBand;
  const origin = text(query.origin);
  if ((INVESTOR_ORIGINS as readonly string[]).includes(origin)) filters.origin = origin as InvestorOrigin;
  filters.industryChain = text(query.chain);
  filters.q = text(query.q);
  const page = Number(text(query.page));
  const pageSize = Number(text(query.pageSize));
  const [field, order] = text(query.sort).split('.');
  return {
    filters,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort:
      field &&
      (PROJECT_SORT_FIELDS as readonly string[]).includes(field) &&
      (order === 'asc' || order === 'desc')
        ? { field: field as ProjectSortField, order }
        : null,
  };
}
