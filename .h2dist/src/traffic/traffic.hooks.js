"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerTrafficHooks = registerTrafficHooks;
const cors_1 = __importDefault(require("@fastify/cors"));
const ip_policy_1 = require("./ip-policy");
const rate_limit_guard_1 = require("./rate-limit.guard");
const DOCS = /^\/docs(?:[/?#-]|$)/;
/**
 * What traffic protection needs outside Nest's pipeline: the global IP rules on every request (404s
 * and Swagger included), the Swagger UI's allow-list and throttling (/docs is plain Fastify routes),
 * and CORS for the CORS_ORIGINS allow-list. Health routes are checked against the IP rules too.
 */
async function registerTrafficHooks(app, network) {
    const fastify = app.getHttpAdapter().getInstance();
    const policy = app.get(ip_policy_1.IpPolicy);
    const limiter = app.get(rate_limit_guard_1.RateLimitGuard);
    fastify.addHook('onRequest', async (req, reply) => {
        policy.checkGlobal(req.ip);
        if (DOCS.test(req.url)) {
            policy.checkDocs(req.ip);
            await limiter.limitPlainRoute(req, reply);
        }
    });
    if (network.corsOrigins.length > 0)
        await registerCors(app, new Set(network.corsOrigins));
}
/**
 * Only a real preflight (Origin allowed + Access-Control-Request-Method) is answered by @fastify/cors;
 * any other OPTIONS falls through to our own OPTIONS/405 handling with its Allow header.
 */
async function registerCors(app, origins) {
    await app.register(cors_1.default, {
        hideOptionsRoute: true,
        delegator: (req, cb) => {
            const origin = req.headers.origin;
            const allowed = origin !== undefined && origins.has(origin);
            const preflightOk = req.method !== 'OPTIONS' || req.headers['access-control-request-method'] !== undefined;
            cb(null, {
                origin: allowed && preflightOk ? origin : false,
                methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
                allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
                exposedHeaders: ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id'],
                maxAge: 600,
            });
        },
    });
}
//# sourceMappingURL=traffic.hooks.js.map