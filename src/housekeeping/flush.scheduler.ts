import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SessionsConfig } from '../config/sessions.config';
import { HousekeepingService } from './housekeeping.service';

/** Rows per DELETE: each batch is one short statement, so no lock is held for long. */
export const FLUSH_BATCH_SIZE = 2000;

/** Runs the flush every FLUSH_INTERVAL (0: never); one run at a time per instance. */
@Injectable()
export class FlushScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Flush');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly config: SessionsConfig,
    private readonly housekeeping: HousekeepingService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.flushInterval <= 0) return;
    this.timer = setInterval(() => void this.runOnce(), this.config.flushInterval * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One flush, unless one is already running (then that one). */
  runOnce(): Promise<void> {
    this.running ??= this.housekeeping
      .flush(FLUSH_BATCH_SIZE)
      .then((r) => {
        if (r.tokens + r.sessions + r.events > 0) {
          this.log.log(`flushed ${r.tokens} expired tokens, ${r.sessions} sessions, ${r.events} old events`);
        }
      })
      .catch((e: Error) => this.log.warn(`scheduled flush failed: ${e.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
