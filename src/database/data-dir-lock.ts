import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What the lock file says about its holder. */
interface LockHolder {
  pid: number;
  owner: string;
  host: string;
  startedAt: string;
}

const LOCK_FILE = 'bastion.lock';
/** Rounds of create / inspect / clear before giving up on a lock file that keeps changing under us. */
const MAX_ATTEMPTS = 5;

/**
 * One process per PGlite data directory. PGlite cannot share a directory: a second process opening it
 * silently loses writes. The holder is recorded in `DIR/bastion.lock`, created atomically (exclusive create);
 * a lock whose process is gone (same host, pid not running) is stale and taken over without a word.
 */
export class DataDirLock {
  private released = false;
  private readonly releaseOnExit = (): void => this.release();

  private constructor(
    private readonly file: string,
    private readonly record: string,
  ) {
    process.on('exit', this.releaseOnExit);
  }

  /**
   * Takes the lock on `dir` (created if missing) for `owner`, e.g. 'server' or 'cli createuser'.
   * Throws, naming the holder, while another live process has it.
   */
  static acquire(dir: string, owner: string): DataDirLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, LOCK_FILE);
    const holder: LockHolder = {
      pid: process.pid,
      owner,
      host: os.hostname(),
      startedAt: new Date().toISOString(),
    };
    const record = JSON.stringify(holder);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (createExclusively(file, record)) return new DataDirLock(file, record);
      const text = readIfPresent(file);
      if (text === undefined) continue; // released meanwhile: try again
      const current = parseHolder(text);
      if (current && isRunning(current)) throw new Error(inUseMessage(dir, file, current));
      if (!current && attempt < 3) {
        pause(20); // an unreadable lock is most likely being written this very moment
        continue;
      }
      removeIfUnchanged(file, text);
    }
    throw new Error(
      `Could not lock data directory ${dir}: ${file} keeps changing. Is another process starting?`,
    );
  }

  /** Removes the lock file if it is still ours (nobody took it over meanwhile). Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.releaseOnExit);
    if (readIfPresent(this.file) === this.record) fs.rmSync(this.file, { force: true });
  }
}

/** Exclusive create: false when the file already exists. */
function createExclusively(file: string, record: string): boolean {
  try {
    fs.writeFileSync(file, record, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(parsed.pid)
      ? ({ owner: 'unknown', host: '?', startedAt: '?', ...parsed } as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Alive as far as we can tell: a pid on another host cannot be checked, so it counts as running. */
function isRunning(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function inUseMessage(dir: string, file: string, holder: LockHolder): string {
  const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return (
    `Data directory ${dir} is in use by ${holder.owner} (pid ${holder.pid}${where}, since ${holder.startedAt}). ` +
    `Stop it first, or set DATABASE_URL to use PostgreSQL. ` +
    `(If that process is really gone, delete ${file}.)`
  );
}

/**
 * Clears a stale lock atomically: it is renamed aside, and dropped only if it is still the content judged
 * stale. If a live process re-created the lock in between, its file is linked back (link never overwrites),
 * so of several processes racing for a stale lock, exactly one wins the exclusive create that follows.
 */
function removeIfUnchanged(file: string, staleText: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (fs.readFileSync(aside, 'utf8') !== staleText) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third process already holds the path; the live holder keeps running either way
    }
  }
  fs.rmSync(aside, { force: true });
}

/** A short synchronous wait: acquiring happens once at start-up, before anything else runs. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
