import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Resolvable, ThrottlerOptions } from '@nestjs/throttler';
import { THROTTLER_LIMIT, THROTTLER_SKIP, THROTTLER_TTL } from '@nestjs/throttler/dist/throttler.constants';
import { ThrottleScope } from '../config/throttle.config';

/** `login-60s` -> `login`: every named throttler is `<scope>-<window>s` (see throttlerOptions). */
export const scopeOf = (name: string): ThrottleScope => name.slice(0, name.lastIndexOf('-')) as ThrottleScope;

/** One limit a route's requests are counted against. */
export interface RouteLimit {
  /** The throttler's name, as RateLimit-Policy shows it. */
  name: string;
  scope: ThrottleScope;
  ttl: Resolvable<number>;
  limit: Resolvable<number>;
  /** Set when @Throttle() gave the limit: the bucket is the route's own and the 429 names the decorator. */
  declaredOn?: string;
}

/** The handler and its controller, as Reflector reads metadata from them. */
type Targets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * The limits of one route, from its metadata: the `default` throttlers everywhere, a scope's throttlers where
 * @ThrottledAs names it, and @nestjs/throttler's own decorators on top, as its documentation says:
 * `@SkipThrottle()` (= `{ default: true }`) or `@SkipThrottle({ login: true })` drops a scope (or one throttler
 * by its full name, `default-1s`); `@Throttle({ default: { limit: 2, ttl: 60000 } })` replaces a scope's limits
 * on that route with one limit counted for that route alone (a scope the route did not have is added).
 */
export function routeLimits(
  reflector: Reflector,
  throttlers: ThrottlerOptions[],
  targets: Targets,
  route: string,
  scopes: ThrottleScope[],
): RouteLimit[] {
  const meta = <T>(key: string, name: string): T | undefined =>
    reflector.getAllAndOverride<T | undefined, string>(key + name, targets);
  const limits: RouteLimit[] = [];
  const declared = new Set<ThrottleScope>();
  for (const t of throttlers) {
    const name = t.name!;
    const scope = scopeOf(name);
    if (meta<boolean>(THROTTLER_SKIP, scope) === true || meta<boolean>(THROTTLER_SKIP, name) === true)
      continue;
    const scopeLimit = meta<Resolvable<number>>(THROTTLER_LIMIT, scope);
    const scopeTtl = meta<Resolvable<number>>(THROTTLER_TTL, scope);
    if (scopeLimit !== undefined || scopeTtl !== undefined) {
      if (!declared.has(scope)) {
        declared.add(scope);
        const ttl = scopeTtl ?? t.ttl;
        limits.push({ name: `${scope}-route`, scope, ttl, limit: scopeLimit ?? t.limit, declaredOn: route });
      }
      continue;
    }
    if (scope !== 'default' && !scopes.includes(scope)) continue;
    const limit = meta<Resolvable<number>>(THROTTLER_LIMIT, name);
    const ttl = meta<Resolvable<number>>(THROTTLER_TTL, name);
    const own = limit !== undefined || ttl !== undefined ? route : undefined;
    limits.push({ name, scope, ttl: ttl ?? t.ttl, limit: limit ?? t.limit, declaredOn: own });
  }
  return limits;
}

/** True when a limit is a function of the request (@Throttle({ x: { limit: (ctx) => ... } })). */
export const isDynamic = (limits: RouteLimit[]): boolean =>
  limits.some((l) => typeof l.limit === 'function' || typeof l.ttl === 'function');

/** The limits with their values worked out for this request. */
export async function resolveLimits(
  limits: RouteLimit[],
  context: ExecutionContext,
): Promise<(RouteLimit & { ttl: number; limit: number })[]> {
  const value = async (v: Resolvable<number>): Promise<number> =>
    Number(typeof v === 'function' ? await v(context) : v);
  return Promise.all(
    limits.map(async (l) => ({ ...l, ttl: await value(l.ttl), limit: await value(l.limit) })),
  );
}
