"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ThrottleConfig = exports.THROTTLE_SCOPES = void 0;
/** The route families that have their own limits beside the global default. */
exports.THROTTLE_SCOPES = ['default', 'login', 'login_user', 'token', 'register'];
/** Per-route throttling (THROTTLE_*): the named limits, headers and what a Redis outage means. */
class ThrottleConfig {
    enabled;
    /** Send RateLimit-Policy / RateLimit / X-RateLimit-* on throttled routes. */
    headers;
    /** With Redis down: true lets requests through (logged, counted), false answers 503. */
    failOpen;
    rules;
}
exports.ThrottleConfig = ThrottleConfig;
//# sourceMappingURL=throttle.config.js.map