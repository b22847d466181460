import { ExecutionContext, Inject, Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  normalizeIp,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { ThrottleConfig, ThrottleScope } from '../config/throttle.config';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { BatchThrottlerStorage, Hit, HitRecord } from './hit-record';
import { CountedLimit, RateLimitDecision } from './rate-limit-decision';
import { isDynamic, resolveLimits, RouteLimit, routeLimits, scopeOf } from './route-limits';
import { SKIP_THROTTLING_KEY, THROTTLE_SCOPES_KEY } from './throttle.decorators';

/** The named throttlers from ThrottleConfig, for ThrottlerModule.forRootAsync. */
export function throttlerOptions(config: ThrottleConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const throttlers: ThrottlerOptions[] = Object.entries(config.rules).flatMap(([scope, rules]) =>
    rules.map((r) => ({ name: `${scope}-${r.ttlMs / 1000}s`, limit: r.limit, ttl: r.ttlMs })),
  );
  return { throttlers, storage, setHeaders: config.headers };
}

type Handler = ReturnType<ExecutionContext['getHandler']>;

/** A limit with its values known. */
type Limit = RouteLimit & { ttl: number; limit: number };

/** What one route is counted against, worked out on its first request (route metadata never changes). */
interface RoutePlan {
  limits: Limit[];
  /** Limits given as functions of the request (@Throttle), resolved per request. */
  dynamic?: RouteLimit[];
  /** `Controller.handler`: the token scope's bucket, and a @Throttle() limit's, is per route. */
  route: string;
}

/**
 * @nestjs/throttler's guard, counting every named throttler that applies to the route at once: the
 * default ones everywhere (per client IP, all routes together), plus the route's @ThrottledAs scopes
 * (login: both login routes share a bucket; login_user: IP + username as login trims it, whether or
 * not the account exists; token: one bucket per route; register). Health routes @SkipThrottling.
 * The library's @SkipThrottle() and @Throttle() work as documented on any route (see routeLimits).
 * The metadata lookups are done once per route (`plans`), not per request.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Per controller class, per handler: its plan, or null when it skips throttling. */
  private readonly plans = new WeakMap<object, WeakMap<object, RoutePlan | null>>();
  private plainPlan?: RoutePlan;
  private keyPlan?: RoutePlan;

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly config: ThrottleConfig,
    private readonly metrics: BastionMetrics,
  ) {
    super(options, storage, reflector);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    if (!this.config.enabled) this.logger.warn('THROTTLE_ENABLED=false: requests are not rate limited');
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.enabled) return true;
    let plan = this.planFor(context.getClass(), context.getHandler());
    if (plan === null) return true;
    if (plan.dynamic) plan = { ...plan, limits: await resolveLimits(plan.dynamic, context) };
    const { req, res } = this.getRequestResponse(context) as { req: FastifyRequest; res: FastifyReply };
    await this.apply(req, res, plan);
    return true;
  }

  /**
   * The `api_key` limits of a request authenticated by an API key, one bucket per key, counted once the
   * key is known good (so nobody can use up a key's allowance by sending its public prefix). Its
   * headers are sent only on a refusal: the RateLimit headers stay those of the per-IP limits.
   */
  async limitApiKey(req: FastifyRequest, reply: FastifyReply, keyId: string): Promise<void> {
    if (!this.config.enabled) return;
    this.keyPlan ??= { limits: this.limitsOf(['api_key']), route: 'api_key' };
    await this.apply(req, reply, this.keyPlan, keyId);
  }

  /** The default limits for what is not a Nest route (the Swagger UI under /docs). */
  async limitPlainRoute(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!this.config.enabled) return;
    this.plainPlan ??= { limits: this.limitsOf(['default']), route: 'plain' };
    await this.apply(req, reply, this.plainPlan);
  }

  private planFor(controller: Type<unknown>, handler: Handler): RoutePlan | null {
    let byHandler = this.plans.get(controller);
    if (!byHandler) this.plans.set(controller, (byHandler = new WeakMap()));
    let plan = byHandler.get(handler);
    if (plan === undefined) {
      const targets = [handler, controller];
      const skip = this.reflector.getAllAndOverride<boolean>(SKIP_THROTTLING_KEY, targets);
      const scopes =
        this.reflector.getAllAndOverride<ThrottleScope[] | undefined>(THROTTLE_SCOPES_KEY, targets) ?? [];
      const route = `${controller.name}.${handler.name}`;
      plan = skip
        ? null
        : this.routePlan(routeLimits(this.reflector, this.throttlers, targets, route, scopes), route);
      byHandler.set(handler, plan);
    }
    return plan;
  }

  private routePlan(limits: RouteLimit[], route: string): RoutePlan | null {
    if (limits.length === 0) return null;
    return isDynamic(limits) ? { limits: [], dynamic: limits, route } : { limits: limits as Limit[], route };
  }

  private limitsOf(scopes: ThrottleScope[]): Limit[] {
    return this.throttlers
      .map((t) => ({
        name: t.name!,
        scope: scopeOf(t.name!),
        ttl: t.ttl as number,
        limit: t.limit as number,
      }))
      .filter((l) => scopes.includes(l.scope));
  }

  /** Counts the plan's limits for the request (for `keyId`'s bucket when given, else the client's). */
  private async apply(
    req: FastifyRequest,
    reply: FastifyReply,
    plan: RoutePlan,
    keyId?: string,
  ): Promise<void> {
    const client = normalizeIp(req.ip);
    const hits: Hit[] = plan.limits.map((l) => ({
      key: `${l.name}:${keyId ?? (l.declaredOn ? `${l.declaredOn}:${client}` : this.subject(l.scope, client, req, plan.route))}`,
      ttl: l.ttl,
      limit: l.limit,
    }));
    const records = await this.count(hits);
    const counted: CountedLimit[] = plan.limits.map((l, i) => ({
      name: l.name,
      limit: l.limit,
      ttlMs: l.ttl,
      record: records[i],
      declared: l.declaredOn !== undefined,
    }));
    const decision = new RateLimitDecision(counted);
    if (decision.refused) {
      this.metrics.throttled(scopeOf(decision.refusedBy));
      throw decision.error(this.config.headers);
    }
    if (this.config.headers && keyId === undefined) void reply.headers(decision.headers());
  }

  /** One storage call for all the request's limits when the storage can (ours can), else one per limit. */
  private count(hits: Hit[]): Promise<HitRecord[]> {
    const storage = this.storageService as Partial<BatchThrottlerStorage> & ThrottlerStorage;
    if (storage.incrementAll) return storage.incrementAll(hits);
    return Promise.all(hits.map((h) => storage.increment(h.key, h.ttl, h.limit, h.ttl, h.key)));
  }

  private subject(scope: ThrottleScope, client: string, req: FastifyRequest, route: string): string {
    if (scope === 'token') return `${route}:${client}`;
    if (scope === 'login_user') return `${client}:${usernameDigest(req.body)}`;
    return client;
  }
}

/** The username as login reads it (trimmed, case kept), hashed so keys stay short and hold no PII. */
function usernameDigest(body: unknown): string {
  const raw =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>).username : undefined;
  const name = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  return createHash('sha256').update(name).digest('base64url').slice(0, 22);
}
