import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { deleteInBatches } from '../common/delete-in-batches';
import { WriteBehind } from '../common/write-behind';
import { SessionsConfig } from '../config/sessions.config';
import { EventFilter, NewSecurityEvent, SecurityEvent } from './security-event';
import { SecurityEventRepository } from './security-event.repository';

/** Queued events are written at least this often, and at once when this many are waiting. */
const FLUSH_EVERY_MS = 200;
const MAX_QUEUED = 500;

/**
 * The audit trail: who did what to which session, from where. Recording never fails the request. Hot-path
 * events (a refresh) are queued and written in batches; every other event is written at once, together
 * with those queued before it (so ids keep the order events happened in), as is the queue before a read.
 */
@Injectable()
export class SecurityEventsService implements BeforeApplicationShutdown {
  private readonly queue: WriteBehind<NewSecurityEvent & { at: Date }>;

  constructor(
    private readonly events: SecurityEventRepository,
    private readonly config: SessionsConfig,
    private readonly clock: Clock,
  ) {
    this.queue = new WriteBehind('SecurityEvents', (batch) => this.events.insertMany(batch), {
      intervalMs: FLUSH_EVERY_MS,
      maxPending: MAX_QUEUED,
    });
  }

  /** Written before this resolves (a failure is logged, not thrown). */
  async record(e: NewSecurityEvent): Promise<void> {
    await this.queue.add({ ...e, at: new Date(this.clock.now()) });
    await this.queue.flush();
  }

  /** Queued: written within FLUSH_EVERY_MS (lost only if the process dies before). */
  recordBehind(e: NewSecurityEvent): Promise<void> {
    return this.queue.add({ ...e, at: new Date(this.clock.now()) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.flush();
  }

  async page(
    filter: EventFilter,
    limit: number,
    offset: number,
  ): Promise<{ count: number; events: SecurityEvent[] }> {
    await this.queue.flush();
    return this.events.page(filter, limit, offset);
  }

  /** Deletes events older than AUDIT_RETENTION in batches. */
  flushOld(batchSize: number): Promise<number> {
    const before = new Date(this.clock.now() - this.config.auditRetention * 1000);
    return deleteInBatches((limit) => this.events.deleteOlderThan(before, limit), batchSize);
  }
}
