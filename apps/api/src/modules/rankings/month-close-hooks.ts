import { Injectable, Logger } from '@nestjs/common';

import type { Actor } from '../../common/auth/principal';

/** A month's snapshot was written (a close, a re-close, the month-close job) and committed. */
export interface MonthClosedEvent {
  actor: Actor;
  planId: number;
  month: string;
}

export type MonthClosedListener = (event: MonthClosedEvent) => Promise<unknown>;

/**
 * Work that follows a month close after its commit (the draft 通报). Modules that depend on rankings register here,
 * so rankings does not depend on them. A listener that fails is logged: the close stands, and the work can be
 * redone by hand (POST …/briefing).
 */
@Injectable()
export class MonthCloseHooks {
  private readonly logger = new Logger(MonthCloseHooks.name);
  private readonly listeners: MonthClosedListener[] = [];

  register(listener: MonthClosedListener): void {
    this.listeners.push(listener);
  }

  async closed(event: MonthClosedEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(
          `after the close of plan ${event.planId} ${event.month}: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
    }
  }
}
