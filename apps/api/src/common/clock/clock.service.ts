import { Injectable } from '@nestjs/common';

/**
 * The current instant, injected so that tests can pin it (deadlines, "the current month").
 * Business dates derive from it with businessDate() in Asia/Shanghai, whatever the server's time zone.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
