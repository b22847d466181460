"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createServer = createServer;
exports.trustProxyOption = trustProxyOption;
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
/** Idle keep-alive connections are closed after this long (slow-loris with idle sockets). */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/**
 * The HTTP server Fastify runs on: plain HTTP, or HTTPS with TLS 1.2 and 1.3 only when TLS_CERT_FILE /
 * TLS_KEY_FILE are set. The limits (header block size, request and header timeouts) apply to both.
 */
function createServer(network, limits, handler) {
    const options = { ...limits, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS };
    if (!network.tls)
        return (0, node_http_1.createServer)(options, handler);
    return (0, node_https_1.createServer)({
        ...options,
        cert: network.tls.cert,
        key: network.tls.key,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.3',
    }, handler);
}
/** Fastify's trustProxy: X-Forwarded-For only from TRUSTED_PROXIES; req.ip is the rightmost untrusted hop. */
function trustProxyOption(network) {
    return network.trustedProxies.length > 0 ? [...network.trustedProxies] : false;
}
//# sourceMappingURL=http-server.js.map