import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Semaphore } from '../common/semaphore';

/** Plain JavaScript beside this file, in src/ and in dist/ alike (tsconfig.build.json copies it). */
const WORKER_SCRIPT = join(__dirname, 'hash-worker.js');
/** A job this late means a stuck worker: it is killed, and the job fails like a crash. */
const JOB_TIMEOUT_MS = 30_000;

export type HashJob =
  { op: 'hash'; password: string; options: object } | { op: 'verify'; password: string; hash: string };

/** The worker died, hung or could not start while it held the job: its outcome is unknown. */
export class HashWorkerLostError extends Error {
  constructor(reason: string) {
    super(`password hash worker lost: ${reason}`);
    this.name = 'HashWorkerLostError';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One child process; one job at a time. Idle, it does not keep the parent alive (CLI, tests). */
class HashWorker {
  alive = true;
  private readonly child: ChildProcess;
  private pending?: Pending;
  private nextId = 0;

  constructor(nice: number, onGone: (w: HashWorker) => void) {
    this.child = fork(WORKER_SCRIPT, [String(nice)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const p = this.pending;
      if (!p || m.id !== this.nextId) return;
      this.settle();
      if (m.error === undefined) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const gone = (reason: string) => {
      if (!this.alive) return;
      this.alive = false;
      this.pending?.reject(new HashWorkerLostError(reason));
      this.settle();
      onGone(this);
    };
    this.child.once('exit', (code, signal) => gone(`exited (${signal ?? code})`));
    this.child.once('error', (e) => {
      gone(e.message);
      this.child.kill('SIGKILL');
    });
    this.setRef(false);
  }

  run(job: HashJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!this.alive) return reject(new HashWorkerLostError('not running'));
      this.nextId += 1;
      const timer = setTimeout(() => this.child.kill('SIGKILL'), JOB_TIMEOUT_MS);
      this.pending = { resolve, reject, timer };
      this.setRef(true);
      this.child.send({ id: this.nextId, ...job }, (err) => {
        if (err) this.child.kill('SIGKILL');
      });
    });
  }

  /** SIGTERM, then SIGKILL after 2 s (a worker that is stopped or stuck in a hash). */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }

  private settle(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.setRef(false);
  }

  private setRef(on: boolean): void {
    if (on) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }
}

/**
 * argon2id in up to `size` child processes started on demand at nice `nice`, so the OS runs the event
 * loop first when a core is shared. At most `queue` jobs wait for a free worker; past that a job rejects
 * with SemaphoreFullError at once. A worker that dies is dropped (its job rejects with HashWorkerLostError)
 * and the next job starts a fresh one.
 */
export class HashWorkerPool {
  private readonly slots: Semaphore;
  private readonly idle: HashWorker[] = [];
  private readonly workers = new Set<HashWorker>();
  private closed = false;

  constructor(
    size: number,
    queue: number,
    private readonly nice: number,
  ) {
    this.slots = new Semaphore(size, queue);
  }

  /** Jobs waiting for a worker. */
  get waiting(): number {
    return this.slots.waitingCount;
  }

  run(job: HashJob): Promise<unknown> {
    return this.slots.run(async () => {
      if (this.closed) throw new HashWorkerLostError('shutting down');
      const worker = this.idle.pop() ?? this.start();
      try {
        return await worker.run(job);
      } finally {
        if (worker.alive) this.idle.push(worker);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.stop()));
  }

  private start(): HashWorker {
    const worker = new HashWorker(this.nice, (w) => {
      this.workers.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
    });
    this.workers.add(worker);
    return worker;
  }
}
