import { SetMetadata } from '@nestjs/common';
import { IpMatcher } from './ip-matcher';

export const IP_RULES_KEY = 'bastion:ipRules';

/** A route's own IP rules, beside the global IP_ALLOWLIST / IP_DENYLIST (deny wins). */
export interface RouteIpRules {
  allow?: IpMatcher;
  deny?: IpMatcher;
}

/**
 * Restricts a controller or route to (`allow`) or away from (`deny`) CIDR ranges, IPv4 or IPv6.
 * A malformed CIDR throws while the module loads, so the app does not start.
 */
export const IpRules = (rules: { allow?: string[]; deny?: string[] }): MethodDecorator & ClassDecorator =>
  SetMetadata<string, RouteIpRules>(IP_RULES_KEY, {
    allow: rules.allow ? new IpMatcher(rules.allow) : undefined,
    deny: rules.deny ? new IpMatcher(rules.deny) : undefined,
  });
