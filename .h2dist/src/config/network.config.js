"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NetworkConfig = void 0;
/** Who the client is and who may talk to us: proxies, IP rules, CORS, TLS (validated CIDRs and files). */
class NetworkConfig {
    /** CIDRs whose X-Forwarded-For is believed (TRUSTED_PROXIES); empty: the peer is the client. */
    trustedProxies;
    ipAllowlist;
    ipDenylist;
    /** Extra allow-list for the Swagger UI under /docs (DOCS_IP_ALLOWLIST); empty: no extra rule. */
    docsIpAllowlist;
    /** Browser origins allowed by CORS (CORS_ORIGINS); empty: no CORS headers at all. */
    corsOrigins;
    /** PEM certificate chain and key (TLS_CERT_FILE / TLS_KEY_FILE), read at start; undefined: plain HTTP. */
    tls;
}
exports.NetworkConfig = NetworkConfig;
//# sourceMappingURL=network.config.js.map