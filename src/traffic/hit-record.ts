import { ThrottlerStorage } from '@nestjs/throttler';

/**
 * What a throttler storage answers for one hit (@nestjs/throttler's ThrottlerStorageRecord, times in
 * seconds); `degraded` when Redis was down and the hit was let through uncounted (THROTTLE_FAIL_OPEN).
 */
export type HitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>> & { degraded?: boolean };

export interface Hit {
  key: string;
  ttl: number;
  limit: number;
}

/** A storage that counts every limit of a request in one go (one Redis round trip per request). */
export interface BatchThrottlerStorage extends ThrottlerStorage {
  incrementAll(hits: Hit[]): Promise<HitRecord[]>;
}
