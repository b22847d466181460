import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { IP_RULES_KEY, RouteIpRules } from './ip-rules.decorator';
import { IpPolicy } from './ip-policy';

/** A route's @IpRules (the global lists are checked for every request in the onRequest hook). */
@Injectable()
export class IpPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: IpPolicy,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rules = this.reflector.getAllAndOverride<RouteIpRules | undefined>(IP_RULES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rules) this.policy.checkRoute(context.switchToHttp().getRequest<FastifyRequest>().ip, rules);
    return true;
  }
}
