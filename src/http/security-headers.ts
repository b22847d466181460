/**
 * The response headers of every answer, built once (STYLE: no per-request allocation of what can be built
 * at start), names lower-cased as Fastify stores and sends them (so setting one copies no string): what
 * helmet sets, minus what only matters for HTML, with the strict policy OWASP's REST cheat sheet gives
 * for JSON APIs. Swagger UI (/docs) gets a policy its page can run under. Token and user answers must
 * never be cached (RFC 6749 §5.1): `Cache-Control: no-store` on /api.
 */
export type HeaderList = readonly (readonly [string, string])[];

export interface SecurityHeaderSets {
  api: HeaderList;
  docs: HeaderList;
  other: HeaderList;
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
    api: list({ ...base, ...apiCsp, 'Cache-Control': 'no-store' }),
    docs: list({ ...base, 'Content-Security-Policy': DOCS_CSP }),
    other: list({ ...base, ...apiCsp }),
  };
}

function list(headers: Record<string, string>): HeaderList {
  return Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value] as const);
}

/** The set for a request path. */
export function headersFor(sets: SecurityHeaderSets, url: string): HeaderList {
  if (url.startsWith('/api')) return sets.api;
  return url.startsWith('/docs') ? sets.docs : sets.other;
}
