import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app.config';
import { Semaphore } from '../common/semaphore';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's minimum (m=19 MiB, t=2, p=1). Runs on libuv's thread pool, off the event loop, and
 * at most PASSWORD_HASH_CONCURRENCY at once (default: cores - 1), so a burst of logins cannot take every
 * core and all the memory from the requests that do not hash.
 */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: string;
  private readonly slots: Semaphore;

  constructor(
    app: AppConfig,
    private readonly metrics: BastionMetrics,
  ) {
    this.slots = new Semaphore(app.hashConcurrency);
    metrics.sample('password_hash_queue', () => this.slots.waitingCount);
  }

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash('bastion-timing-equaliser');
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => this.metrics.timeHash(() => hash(password, OPTIONS)));
  }

  /** False for a wrong password or a hash we cannot read; never throws for bad input. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.slots.run(() => this.metrics.timeHash(() => verify(passwordHash, password)));
    } catch {
      return false;
    }
  }

  /** Spends the time of a real verification, so an unknown username answers as slowly as a wrong password. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }
}
