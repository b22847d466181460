/** Sessions (token families), reuse detection, housekeeping and audit retention; durations in seconds. */
export class SessionsConfig {
  /** JWT_REUSE_GRACE: a rotated-out refresh token presented within this many seconds is refused without revoking the family. */
  reuseGrace: number;
  /** JWT_SESSION_MAX_LIFETIME: absolute cap of a session, however often it rotates. */
  maxLifetime: number;
  /** FLUSH_INTERVAL: seconds between scheduled flushes of expired tokens, sessions and old events; 0 disables. */
  flushInterval: number;
  /** AUDIT_RETENTION: how long security events are kept. */
  auditRetention: number;
}
