import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, map, Observable, throwError } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { JwtConfig } from '../config/jwt.config';
import { NetworkConfig } from '../config/network.config';

/** The token endpoints: the cookie is sent to them and nowhere else. */
const COOKIE_PATH = '/api/token';
const SETS_COOKIE = new Set(['obtainPair', 'completeMfa', 'refresh']);
const READS_COOKIE = new Set(['refresh', 'blacklist']);
export const ORIGIN_REFUSED = 'A request authenticated by the refresh cookie needs an allowed Origin.';

/**
 * Cookie mode for browsers (JWT_REFRESH_COOKIE). Obtain and refresh also set the refresh token in a
 * `Secure; HttpOnly; SameSite=Strict` cookie on the token endpoints (and leave it out of the body
 * with JWT_REFRESH_COOKIE_ONLY); refresh and blacklist read it when the body has no `refresh`
 * field, but only from an allowed Origin (CORS_ORIGINS: the CSRF defence); logout clears it.
 * Off (the default): nothing changes.
 */
@Injectable()
export class RefreshCookieInterceptor implements NestInterceptor {
  private readonly origins: Set<string>;

  constructor(
    private readonly config: JwtConfig,
    network: NetworkConfig,
  ) {
    this.origins = new Set(network.corsOrigins);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.config.refreshCookie) return next.handle();
    const handler = context.getHandler().name;
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const fromCookie = READS_COOKIE.has(handler) && this.useCookie(req);
    return next.handle().pipe(
      map((body: unknown) => {
        if (handler === 'blacklist') void reply.header('Set-Cookie', this.cookie('', 0));
        return SETS_COOKIE.has(handler) ? this.moveToCookie(reply, body) : body;
      }),
      catchError((e: unknown) => {
        // A refused token is of no further use: logout clears it all the same.
        if (handler === 'blacklist' && fromCookie && e instanceof DomainError && e.status === 401) {
          void reply.header('Set-Cookie', this.cookie('', 0));
        }
        return throwError(() => e);
      }),
    );
  }

  /** Puts the cookie's token into a body without `refresh`. True when it did. */
  private useCookie(req: FastifyRequest): boolean {
    const body = req.body;
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    if (body !== undefined && !(isObject && !Object.hasOwn(body, 'refresh'))) return false;
    const token = readCookie(req.headers.cookie, this.config.refreshCookieName);
    if (token === undefined) return false;
    const origin = req.headers.origin;
    if (origin === undefined || !this.origins.has(origin))
      throw DomainError.coded('permission_denied', ORIGIN_REFUSED);
    req.body = { ...(isObject ? body : {}), refresh: token };
    return true;
  }

  private moveToCookie(reply: FastifyReply, body: unknown): unknown {
    const refresh = (body as { refresh?: unknown } | null)?.refresh;
    if (typeof refresh !== 'string') return body;
    void reply.header('Set-Cookie', this.cookie(refresh, this.config.refreshLifetime));
    if (!this.config.refreshCookieOnly) return body;
    const { refresh: _omitted, ...rest } = body as Record<string, unknown>;
    return rest;
  }

  private cookie(value: string, maxAge: number): string {
    const name = this.config.refreshCookieName;
    return `${name}=${value}; Max-Age=${maxAge}; Path=${COOKIE_PATH}; Secure; HttpOnly; SameSite=Strict`;
  }
}

/** The value of cookie `name` in a Cookie header; undefined when absent, blank or given twice. */
function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1).trim());
  // Two cookies of one name (one planted by a sibling subdomain): trust neither.
  return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}
