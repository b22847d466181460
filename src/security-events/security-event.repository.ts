import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, Repository } from 'typeorm';
import { SecurityEventEntity } from './entities/security-event.entity';
import { EventFilter, NewSecurityEvent, SecurityEvent } from './security-event';

/** The only SQL on security_event. */
@Injectable()
export class SecurityEventRepository {
  constructor(
    @InjectRepository(SecurityEventEntity) private readonly events: Repository<SecurityEventEntity>,
  ) {}

  /** One statement for the whole batch; each event keeps the time it happened (`at`). */
  async insertMany(batch: (NewSecurityEvent & { at: Date })[]): Promise<void> {
    const params: unknown[] = [];
    const rows = batch.map((e) => {
      const first = params.length;
      params.push(
        e.type,
        e.userId ?? null,
        e.username?.slice(0, 150) ?? null,
        e.sessionId ?? null,
        e.ip?.slice(0, 64) ?? null,
        e.userAgent?.slice(0, 512) ?? null,
        e.detail?.slice(0, 500) ?? null,
        e.actorId ?? null,
        e.actorKey ?? null,
        e.at,
      );
      return `(${Array.from({ length: 10 }, (_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await this.events.query(
      `INSERT INTO security_event
         (type, user_id, username, session_id, ip, user_agent, detail, actor_id, actor_key, created_at)
       VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** Newest first. */
  async page(
    filter: EventFilter,
    limit: number,
    offset: number,
  ): Promise<{ count: number; events: SecurityEvent[] }> {
    const where: FindOptionsWhere<SecurityEventEntity> = {};
    if (filter.userId !== undefined) where.userId = filter.userId;
    if (filter.type !== undefined) where.type = filter.type;
    const [rows, count] = await this.events.findAndCount({
      where,
      order: { id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { count, events: rows.map(toSecurityEvent) };
  }

  /** Deletes up to `limit` events older than `before`; never holds more than one batch of row locks. */
  async deleteOlderThan(before: Date, limit: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected row count]
    const [, deleted] = await this.events.query<[unknown[], number]>(
      `DELETE FROM security_event WHERE id IN (
         SELECT id FROM security_event WHERE created_at < $1 ORDER BY created_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`,
      [before, limit],
    );
    return deleted;
  }
}

function toSecurityEvent(e: SecurityEventEntity): SecurityEvent {
  return {
    id: e.id,
    type: e.type,
    userId: e.userId,
    username: e.username,
    sessionId: e.sessionId,
    ip: e.ip,
    userAgent: e.userAgent,
    detail: e.detail,
    actorId: e.actorId,
    actorKey: e.actorKey,
    createdAt: e.createdAt,
  };
}
