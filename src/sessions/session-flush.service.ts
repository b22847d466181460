import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { SessionRepository } from './session.repository';

/** Deletes sessions whose cap and every refresh token have passed; their token rows cascade. */
@Injectable()
export class SessionFlushService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async flushGone(batchSize: number): Promise<number> {
    const before = new Date(this.clock.now());
    let total = 0;
    for (;;) {
      const n = await this.sessions.deleteGoneBefore(before, batchSize);
      total += n;
      if (n < batchSize) return total;
      await yieldToRequests();
    }
  }
}

/** Between batches, let waiting requests run (and their queries reach the pool) first. */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
