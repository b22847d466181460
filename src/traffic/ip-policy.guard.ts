import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { IP_RULES_KEY, RouteIpRules } from './ip-rules.decorator';
import { IpPolicy } from './ip-policy';

/** A route's @IpRules (the global lists are checked for every request in the onRequest hook). */
@Injectable()
export class IpPolicyGuard implements CanActivate {
  /** The rules of each handler, read once (null: none). */
  private readonly rules = new WeakMap<object, RouteIpRules | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly policy: IpPolicy,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rules = this.rulesOf(context);
    if (rules) this.policy.checkRoute(context.switchToHttp().getRequest<FastifyRequest>().ip, rules);
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteIpRules | null {
    const handler = context.getHandler();
    let rules = this.rules.get(handler);
    if (rules === undefined) {
      rules =
        this.reflector.getAllAndOverride<RouteIpRules | undefined>(IP_RULES_KEY, [
          handler,
          context.getClass(),
        ]) ?? null;
      this.rules.set(handler, rules);
    }
    return rules;
  }
}
