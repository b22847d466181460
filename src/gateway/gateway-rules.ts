import { Injectable } from '@nestjs/common';
import { GatewayConfig, GatewayRequirement, GatewayRule } from '../config/gateway.config';

const AUTHENTICATED: GatewayRequirement = { kind: 'authenticated' };

interface CompiledRule {
  methods: ReadonlySet<string> | null;
  path: RegExp;
  requirement: GatewayRequirement;
}

/**
 * GATEWAY_RULES compiled once: the first rule whose methods and path match the forwarded request
 * decides; a request no rule matches needs a valid credential (add `* /** deny` last to refuse it).
 */
@Injectable()
export class GatewayRules {
  private readonly rules: readonly CompiledRule[];

  constructor(config: GatewayConfig) {
    this.rules = config.rules.map(compile);
  }

  /** Whether any rule looks at the path (without rules the forwarded URI is not needed). */
  get pathMatters(): boolean {
    return this.rules.length > 0;
  }

  /** What the request needs; `path` is normalised (decoded segments, no trailing slash, no query). */
  requirementOf(method: string, path: string): GatewayRequirement {
    for (const rule of this.rules) {
      if ((rule.methods === null || rule.methods.has(method)) && rule.path.test(path))
        return rule.requirement;
    }
    return AUTHENTICATED;
  }
}

/** `/orders/*` -> `^/orders/[^/]+$`; `/orders/**` -> `^/orders(?:/[^/]+)*$` (matches `/orders` too). */
function compile(rule: GatewayRule): CompiledRule {
  const segments = rule.pattern.split('/').filter((s) => s !== '');
  const body = segments
    .map((s) => (s === '**' ? '(?:/[^/]+)*' : s === '*' ? '/[^/]+' : `/${escape(s)}`))
    .join('');
  return { methods: rule.methods, path: new RegExp(`^${body}$`), requirement: rule.requirement };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
