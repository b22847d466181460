import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { NetworkConfig } from '../config/network.config';

export const CROSS_SITE_REFUSED =
  'Cross-site request refused: this endpoint sets cookies, and the request comes from an origin not in CORS_ORIGINS.';

/**
 * Login cannot be forged from another site (login CSRF, device- or refresh-cookie planting): the token
 * endpoints, which set cookies, refuse a browser's cross-site request, whatever its body (JSON, form or
 * multipart). A browser says where a request comes from: `Sec-Fetch-Site` (every current browser) or, older
 * ones, `Origin`. `same-origin` and `none` (typed in the address bar) pass; `same-site` and `cross-site`
 * pass only from an origin in CORS_ORIGINS. Without `Sec-Fetch-Site`, an `Origin` passes when it is in
 * CORS_ORIGINS or names this very host (`Host`, or `X-Forwarded-Host` set by a proxy: a page cannot set
 * it). Neither header: not a browser (curl, a server, the conformance suite), nothing to forge. Refused:
 * 403 `permission_denied`, before the password is checked or any cookie is set.
 */
@Injectable()
export class CrossSiteGuard implements CanActivate {
  private readonly origins: Set<string>;

  constructor(network: NetworkConfig) {
    this.origins = new Set(network.corsOrigins);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.allowed(req)) return true;
    throw DomainError.coded('permission_denied', CROSS_SITE_REFUSED);
  }

  private allowed(req: FastifyRequest): boolean {
    const origin = single(req.headers.origin);
    const site = single(req.headers['sec-fetch-site'])?.toLowerCase();
    if (origin !== undefined && this.origins.has(origin)) return true;
    if (site !== undefined) return site === 'same-origin' || site === 'none';
    if (origin === undefined) return true;
    const host = hostOf(origin);
    return host !== undefined && (host === lower(req.headers.host) || host === forwardedHost(req));
  }
}

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? undefined : v);
const lower = (v: string | string[] | undefined) => single(v)?.toLowerCase();
const forwardedHost = (req: FastifyRequest) => lower(req.headers['x-forwarded-host'])?.split(',')[0].trim();

/** `host[:port]` of an origin like `https://app.example.com:8443`; undefined for `null` or garbage. */
function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
