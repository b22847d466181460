import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { deleteInBatches } from '../common/delete-in-batches';
import { SessionRepository } from './session.repository';
import { TokenFamilyRepository } from './token-family.repository';

/** Deletes expired tokens (their blacklist rows cascade) and sessions whose cap and every token passed. */
@Injectable()
export class SessionFlushService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenFamilyRepository,
    private readonly clock: Clock,
  ) {}

  /** Deletes expired tokens in batches; `onBatch` gets the running total. */
  flushExpiredTokens(batchSize: number, onBatch?: (deleted: number) => void): Promise<number> {
    const now = new Date(this.clock.now());
    return deleteInBatches((limit) => this.tokens.deleteExpiredBefore(now, limit), batchSize, onBatch);
  }

  countExpiredTokens(): Promise<number> {
    return this.tokens.countExpiredBefore(new Date(this.clock.now()));
  }

  flushGone(batchSize: number): Promise<number> {
    const before = new Date(this.clock.now());
    return deleteInBatches((limit) => this.sessions.deleteGoneBefore(before, limit), batchSize);
  }
}
