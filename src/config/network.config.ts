/** Who the client is and who may talk to us: proxies, IP rules, CORS, TLS (validated CIDRs and files). */
export class NetworkConfig {
  /** CIDRs whose X-Forwarded-For is believed (TRUSTED_PROXIES); empty: the peer is the client. */
  trustedProxies: string[];
  ipAllowlist: string[];
  ipDenylist: string[];
  /** Extra allow-list for the Swagger UI under /docs (DOCS_IP_ALLOWLIST); empty: no extra rule. */
  docsIpAllowlist: string[];
  /** Who may scrape /metrics (METRICS_IP_ALLOWLIST); default loopback only. */
  metricsIpAllowlist: string[];
  /** Browser origins allowed by CORS (CORS_ORIGINS); empty: no CORS headers at all. */
  corsOrigins: string[];
  /** PEM certificate chain and key (TLS_CERT_FILE / TLS_KEY_FILE), read at start; undefined: plain HTTP. */
  tls: { cert: string; key: string } | undefined;
}
