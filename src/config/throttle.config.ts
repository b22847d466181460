/** One fixed-window limit: `limit` requests per `ttlMs`. */
export interface RateRule {
  limit: number;
  ttlMs: number;
}

/** The route families that have their own limits beside the global default. */
export const THROTTLE_SCOPES = ['default', 'login', 'login_user', 'token', 'register', 'api_key'] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/** Per-route throttling (THROTTLE_*): the named limits, headers and what a Redis outage means. */
export class ThrottleConfig {
  enabled: boolean;
  /** Send RateLimit-Policy / RateLimit / X-RateLimit-* on throttled routes. */
  headers: boolean;
  /** With Redis down: true lets requests through (logged, counted), false answers 503. */
  failOpen: boolean;
  rules: Record<ThrottleScope, RateRule[]>;
}
