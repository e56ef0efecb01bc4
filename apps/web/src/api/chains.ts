import type {
  ChainDetail,
  ChainMapResponse,
  ChainsResponse,
  CreateChainRequest,
  UpdateChainRequest,
} from '@pacer/shared';

import { http } from './http';

/** `GET /chains`: the live chains with their links, and the plans' industry chains that have none yet. */
export function fetchChains(signal?: AbortSignal): Promise<ChainsResponse> {
  return http.get<ChainsResponse>('/chains', { signal });
}

export function fetchChain(id: number, signal?: AbortSignal): Promise<ChainDetail> {
  return http.get<ChainDetail>(`/chains/${id}`, { signal });
}

/** 全景图/现状图: per link the projects by stage, leads, targets; the caller's lists of projects, leads, activities. */
export function fetchChainMap(id: number, signal?: AbortSignal): Promise<ChainMapResponse> {
  return http.get<ChainMapResponse>(`/chains/${id}/map`, { signal });
}

export function createChain(body: CreateChainRequest): Promise<ChainDetail> {
  return http.post<ChainDetail>('/chains', body);
}

/** Carries the version read (409 VERSION_CONFLICT when someone saved in between); `links` is the whole list. */
export function updateChain(id: number, body: UpdateChainRequest): Promise<ChainDetail> {
  return http.patch<ChainDetail>(`/chains/${id}`, body);
}
