import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import { ApiTokenAuthenticated } from './api-responses';
import { ErrorResponse } from './dto/error.response';
import { Errors, MSG } from './errors';
import { AuthenticatedRequest, PrincipalUser } from './principal';

/**
 * What a route needs beyond the global JWT guard, as DRF's permission classes say it. Routes without a
 * rule need a valid access token only (IsAuthenticated); @Public() routes need nothing (AllowAny).
 */
export type AccessRule =
  | { kind: 'readOnlyPublic' }
  | { kind: 'staff' }
  | { kind: 'permissions'; permissions: readonly string[] }
  | { kind: 'ownerOr'; permissions: readonly string[] };

export const ACCESS_RULE_KEY = 'bastion:access';
/** Set by @TokenOnly(): API keys are refused on the route. */
export const TOKEN_ONLY_KEY = 'bastion:token-only';
/** The route's requirement in the OpenAPI document, on each operation. */
export const ACCESS_EXTENSION = 'x-bastion-access';

/** Methods DRF's SAFE_METHODS: what @ReadOnlyPublic() lets through without credentials. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request after AccessGuard: the permissions it loaded (absent for superusers and rule-less routes). */
export type AccessRequest = AuthenticatedRequest & { grantedPermissions?: ReadonlySet<string> };

const denied = (description: string) =>
  ApiResponse({
    status: 403,
    description,
    type: ErrorResponse,
    example: { detail: MSG.permissionDenied, code: 'permission_denied' },
  });

const rule = (r: AccessRule, extension: unknown, forbidden?: string): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ACCESS_RULE_KEY, r),
    ApiExtension(ACCESS_EXTENSION, extension),
    ...(forbidden ? [denied(forbidden)] : []),
  );

/**
 * DRF's IsAuthenticatedOrReadOnly: GET, HEAD and OPTIONS without credentials (a token that is given is
 * still checked: a bad one is 401), every other method with a valid access token.
 */
export const ReadOnlyPublic = (): MethodDecorator & ClassDecorator =>
  rule({ kind: 'readOnlyPublic' }, { read: 'public', write: 'authenticated' });

/** DRF's IsAdminUser: `is_staff` users only (403 permission_denied otherwise). */
export const StaffOnly = (): MethodDecorator & ClassDecorator =>
  rule({ kind: 'staff' }, { staff: true }, 'Not staff (`is_staff`)');

/**
 * DRF's DjangoModelPermissions, declared: every listed `app_label.codename` is needed, held directly
 * or through a group. Superusers hold every permission; inactive users none (403 permission_denied).
 */
export const Permissions = (...permissions: string[]): MethodDecorator & ClassDecorator =>
  rule(
    { kind: 'permissions', permissions },
    { permissions },
    `Without ${permissions.map((p) => `\`${p}\``).join(' and ')}`,
  );

/**
 * An object-level check (DRF's has_object_permission) for a route that loads one object: its owner, or
 * a user holding every listed permission, may act on it. The handler asks through @ObjectAccess().
 */
export const OwnerOr = (...permissions: string[]): MethodDecorator & ClassDecorator =>
  rule(
    { kind: 'ownerOr', permissions },
    { owner: true, permissions },
    `Neither the owner nor holding ${permissions.map((p) => `\`${p}\``).join(' and ')}`,
  );

/**
 * Routes that act on the person's account rather than on the API's data: a valid access token only.
 * An API key is refused with 403 permission_denied ("API keys cannot be used for this action."): keys
 * cannot change passwords, manage sessions or manage keys (and, being no tokens, cannot mint JWTs).
 * Documented with the bearer scheme only.
 */
export const TokenOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(TOKEN_ONLY_KEY, true),
    ApiTokenAuthenticated(),
    ApiExtension('x-bastion-api-keys', 'refused'),
    ApiResponse({
      status: 403,
      description: 'Called with an API key',
      type: ErrorResponse,
      example: { detail: MSG.notWithApiKey, code: 'permission_denied' },
    }),
  );

/** Whether `user` may act on an object owned by `ownerId` under an @OwnerOr rule. */
export function mayActOnObject(
  user: PrincipalUser,
  granted: ReadonlySet<string> | undefined,
  permissions: readonly string[],
  ownerId: number | null,
): boolean {
  if (!user.isActive) return false;
  if (user.isSuperuser || (ownerId !== null && user.id === ownerId)) return true;
  return granted !== undefined && permissions.every((p) => granted.has(p));
}

/** Throws 403 permission_denied unless the request may act on the object owned by `ownerId`. */
export type ObjectCheck = (ownerId: number | null) => void;

/**
 * The object-level check of an @OwnerOr route: call it with the loaded object's owner id before acting.
 * On a route without @OwnerOr it refuses everything but superusers (a forgotten rule fails closed).
 */
export const ObjectAccess = createParamDecorator((_: unknown, ctx: ExecutionContext): ObjectCheck => {
  const req = ctx.switchToHttp().getRequest<AccessRequest>();
  const r = (Reflect.getMetadata(ACCESS_RULE_KEY, ctx.getHandler()) ??
    Reflect.getMetadata(ACCESS_RULE_KEY, ctx.getClass())) as AccessRule | undefined;
  const permissions = r?.kind === 'ownerOr' ? r.permissions : null;
  return (ownerId) => {
    const user = req.user.user;
    const ok = permissions
      ? mayActOnObject(user, req.grantedPermissions, permissions, ownerId)
      : user.isActive && user.isSuperuser;
    if (!ok) throw Errors.permissionDenied();
  };
});
