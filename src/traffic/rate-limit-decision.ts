import { DomainError } from '../common/domain-error';
import { HitRecord } from './hit-record';

/**
 * Which limit refused, beside DRF's body, so a 429 explains itself: its scope, its rate as the setting
 * writes it and the setting that changes it, e.g. `{"scope": "login", "rate": "10/1m", "setting": "THROTTLE_LOGIN"}`.
 */
function refusingLimit(c: CountedLimit): { scope: string; rate: string; setting: string } {
  const scope = c.name.slice(0, c.name.lastIndexOf('-'));
  return {
    scope,
    rate: `${c.limit}/${windowText(c.ttlMs / 1000)}`,
    setting: c.declared ? '@Throttle() on this route' : `THROTTLE_${scope.toUpperCase()}`,
  };
}

/** 3600 -> `1h`, 60 -> `1m`, 90 -> `90s`: the unit THROTTLE_* settings are usually written in. */
function windowText(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** One named limit counted for a request, and what the storage said. */
export interface CountedLimit {
  name: string;
  limit: number;
  ttlMs: number;
  record: HitRecord;
  /** The limit comes from the route's @Throttle(), not from a THROTTLE_* setting. */
  declared?: boolean;
}

/**
 * The response headers for the limits a request was counted against: every policy in RateLimit-Policy
 * (IETF draft), the most restrictive one in RateLimit and X-RateLimit-* (least remaining; when
 * refused, the one that clears last), and on refusal a 429 with DRF's wording and a plain Retry-After.
 */
export class RateLimitDecision {
  constructor(private readonly counted: CountedLimit[]) {}

  get refused(): boolean {
    return this.counted.some((c) => c.record.isBlocked);
  }

  /** The name of the limit a refusal is reported for (the blocked one that clears last). */
  get refusedBy(): string {
    return this.mostRestrictive().name;
  }

  headers(): Record<string, string> {
    if (this.counted.length === 0) return {};
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
    return new DomainError(
      'throttled',
      {
        detail: `Request was throttled. Expected available in ${wait} ${unit}.`,
        code: 'throttled',
        limit: refusingLimit(this.mostRestrictive()),
      },
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
