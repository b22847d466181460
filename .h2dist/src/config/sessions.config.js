"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionsConfig = void 0;
/** Sessions (token families), reuse detection, housekeeping and audit retention; durations in seconds. */
class SessionsConfig {
    /** JWT_REUSE_GRACE: a rotated-out refresh token presented within this many seconds is refused without revoking the family. */
    reuseGrace;
    /** JWT_SESSION_MAX_LIFETIME: absolute cap of a session, however often it rotates. */
    maxLifetime;
    /** FLUSH_INTERVAL: seconds between scheduled flushes of expired tokens, sessions and old events; 0 disables. */
    flushInterval;
    /** AUDIT_RETENTION: how long security events are kept. */
    auditRetention;
}
exports.SessionsConfig = SessionsConfig;
//# sourceMappingURL=sessions.config.js.map