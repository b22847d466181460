import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY, AccessRequest, AccessRule, TOKEN_ONLY_KEY } from '../common/access.decorator';
import { Errors } from '../common/errors';
import { Principal } from '../common/principal';
import { PermissionCache } from './permission.cache';

/** What a handler declares, read once: its rule (null: none) and whether API keys are refused. */
interface RouteAccess {
  rule: AccessRule | null;
  tokenOnly: boolean;
}

/**
 * The second global guard, after the authentication guard: the route's declared rule (@StaffOnly,
 * @Permissions, @OwnerOr, @ReadOnlyPublic) against the principal, permissions from memory
 * (PermissionCache), and @TokenOnly() against API keys. A refusal is DRF's 403 permission_denied; a
 * missing principal stays the authentication guard's 401.
 *
 * An API key with a scope may use a permission only if the scope names it and the owner holds it now
 * (a superuser owner holds all); its principal is never staff or superuser (see principalOf).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly routes = new WeakMap<object, RouteAccess>();
  /** Per scope (one Set per key, kept by the key cache): its cut to the owner's permissions, last computed. */
  private readonly cuts = new WeakMap<ReadonlySet<string>, { held: ReadonlySet<string>; cut: Set<string> }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly cache: PermissionCache,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { rule, tokenOnly } = this.routeOf(context);
    const req = context.switchToHttp().getRequest<AccessRequest>();
    const principal = req.user;
    if (tokenOnly && principal?.apiKey) throw Errors.notWithApiKey();
    if (rule === null || rule.kind === 'readOnlyPublic') return true;
    const user = principal?.user;
    if (!user) throw Errors.notAuthenticated();
    if (!user.isActive) throw Errors.permissionDenied();
    if (rule.kind === 'staff') {
      if (!user.isStaff) throw Errors.permissionDenied();
      return true;
    }
    if (user.isSuperuser) return true;
    const granted = this.grantedTo(principal);
    if (!(granted instanceof Promise)) return this.decide(req, rule, granted);
    return granted.then((loaded) => this.decide(req, rule, loaded));
  }

  /**
   * The permissions the principal may use now: the user's effective ones (from memory when cached),
   * cut to an API key's scope. A superuser holds every permission besides these (callers check first).
   */
  grantedTo(principal: Principal): ReadonlySet<string> | Promise<ReadonlySet<string>> {
    const scope = principal.apiKey?.scope ?? null;
    if (scope !== null && principal.apiKey?.ownerIsSuperuser) return scope;
    const granted = this.cache.peek(principal.user.id);
    if (granted) return scope ? this.cut(scope, granted) : granted;
    return this.cache.of(principal.user.id).then((loaded) => (scope ? this.cut(scope, loaded) : loaded));
  }

  /** The names of the user's groups (from memory when cached). */
  groupsOf(userId: number): readonly string[] | Promise<readonly string[]> {
    return this.cache.peekGroups(userId) ?? this.cache.groupsOf(userId);
  }

  private decide(req: AccessRequest, rule: AccessRule, granted: ReadonlySet<string>): boolean {
    req.grantedPermissions = granted;
    if (rule.kind === 'permissions' && !rule.permissions.every((p) => granted.has(p))) {
      throw Errors.permissionDenied();
    }
    return true;
  }

  /** What a key's scope leaves of the owner's permissions (recomputed only when those change). */
  private cut(scope: ReadonlySet<string>, held: ReadonlySet<string>): ReadonlySet<string> {
    const last = this.cuts.get(scope);
    if (last?.held === held) return last.cut;
    const cut = new Set([...scope].filter((p) => held.has(p)));
    this.cuts.set(scope, { held, cut });
    return cut;
  }

  private routeOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      const targets = [handler, context.getClass()];
      route = {
        rule: this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, targets) ?? null,
        tokenOnly: this.reflector.getAllAndOverride<boolean | undefined>(TOKEN_ONLY_KEY, targets) === true,
      };
      this.routes.set(handler, route);
    }
    return route;
  }
}
