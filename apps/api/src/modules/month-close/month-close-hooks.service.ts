import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

import type { Actor } from '../../common/auth/principal';

/** A month's snapshot was written (a close, a re-close, the month-close job) and committed. */
export interface MonthClosedEvent {
  actor: Actor;
  planId: number;
  month: string;
}

export type MonthClosedListener = (event: MonthClosedEvent) => Promise<unknown>;

/**
 * How long application shutdown waits for the work still running after closes. main.ts gives the whole shutdown
 * 10 s (and `docker stop` its default 10 s grace) before it exits anyway, so this stays under it.
 */
export const CLOSE_HOOKS_SHUTDOWN_WAIT_MS = 8_000;

/**
 * Work that follows a month close after its commit (the draft 通报). Modules that depend on the month close register
 * here, so the month close does not depend on them.
 *
 * The work runs in the background: `closed()` queues it and returns at once, so a close (over HTTP or by the job)
 * never waits for it. Closes are worked off one after the other in the order they committed (a province's draft
 * is never rendered twice at the same time in one process; a re-close's draft comes after the close's). A listener
 * that fails is logged: the close stands, and the work can be redone by hand (POST …/briefing). `idle()` resolves
 * when nothing is pending (tests, the bench); application shutdown waits for it, up to
 * CLOSE_HOOKS_SHUTDOWN_WAIT_MS, and logs what it gave up on.
 */
@Injectable()
export class MonthCloseHooks implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MonthCloseHooks.name);
  private readonly listeners: MonthClosedListener[] = [];
  /** Events queued or running, oldest first. */
  private readonly pending: MonthClosedEvent[] = [];
  private tail: Promise<void> = Promise.resolve();

  register(listener: MonthClosedListener): void {
    this.listeners.push(listener);
  }

  /** Queues the listeners for the event and returns without waiting for them (they never reject). */
  async closed(event: MonthClosedEvent): Promise<void> {
    this.pending.push(event);
    this.tail = this.tail.then(() => this.run(event));
  }

  /** Resolves once every queued event has been worked off (including events queued while waiting). */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }

  /** Lets the pending work finish before the pool closes (TypeORM closes it on application shutdown, after this). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.pending.length === 0) return;
    const waiting = this.describe();
    this.logger.log(`shutdown waits for the work after ${waiting}`);
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.idle().then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), CLOSE_HOOKS_SHUTDOWN_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (finished) this.logger.log(`the work after ${waiting} finished`);
    else {
      this.logger.error(
        `shutdown stops waiting after ${CLOSE_HOOKS_SHUTDOWN_WAIT_MS} ms for the work after ${this.describe()}: ` +
          'its draft 通报 may be missing; generate it by hand (POST …/briefing)',
      );
    }
  }

  private async run(event: MonthClosedEvent): Promise<void> {
    // after the caller's answer is on its way (a close's HTTP response is written in the same tick)
    await new Promise((resolve) => setImmediate(resolve));
    try {
      for (const listener of this.listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error(
            `after the close of plan ${event.planId} ${event.month}: ${error instanceof Error ? error.stack : String(error)}`,
          );
        }
      }
    } finally {
      this.pending.splice(this.pending.indexOf(event), 1);
    }
  }

  private describe(): string {
    return this.pending.map((e) => `the close of plan ${e.planId} ${e.month}`).join(', ');
  }
}
