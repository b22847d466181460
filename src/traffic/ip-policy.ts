import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { NetworkConfig } from '../config/network.config';
import { IpMatcher } from './ip-matcher';
import { RouteIpRules } from './ip-rules.decorator';

const FORBIDDEN = 'Access from your IP address is not allowed.';

/** IP_ALLOWLIST / IP_DENYLIST (global), DOCS_IP_ALLOWLIST, METRICS_IP_ALLOWLIST, per-route rules. Deny always wins. */
@Injectable()
export class IpPolicy {
  private readonly allow: IpMatcher;
  private readonly deny: IpMatcher;
  private readonly docsAllow: IpMatcher;
  private readonly metricsAllow: IpMatcher;

  constructor(config: NetworkConfig) {
    this.allow = new IpMatcher(config.ipAllowlist);
    this.deny = new IpMatcher(config.ipDenylist);
    this.docsAllow = new IpMatcher(config.docsIpAllowlist);
    this.metricsAllow = new IpMatcher(config.metricsIpAllowlist);
  }

  /** The global lists (every request, any path). */
  checkGlobal(ip: string): void {
    if (!this.permits(ip, this.allow, this.deny)) throw forbidden();
  }

  /** The Swagger UI's own allow-list. */
  checkDocs(ip: string): void {
    if (!this.permits(ip, this.docsAllow, undefined)) throw forbidden();
  }

  /** Who may scrape /metrics: only METRICS_IP_ALLOWLIST (an empty list lets nobody in). */
  checkMetrics(ip: string): void {
    if (!this.metricsAllow.matches(ip)) throw forbidden();
  }

  checkRoute(ip: string, rules: RouteIpRules): void {
    if (!this.permits(ip, rules.allow, rules.deny)) throw forbidden();
  }

  private permits(ip: string, allow: IpMatcher | undefined, deny: IpMatcher | undefined): boolean {
    if (deny?.matches(ip)) return false;
    return !allow || allow.size === 0 || allow.matches(ip);
  }
}

function forbidden(): DomainError {
  return DomainError.coded('ip_forbidden', FORBIDDEN);
}
