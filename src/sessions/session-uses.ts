import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { WriteBehind } from '../common/write-behind';
import { SessionRepository } from './session.repository';

/** Queued uses are written at least this often, and at once when this many sessions are waiting. */
const FLUSH_EVERY_MS = 200;
const MAX_QUEUED = 1000;

/**
 * The last use of sessions (auth_session.last_used_at), written behind in batches: a refresh does not
 * wait for it, a session refreshed many times in a batch is written once, and readers of the column
 * (the session list) flush first. Safe to lose in a crash: it orders the list, it decides nothing.
 */
@Injectable()
export class SessionUses implements BeforeApplicationShutdown {
  private readonly queue: WriteBehind<{ id: string; at: Date }>;

  constructor(private readonly sessions: SessionRepository) {
    this.queue = new WriteBehind('SessionUses', (batch) => sessions.touchMany(batch), {
      intervalMs: FLUSH_EVERY_MS,
      maxPending: MAX_QUEUED,
      key: (u) => u.id,
      merge: (older, newer) => (newer.at > older.at ? newer : older),
    });
  }

  /** Queues a use of session `id` at `at`: written with the next batch. */
  recordBehind(id: string, at: Date): Promise<void> {
    return this.queue.add({ id, at });
  }

  /** A use that also extends the session's newest token (a sliding refresh): written at once. */
  extend(id: string, at: Date, usableUntil: Date): Promise<void> {
    return this.sessions.touch(id, at, usableUntil);
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.flush();
  }
}
