import { Logger } from '@nestjs/common';

/**
 * Writes that a request need not wait for (bookkeeping, audit lines), queued and written in batches: every
 * `intervalMs`, at once when `maxPending` are waiting (the caller then waits for that write: the queue
 * never grows without bound), before a reader that needs them (`flush`), and on a clean shutdown.
 * Items with the same key are merged (`merge`), so a hot row is written once per batch. A failed batch is
 * logged and dropped: what goes through here must be safe to lose in a crash.
 */
export class WriteBehind<T> {
  private pending = new Map<string | number, T>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    name: string,
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly options: {
      intervalMs: number;
      maxPending: number;
      /** Items with the same key are merged (`merge(older, newer)`); without it, none are. */
      key?: (item: T) => string;
      merge?: (older: T, newer: T) => T;
    },
  ) {
    this.log = new Logger(name);
  }

  /** Queues `item`; resolves at once unless the queue is full (then after the batch is written). */
  add(item: T): Promise<void> {
    const key = this.options.key ? this.options.key(item) : this.seq++;
    const older = this.pending.get(key);
    this.pending.set(key, older !== undefined && this.options.merge ? this.options.merge(older, item) : item);
    if (this.pending.size >= this.options.maxPending) return this.flush();
    this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
    return Promise.resolve();
  }

  /** Writes everything queued so far; resolves when it is written (or its failure logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return this.writing;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.writing = this.writing.then(() =>
      this.write(batch).catch((e: unknown) => {
        this.log.error(`could not write ${batch.length} queued rows: ${(e as Error).message}`);
      }),
    );
    return this.writing;
  }
}
