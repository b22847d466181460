import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY, AccessRequest, AccessRule } from '../common/access.decorator';
import { Errors } from '../common/errors';
import { PermissionCache } from './permission.cache';

/**
 * The second global guard, after the JWT guard: the route's declared rule (@StaffOnly, @Permissions,
 * @OwnerOr, @ReadOnlyPublic) against the principal, permissions from memory (PermissionCache). A
 * refusal is DRF's 403 permission_denied; a missing principal stays the JWT guard's 401.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  /** The rule of each handler, read once (null: none). */
  private readonly rules = new WeakMap<object, AccessRule | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly cache: PermissionCache,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = this.ruleOf(context);
    if (rule === null || rule.kind === 'readOnlyPublic') return true;
    const req = context.switchToHttp().getRequest<AccessRequest>();
    const user = req.user?.user;
    if (!user) throw Errors.notAuthenticated();
    if (!user.isActive) throw Errors.permissionDenied();
    if (rule.kind === 'staff') {
      if (!user.isStaff) throw Errors.permissionDenied();
      return true;
    }
    if (user.isSuperuser) return true;
    const granted = this.cache.peek(user.id);
    if (granted) return this.decide(req, rule, granted);
    return this.cache.of(user.id).then((loaded) => this.decide(req, rule, loaded));
  }

  private decide(req: AccessRequest, rule: AccessRule, granted: ReadonlySet<string>): boolean {
    req.grantedPermissions = granted;
    if (rule.kind === 'permissions' && !rule.permissions.every((p) => granted.has(p))) {
      throw Errors.permissionDenied();
    }
    return true;
  }

  private ruleOf(context: ExecutionContext): AccessRule | null {
    const handler = context.getHandler();
    let rule = this.rules.get(handler);
    if (rule === undefined) {
      rule =
        this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, [
          handler,
          context.getClass(),
        ]) ?? null;
      this.rules.set(handler, rule);
    }
    return rule;
  }
}
