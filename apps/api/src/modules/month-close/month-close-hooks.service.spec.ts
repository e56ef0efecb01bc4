import { Logger } from '@nestjs/common';

import { systemActor } from '../../common/jobs/system-actor';
import {
  CLOSE_HOOKS_SHUTDOWN_WAIT_MS,
  type MonthClosedEvent,
  MonthCloseHooks,
} from './month-close-hooks.service';

/** A promise the test resolves when it chooses. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const june: MonthClosedEvent = {
  actor: systemActor('rankings.close-month', '2026-06'),
  planId: 7,
  month: '2026-06',
};
const july: MonthClosedEvent = { ...june, month: '2026-07' };

describe('MonthCloseHooks', () => {
  let hooks: MonthCloseHooks;
  let errors: jest.SpyInstance;

  beforeEach(() => {
    hooks = new MonthCloseHooks();
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('should return from closed() before a slow listener finishes, and idle() once it has', async () => {
    const held = gate();
    const seen: string[] = [];
    hooks.register(async (event) => {
      seen.push(`start ${event.month}`);
      await held.promise;
      seen.push(`end ${event.month}`);
    });
    await hooks.closed(june);
    expect(seen).toEqual([]); // not even started: the caller's answer goes first
    let idle = false;
    const waiting = hooks.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['start 2026-06']);
    expect(idle).toBe(false);
    held.open();
    await waiting;
    expect(seen).toEqual(['start 2026-06', 'end 2026-06']);
  });

  it('should work off closes one after the other in order, idle() covering those queued meanwhile', async () => {
    const held = gate();
    const seen: string[] = [];
    hooks.register(async (event) => {
      seen.push(`start ${event.month}`);
      if (event.month === '2026-06') await held.promise;
      seen.push(`end ${event.month}`);
    });
    await hooks.closed(june);
    const waiting = hooks.idle();
    await hooks.closed(july);
    held.open();
    await waiting;
    expect(seen).toEqual(['start 2026-06', 'end 2026-06', 'start 2026-07', 'end 2026-07']);
  });

  it('should log a failing listener and still run the next one and the next close', async () => {
    const seen: string[] = [];
    hooks.register(async (event) => {
      if (event.month === '2026-06') throw new Error('通报模板缺失');
      seen.push(`first ${event.month}`);
    });
    hooks.register(async (event) => {
      seen.push(`second ${event.month}`);
    });
    await expect(hooks.closed(june)).resolves.toBeUndefined();
    await hooks.closed(july);
    await hooks.idle();
    expect(seen).toEqual(['second 2026-06', 'first 2026-07', 'second 2026-07']);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]![0]).toMatch(/^after the close of plan 7 2026-06: Error: 通报模板缺失/);
  });

  it('should make application shutdown wait for the pending work', async () => {
    const held = gate();
    const seen: string[] = [];
    hooks.register(async () => {
      await held.promise;
      seen.push('draft stored');
    });
    await hooks.closed(june);
    const shutdown = hooks.beforeApplicationShutdown().then(() => seen.push('shutdown goes on'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    held.open();
    await shutdown;
    expect(seen).toEqual(['draft stored', 'shutdown goes on']);
    expect(errors).not.toHaveBeenCalled();
  });

  it('should stop waiting at shutdown after its bound, and log the close whose work is left', async () => {
    jest.useFakeTimers();
    try {
      hooks.register(() => new Promise<void>(() => undefined)); // never settles
      await hooks.closed(june);
      const shutdown = hooks.beforeApplicationShutdown();
      await jest.advanceTimersByTimeAsync(CLOSE_HOOKS_SHUTDOWN_WAIT_MS);
      await shutdown;
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0]![0]).toContain('for the work after the close of plan 7 2026-06');
    } finally {
      jest.useRealTimers();
    }
  });

  it('should let shutdown go at once when nothing is pending', async () => {
    await expect(hooks.beforeApplicationShutdown()).resolves.toBeUndefined();
    await expect(hooks.idle()).resolves.toBeUndefined();
  });
});
