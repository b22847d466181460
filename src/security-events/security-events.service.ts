import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { deleteInBatches } from '../common/delete-in-batches';
import { SessionsConfig } from '../config/sessions.config';
import { EventFilter, NewSecurityEvent, SecurityEvent } from './security-event';
import { SecurityEventRepository } from './security-event.repository';

/** The audit trail: who did what to which session, from where. Recording never fails the request. */
@Injectable()
export class SecurityEventsService {
  private readonly log = new Logger('SecurityEvents');

  constructor(
    private readonly events: SecurityEventRepository,
    private readonly config: SessionsConfig,
    private readonly clock: Clock,
  ) {}

  async record(e: NewSecurityEvent): Promise<void> {
    try {
      await this.events.insert(e);
    } catch (err) {
      this.log.error(`could not record ${e.type} event: ${(err as Error).message}`);
    }
  }

  page(
    filter: EventFilter,
    limit: number,
    offset: number,
  ): Promise<{ count: number; events: SecurityEvent[] }> {
    return this.events.page(filter, limit, offset);
  }

  /** Deletes events older than AUDIT_RETENTION in batches. */
  flushOld(batchSize: number): Promise<number> {
    const before = new Date(this.clock.now() - this.config.auditRetention * 1000);
    return deleteInBatches((limit) => this.events.deleteOlderThan(before, limit), batchSize);
  }
}
