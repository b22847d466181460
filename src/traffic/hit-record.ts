import { ThrottlerStorage } from '@nestjs/throttler';

/** What a throttler storage answers for one hit (@nestjs/throttler's ThrottlerStorageRecord, times in seconds). */
export type HitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface Hit {
  key: string;
  ttl: number;
  limit: number;
}

/**
 * A storage that counts every limit of a request in one go (one Redis round trip per request), and
 * only when none of them refuses it.
 */
export interface BatchThrottlerStorage extends ThrottlerStorage {
  incrementAll(hits: Hit[]): Promise<HitRecord[]>;
}
