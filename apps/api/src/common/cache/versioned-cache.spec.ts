import { VersionedCache } from './versioned-cache';

/** A kept value: what the rankings keep is a scored month. */
interface ScoredMonth {
  month: string;
}
const month = (label: string): ScoredMonth => ({ month: label });

describe(VersionedCache.name, () => {
  it('should reuse a month only while the data version it was computed on is current', async () => {
    const cache = new VersionedCache<ScoredMonth>(3);
    const compute = jest.fn(async () => ({ version: '7', value: month('v7') }));
    expect(await cache.get('1:2026-06:2026-07-02', '7', compute)).toEqual(month('v7'));
    expect(await cache.get('1:2026-06:2026-07-02', '7', compute)).toEqual(month('v7'));
    expect(compute).toHaveBeenCalledTimes(1);

    const recompute = jest.fn(async () => ({ version: '8', value: month('v8') }));
    expect(await cache.get('1:2026-06:2026-07-02', '8', recompute)).toEqual(month('v8'));
    expect(recompute).toHaveBeenCalledTimes(1);
    expect(cache.peek('1:2026-06:2026-07-02', '7')).toBeUndefined();
  });

  it('should file a computation under the version read inside it, which may be newer than the caller saw', async () => {
    const cache = new VersionedCache<ScoredMonth>(3);
    await cache.get('k', '7', async () => ({ version: '9', value: month('v9') }));
    expect(cache.peek('k', '7')).toBeUndefined();
    await expect(cache.peek('k', '9')).resolves.toEqual(month('v9'));
  });

  it('should share one computation between concurrent callers', async () => {
    const cache = new VersionedCache<ScoredMonth>(3);
    let release!: () => void;
    const compute = jest.fn(
      () =>
        new Promise<{ version: string; value: ScoredMonth }>((resolve) => {
          release = () => resolve({ version: '3', value: month('v3') });
        }),
    );
    const first = cache.get('k', '3', compute);
    const second = cache.get('k', '3', compute);
    release();
    expect(await Promise.all([first, second])).toEqual([month('v3'), month('v3')]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('should not keep a failed computation', async () => {
    const cache = new VersionedCache<ScoredMonth>(3);
    await expect(
      cache.get('k', '1', async () => {
        throw new Error('scoring configuration is invalid');
      }),
    ).rejects.toThrow('invalid');
    const retry = jest.fn(async () => ({ version: '1', value: month('ok') }));
    expect(await cache.get('k', '1', retry)).toEqual(month('ok'));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('should drop the least recently used month beyond its capacity', async () => {
    const cache = new VersionedCache<ScoredMonth>(2);
    const of = (label: string) => async () => ({ version: '1', value: month(label) });
    await cache.get('a', '1', of('a'));
    await cache.get('b', '1', of('b'));
    await cache.get('a', '1', of('a')); // a is now the most recent
    await cache.get('c', '1', of('c'));
    expect(cache.peek('b', '1')).toBeUndefined();
    expect(cache.peek('a', '1')).toBeDefined();
    expect(cache.peek('c', '1')).toBeDefined();
  });
});
