import { Injectable } from '@nestjs/common';

/** The time, behind an injectable so tests can move it instead of sleeping. */
@Injectable()
export class Clock {
  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now();
  }

  /** Whole seconds since the epoch, as JWT claims count them. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
