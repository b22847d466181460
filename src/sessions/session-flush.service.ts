import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { deleteInBatches } from '../common/delete-in-batches';
import { SessionRepository } from './session.repository';

/** Deletes sessions whose cap and every refresh token have passed; their token rows cascade. */
@Injectable()
export class SessionFlushService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  flushGone(batchSize: number): Promise<number> {
    const before = new Date(this.clock.now());
    return deleteInBatches((limit) => this.sessions.deleteGoneBefore(before, limit), batchSize);
  }
}
