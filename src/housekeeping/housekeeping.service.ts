import { Injectable } from '@nestjs/common';
import { SecurityEventsService } from '../security-events/security-events.service';
import { SessionFlushService } from '../sessions/session-flush.service';

export interface FlushResult {
  tokens: number;
  sessions: number;
  events: number;
}

/** Expired tokens, gone sessions and events past AUDIT_RETENTION, deleted in bounded batches. */
@Injectable()
export class HousekeepingService {
  constructor(
    private readonly sessions: SessionFlushService,
    private readonly events: SecurityEventsService,
  ) {}

  async flush(batchSize: number, onTokens?: (deleted: number) => void): Promise<FlushResult> {
    const tokens = await this.sessions.flushExpiredTokens(batchSize, onTokens);
    const sessions = await this.sessions.flushGone(batchSize);
    const events = await this.events.flushOld(batchSize);
    return { tokens, sessions, events };
  }
}
