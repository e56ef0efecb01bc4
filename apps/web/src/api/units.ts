import type { CreateUnitRequest, UnitRow, UnitsResponse, UpdateUnitRequest } from '@pacer/shared';

import { http } from './http';

/** `GET /units`: the whole tree, depth-first, each row with parentId and depth. */
export function fetchUnits(signal?: AbortSignal): Promise<UnitsResponse> {
  return http.get<UnitsResponse>('/units', { signal });
}

export function createUnit(body: CreateUnitRequest): Promise<UnitRow> {
  return http.post<UnitRow>('/units', body);
}

/** Carries the version read; 409 VERSION_CONFLICT when someone saved in between, 422 on a cycle. */
export function updateUnit(id: number, body: UpdateUnitRequest): Promise<UnitRow> {
  return http.patch<UnitRow>(`/units/${id}`, body);
}
