import type { DataSource } from 'typeorm';

import { type PrincipalCacheOptions, PrincipalCacheService } from './principal-cache.service';

const OPTIONS: PrincipalCacheOptions = { enabled: true, maxEntries: 100, heartbeatMs: 10_000, syncTimeoutMs: 2_000, retryMs: { first: 500, max: 500 } };

const record = (over: Partial<{ isActive: boolean; familyActive: boolean; roles: string[] }> = {}) => ({
  id: 7,
  username: 'chengguan',
  displayName: '城关镇填报员',
  roles: (over.roles ?? ['reporter']) as never,
  isActive: over.isActive ?? true,
  mustChangePassword: false,
  unitIds: [3],
  scopeUnitIds: [3],
  familyActive: over.familyActive ?? true,
});

/** The service as if its listener were connected: every round trip answers at once. */
function newTestService() {
  const sut = new PrincipalCacheService({ options: {} } as unknown as DataSource, OPTIONS);
  const roundTrips = jest.fn(async () => ({ rows: [] }));
  Object.assign(sut as unknown as Record<string, unknown>, { listening: true, client: { query: roundTrips } });
  return { sut, roundTrips };
}

describe(PrincipalCacheService.name, () => {
  it('should read the database every time while not listening', async () => {
    const sut = new PrincipalCacheService({ options: {} } as unknown as DataSource, OPTIONS);
    const read = jest.fn(async () => record());
    await sut.load(7, 'f1', read);
    await sut.load(7, 'f1', read);
    expect(read).toHaveBeenCalledTimes(2);
    expect(sut.stats).toMatchObject({ hits: 0, bypassed: 2 });
  });

  it('should serve the second request from memory after a round trip on the listening connection', async () => {
    const { sut, roundTrips } = newTestService();
    const read = jest.fn(async () => record());
    await sut.load(7, 'f1', read);
    const second = await sut.load(7, 'f1', read);
    expect(read).toHaveBeenCalledTimes(1);
    expect(roundTrips).toHaveBeenCalledTimes(2);
    expect(second).toEqual(record());
    // another session of the same user is its own entry (its family may be revoked)
    await sut.load(7, 'f2', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('should give each request its own copy', async () => {
    const { sut } = newTestService();
    const first = (await sut.load(7, null, async () => record()))!;
    first.unitIds.push(99);
    const second = (await sut.load(7, null, async () => record()))!;
    expect(second.unitIds).toEqual([3]);
  });

  it('should read again after a change was announced, and not keep a read that a change overlapped', async () => {
    const { sut } = newTestService();
    await sut.load(7, 'f1', async () => record());
    sut.drop();
    const read = jest.fn(async () => {
      sut.drop(); // a notice arrives while the principal is being read
      return record({ roles: ['leader'] });
    });
    expect((await sut.load(7, 'f1', read))!.roles).toEqual(['leader']);
    await sut.load(7, 'f1', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('should not keep a disabled user or a revoked session', async () => {
    const { sut } = newTestService();
    const disabled = jest.fn(async () => record({ isActive: false }));
    await sut.load(7, 'f1', disabled);
    await sut.load(7, 'f1', disabled);
    expect(disabled).toHaveBeenCalledTimes(2);
    const revoked = jest.fn(async () => record({ familyActive: false }));
    await sut.load(8, 'f9', revoked);
    await sut.load(8, 'f9', revoked);
    expect(revoked).toHaveBeenCalledTimes(2);
  });

  it('should read the database when the round trip fails', async () => {
    const { sut } = newTestService();
    Object.assign(sut as unknown as Record<string, unknown>, { client: { query: async () => Promise.reject(new Error('connection terminated')), end: async () => undefined } });
    const read = jest.fn(async () => record());
    await sut.load(7, 'f1', read);
    expect(read).toHaveBeenCalledTimes(1);
    expect(sut.isListening).toBe(false);
    expect(sut.stats.bypassed).toBe(1);
    await sut.onApplicationShutdown();
  });
});
