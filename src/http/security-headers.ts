/**
 * The response headers of every answer, built once (STYLE: no per-request allocation of what can be built
 * at start) and set in one call: what helmet sets, minus what only matters for HTML, with the strict
 * policy OWASP's REST cheat sheet gives for JSON APIs. Swagger UI (/docs) gets a policy its page can run
 * under. Token and user answers must never be cached (RFC 6749 §5.1): `Cache-Control: no-store` on /api.
 */
export interface SecurityHeaderSets {
  api: Readonly<Record<string, string>>;
  docs: Readonly<Record<string, string>>;
  other: Readonly<Record<string, string>>;
}

const COMMON: Record<string, string> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

export function securityHeaderSets(tls: boolean): SecurityHeaderSets {
  const base = {
    ...COMMON,
    ...(tls ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  const apiCsp = { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" };
  return {
    api: { ...base, ...apiCsp, 'Cache-Control': 'no-store' },
    docs: { ...base, 'Content-Security-Policy': DOCS_CSP },
    other: { ...base, ...apiCsp },
  };
}

/** The set for a request path. */
export function headersFor(sets: SecurityHeaderSets, url: string): Readonly<Record<string, string>> {
  if (url.startsWith('/api')) return sets.api;
  return url.startsWith('/docs') ? sets.docs : sets.other;
}
