import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { API_KEY_SCHEME } from '../api-keys/api-key';
import { ApiKeyStrategy } from '../api-keys/api-key.strategy';
import { ACCESS_RULE_KEY, AccessRule, SAFE_METHODS } from '../common/access.decorator';
import { Errors, MSG } from '../common/errors';
import { AuthenticatedRequest } from '../common/principal';
import { IS_PUBLIC_KEY } from '../common/public.decorator';
import { RateLimitGuard } from '../traffic/rate-limit.guard';
import { JwtStrategy } from './jwt.strategy';
import { TokenError } from './token-error';

/** What a handler asks of the guard, read once per handler from its metadata. */
type Access = 'public' | 'readOnlyPublic' | 'token';

/**
 * The global guard: every route needs a valid access token or API key unless marked @Public().
 * Passport runs JwtStrategy, then (only when no bearer token was sent) ApiKeyStrategy; handleRequest
 * turns the verdict into simplejwt's bodies (the exception filter adds `WWW-Authenticate: Bearer
 * realm="api"` to every 401). A request authenticated by a key then counts against its key's own
 * limit (THROTTLE_API_KEY).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(['jwt', 'api-key']) {
  /** Per handler, read once: @Public(), @ReadOnlyPublic(), or credentials needed. */
  private readonly access = new WeakMap<object, Access>();

  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
    private readonly apiKeyStrategy: ApiKeyStrategy,
    private readonly rateLimit: RateLimitGuard,
  ) {
    super();
  }

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const access = this.accessOf(context);
    if (access === 'public' || (access === 'readOnlyPublic' && anonymousRead(context))) return true;
    const verdict = super.canActivate(context) as Promise<boolean>;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.headers.authorization?.startsWith(API_KEY_SCHEME)) return verdict;
    return verdict.then((ok) => this.limitKey(req, context.switchToHttp().getResponse<FastifyReply>(), ok));
  }

  /** A request authenticated by an API key counts against the key's own limit (THROTTLE_API_KEY). */
  private async limitKey(req: AuthenticatedRequest, reply: FastifyReply, ok: boolean): Promise<boolean> {
    if (req.user.apiKey) await this.rateLimit.limitApiKey(req, reply, req.user.apiKey.id);
    return ok;
  }

  private accessOf(context: ExecutionContext): Access {
    const handler = context.getHandler();
    let access = this.access.get(handler);
    if (access === undefined) {
      const targets = [handler, context.getClass()];
      if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) access = 'public';
      else {
        const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, targets);
        access = rule?.kind === 'readOnlyPublic' ? 'readOnlyPublic' : 'token';
      }
      this.access.set(handler, access);
    }
    return access;
  }

  /** The same authentication outside Nest's pipeline: the 405 answer of not-found.handler. */
  async authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await super.canActivate(httpContext(req, reply));
  }

  /**
   * Passport's strategy registry is process-global (nestjs/passport#26: AuthGuard always asks the
   * global instance): with two applications in one process (e2e tests, two instances side by side)
   * the last JwtStrategy built would serve every application's guard, with its keys and caches.
   * AuthGuard.canActivate calls getRequest() right before passport.authenticate looks the strategy
   * up, with no await in between, so naming this application's strategy here makes the lookup find it.
   */
  getRequest(context: ExecutionContext): FastifyRequest {
    passport.use('jwt', this.strategy);
    passport.use('api-key', this.apiKeyStrategy);
    return context.switchToHttp().getRequest<FastifyRequest>();
  }

  /**
   * `err`: what a validate() threw (user and session refusals as they are, claim failures as token
   * failures, a bad API key as DRF's authentication_failed, anything else, e.g. a database outage,
   * untouched). `info`: one entry per strategy when both refused; the first says why passport-jwt
   * refused the token (TokenPrecheck's TokenError, or jsonwebtoken's error: "invalid or expired"); the
   * API-key strategy refuses only headers that are not its own. Header errors never get here:
   * BearerTokenExtractor throws them itself.
   */
  handleRequest<TUser>(err: unknown, user: TUser | false, info: unknown): TUser {
    if (err instanceof TokenError) throw Errors.accessTokenRejected(err.message);
    if (err) throw err as Error;
    if (user) return user;
    const why: unknown = Array.isArray(info) ? info[0] : info;
    if (why === undefined) throw Errors.notAuthenticated();
    throw Errors.accessTokenRejected(why instanceof TokenError ? why.message : MSG.invalidOrExpired);
  }
}

/** @ReadOnlyPublic(): a safe method without an Authorization header goes on unauthenticated. */
function anonymousRead(context: ExecutionContext): boolean {
  const req = context.switchToHttp().getRequest<FastifyRequest>();
  return SAFE_METHODS.has(req.method) && req.headers.authorization === undefined;
}

/**
 * The request and reply as the ExecutionContext AuthGuard reads (switchToHttp: request, response), for
 * the one caller outside Nest's pipeline. Nest's own ExecutionContextHost is not public API; AuthGuard
 * uses nothing else of the context, so the narrow cast is safe.
 */
function httpContext(req: FastifyRequest, reply: FastifyReply): ExecutionContext {
  const args = [req, reply];
  const http = { getRequest: () => req, getResponse: () => reply, getNext: () => undefined };
  return {
    getType: () => 'http',
    getArgs: () => args,
    getArgByIndex: (index: number) => args[index],
    switchToHttp: () => http,
  } as unknown as ExecutionContext;
}
