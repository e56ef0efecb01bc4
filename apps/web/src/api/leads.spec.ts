import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError, http } from './http';
import { fetchChainsForPicker } from './leads';

// The chain-link picker is fed by GET /chains (the chains part of issue 17): where it is not deployed the route
// answers 404 and the picker hides itself; any other failure is a failure.

describe('fetchChainsForPicker', () => {
  afterEach(() => vi.restoreAllMocks());

  const chain = {
    id: 1,
    name: '新能源',
    leaderName: '王建军',
    leaderTitle: '县委常委、常务副县长',
    leadUnitId: 3,
    taskForceUnitId: 25,
    version: 1,
    links: [{ id: 7, chainId: 1, chainName: '新能源', segment: 'upstream', name: '锂电材料' }],
  };

  it('should answer null when the chains route is absent (404)', async () => {
    vi.spyOn(http, 'get').mockRejectedValue(
      new ApiError({ status: 404, code: 'ROUTE_NOT_FOUND', message: '接口不存在' }),
    );
    await expect(fetchChainsForPicker()).resolves.toBeNull();
  });

  it('should read a plain list or a page of chains', async () => {
    vi.spyOn(http, 'get').mockResolvedValueOnce([chain]).mockResolvedValueOnce({ items: [chain], total: 1 });
    await expect(fetchChainsForPicker()).resolves.toEqual([chain]);
    await expect(fetchChainsForPicker()).resolves.toEqual([chain]);
  });

  it('should pass any other failure on', async () => {
    vi.spyOn(http, 'get').mockRejectedValue(new ApiError({ status: 500, code: 'INTERNAL_ERROR', message: '服务器错误' }));
    await expect(fetchChainsForPicker()).rejects.toMatchObject({ status: 500 });
  });
});
