import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Errors } from '../common/errors';
import { AuthenticatedRequest, Principal } from '../common/principal';
import { GatewayRequirement } from '../config/gateway.config';
import { AccessGuard } from '../permissions/access.guard';
import { readForwardedRequest } from './forwarded-request';
import { GatewayRules } from './gateway-rules';
import { ALL_PERMISSIONS, identityHeaders } from './identity-headers';

/**
 * The forward-auth use case: may the request a gateway forwards pass, and who is it? The credential is
 * checked by the global guard's own path (JwtAuthGuard.authenticate: blacklist, sessions, inactive
 * users, API keys, with their caches and the revocation bus); the rule by GATEWAY_RULES; permissions
 * and groups from the same caches as AccessGuard.
 */
@Injectable()
export class ForwardAuthService {
  constructor(
    private readonly rules: GatewayRules,
    private readonly guard: JwtAuthGuard,
    private readonly access: AccessGuard,
  ) {}

  /** The identity headers (none for an anonymous request to a public path); throws 401 / 403. */
  async check(req: FastifyRequest, reply: FastifyReply): Promise<Record<string, string>> {
    const target = readForwardedRequest(req, this.rules.pathMatters);
    const requirement = this.rules.requirementOf(target.method, target.path);
    if (requirement.kind === 'deny') throw Errors.permissionDenied();
    if (requirement.kind === 'public' && req.headers.authorization === undefined) return {};
    await this.guard.authenticate(req, reply);
    const principal = (req as AuthenticatedRequest).user;
    const user = principal.user;
    const [groups, granted] = await Promise.all([
      this.access.groupsOf(user.id),
      user.isSuperuser ? ALL_PERMISSIONS : this.access.grantedTo(principal),
    ]);
    if (!allows(requirement, principal, granted)) throw Errors.permissionDenied();
    return identityHeaders(principal, groups, granted);
  }
}

function allows(
  requirement: GatewayRequirement,
  principal: Principal,
  granted: ReadonlySet<string> | typeof ALL_PERMISSIONS,
): boolean {
  const user = principal.user;
  if (!user.isActive) return false;
  if (requirement.kind === 'staff') return user.isStaff;
  if (requirement.kind !== 'permissions' || granted === ALL_PERMISSIONS) return true;
  return requirement.permissions.every((p) => granted.has(p));
}
