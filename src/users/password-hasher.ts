import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app.config';
import { Errors } from '../common/errors';
import { SemaphoreFullError } from '../common/semaphore';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { argon2idDummy, DummyHash } from './dummy-hashes';
import { HashJob, HashWorkerLostError, HashWorkerPool } from './hash-worker-pool';

/** argon2id at OWASP's minimum (m=19 MiB, t=2, p=1). */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};
/**
 * What verifyDummy checks against by default: any well-formed hash with OPTIONS' parameters costs exactly one
 * real verification, and this one matches no password (its bytes are not the output of any hashing).
 */
export const ARGON2ID_DUMMY: DummyHash = argon2idDummy(OPTIONS);

/**
 * Password hashing off the event loop and below its priority: argon2id, and the verification of the Django
 * hashes of imported users (src/users/django-hashes.js), run in a pool of child processes
 * (src/users/hash-worker.js), PASSWORD_HASH_CONCURRENCY at once, started on first use at PASSWORD_HASH_NICE
 * (10: CFS then gives a busy event loop at nice 0 about 90% of a core it shares with one worker, so logins
 * slow down under load instead of halving every other request). At most
 * PASSWORD_HASH_QUEUE wait for a worker; past that, or when a worker dies mid-hash, the request gets 503
 * `service_unavailable` with Retry-After instead of waiting without end.
 */
@Injectable()
export class PasswordHasher implements OnApplicationShutdown {
  private readonly pool: HashWorkerPool;

  constructor(
    app: AppConfig,
    private readonly metrics: BastionMetrics,
  ) {
    this.pool = new HashWorkerPool(app.hashConcurrency, app.hashQueue, app.hashNice);
    metrics.sample('password_hash_queue', () => this.pool.waiting);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  async hash(password: string): Promise<string> {
    return (await this.run({ op: 'hash', password, options: OPTIONS })) as string;
  }

  /** False for a wrong password or a hash we cannot read; 503 when no worker can take it. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    return (await this.run({ op: 'verify', hash: passwordHash, password })) === true;
  }

  /**
   * Spends the time of a real verification of `like` (a dummy hash: argon2id, or shaped like a stored Django
   * hash), so an unknown username answers as slowly as a wrong password.
   */
  async verifyDummy(password: string, like: DummyHash = ARGON2ID_DUMMY): Promise<false> {
    await this.verify(like.hash, password);
    return false;
  }

  private async run(job: HashJob): Promise<unknown> {
    try {
      return await this.metrics.timeHash(() => this.pool.run(job));
    } catch (e) {
      if (e instanceof SemaphoreFullError || e instanceof HashWorkerLostError)
        throw Errors.serviceUnavailable();
      throw e;
    }
  }
}
