import { DomainError } from '../common/domain-error';
import { HitRecord } from './hit-record';

/** One named limit counted for a request, and what the storage said. */
export interface CountedLimit {
  name: string;
  limit: number;
  ttlMs: number;
  record: HitRecord;
}

/**
 * The response headers for the limits a request was counted against: every policy in RateLimit-Policy
 * (IETF draft), the most restrictive one in RateLimit and X-RateLimit-* (least remaining; when
 * refused, the one that clears last), and on refusal a 429 with DRF's wording and a plain Retry-After.
 */
export class RateLimitDecision {
  constructor(private readonly counted: CountedLimit[]) {}

  get degraded(): boolean {
    return this.counted.some((c) => c.record.degraded);
  }

  get refused(): boolean {
    return this.counted.some((c) => c.record.isBlocked);
  }

  /** The name of the limit a refusal is reported for (the blocked one that clears last). */
  get refusedBy(): string {
    return this.mostRestrictive().name;
  }

  headers(): Record<string, string> {
    if (this.counted.length === 0 || this.degraded) return {};
    const worst = this.mostRestrictive();
    const remaining = Math.max(0, worst.limit - worst.record.totalHits);
    const reset = String(worst.record.timeToExpire);
    return {
      'RateLimit-Policy': this.counted.map((c) => `"${c.name}";q=${c.limit};w=${c.ttlMs / 1000}`).join(', '),
      RateLimit: `"${worst.name}";r=${remaining};t=${reset}`,
      'X-RateLimit-Limit': String(worst.limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': reset,
    };
  }

  /** The 429 to throw; `withHeaders` adds the RateLimit headers (THROTTLE_HEADERS). */
  error(withHeaders: boolean): DomainError {
    const wait = Math.max(
      1,
      ...this.counted.filter((c) => c.record.isBlocked).map((c) => c.record.timeToBlockExpire),
    );
    const unit = wait === 1 ? 'second' : 'seconds';
    const headers = { ...(withHeaders ? this.headers() : {}), 'Retry-After': String(wait) };
    return DomainError.coded(
      'throttled',
      `Request was throttled. Expected available in ${wait} ${unit}.`,
      headers,
    );
  }

  private mostRestrictive(): CountedLimit {
    const blocked = this.counted.filter((c) => c.record.isBlocked);
    if (blocked.length > 0)
      return blocked.reduce((a, b) => (b.record.timeToBlockExpire > a.record.timeToBlockExpire ? b : a));
    const left = (c: CountedLimit): number => c.limit - c.record.totalHits;
    return this.counted.reduce((a, b) =>
      left(b) < left(a) || (left(b) === left(a) && b.record.timeToExpire > a.record.timeToExpire) ? b : a,
    );
  }
}
