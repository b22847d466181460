import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NetworkConfig } from '../config/network.config';
import { IpMatcher } from './ip-matcher';
import { IpPolicy } from './ip-policy';
import { IpPolicyGuard } from './ip-policy.guard';
import { IpRules, IP_RULES_KEY, RouteIpRules } from './ip-rules.decorator';

const network = (over: Partial<NetworkConfig>): NetworkConfig => ({
  trustedProxies: [],
  ipAllowlist: [],
  ipDenylist: [],
  docsIpAllowlist: [],
  metricsIpAllowlist: [],
  corsOrigins: [],
  tls: undefined,
  ...over,
});

describe('IpMatcher', () => {
  it('matches IPv4 and IPv6 ranges, and IPv4-mapped IPv6 as IPv4', () => {
    const m = new IpMatcher(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7']);
    expect(m.matches('10.255.0.1')).toBe(true);
    expect(m.matches('::ffff:10.1.1.1')).toBe(true);
    expect(m.matches('2001:db8:ffff::1')).toBe(true);
    expect(m.matches('192.0.2.7')).toBe(true);
    expect(m.matches('192.0.2.8')).toBe(false);
    expect(m.matches('11.0.0.1')).toBe(false);
    expect(m.matches('not-an-ip')).toBe(false);
  });

  it('refuses a malformed CIDR', () => {
    expect(() => new IpMatcher(['10.0.0.0/40'])).toThrow('malformed CIDR "10.0.0.0/40"');
  });
});

describe('IpPolicy', () => {
  it('lets everyone through without lists, and deny beats allow', () => {
    expect(() => new IpPolicy(network({})).checkGlobal('203.0.113.9')).not.toThrow();
    const p = new IpPolicy(network({ ipAllowlist: ['10.0.0.0/8'], ipDenylist: ['10.1.0.0/16'] }));
    expect(() => p.checkGlobal('10.2.0.1')).not.toThrow();
    expect(() => p.checkGlobal('10.1.0.1')).toThrow('Access from your IP address is not allowed.');
    expect(() => p.checkGlobal('11.0.0.1')).toThrow('Access from your IP address is not allowed.');
  });

  it('applies a route decorator, and refuses a malformed CIDR in it at load time', () => {
    class Target {}
    IpRules({ allow: ['2001:db8::/32'], deny: ['2001:db8:1::/48'] })(Target);
    const rules = Reflect.getMetadata(IP_RULES_KEY, Target) as RouteIpRules;
    const p = new IpPolicy(network({}));
    expect(() => p.checkRoute('2001:db8:2::1', rules)).not.toThrow();
    expect(() => p.checkRoute('2001:db8:1::1', rules)).toThrow();
    expect(() => p.checkRoute('10.0.0.1', rules)).toThrow();
    expect(() => IpRules({ allow: ['2001:db8::/200'] })).toThrow('malformed CIDR');
  });
});

describe('IpPolicyGuard', () => {
  it("enforces a route's @IpRules on the client address", () => {
    class Controller {
      handler(): void {}
    }
    IpRules({ deny: ['198.51.100.0/24'] })(Controller.prototype, 'handler', {
      value: Controller.prototype.handler,
    } as PropertyDescriptor);
    const guard = new IpPolicyGuard(new Reflector(), new IpPolicy(network({})));
    const context = (ip: string) =>
      ({
        getHandler: () => Controller.prototype.handler,
        getClass: () => Controller,
        switchToHttp: () => ({ getRequest: () => ({ ip }) }),
      }) as unknown as ExecutionContext;
    expect(guard.canActivate(context('203.0.113.1'))).toBe(true);
    expect(() => guard.canActivate(context('198.51.100.9'))).toThrow(
      'Access from your IP address is not allowed.',
    );
  });
});
