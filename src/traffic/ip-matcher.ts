import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { parseCidr } from '../config/cidr';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** An address as a matcher sees it: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 address. */
export function canonicalIp(ip: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const mapped = MAPPED_V4.exec(ip);
  if (mapped && isIPv4(mapped[1])) return { address: mapped[1], family: 'ipv4' };
  if (isIPv4(ip)) return { address: ip, family: 'ipv4' };
  if (isIPv6(ip)) return { address: ip, family: 'ipv6' };
  return undefined;
}

/** A set of IPv4 and IPv6 CIDR ranges, built once (node:net BlockList); `matches` is O(ranges). */
export class IpMatcher {
  private readonly list = new BlockList();
  readonly size: number;

  /** Throws on a malformed CIDR (config has already refused those for settings). */
  constructor(cidrs: readonly string[]) {
    for (const text of cidrs) {
      const cidr = parseCidr(text);
      if (!cidr) throw new Error(`malformed CIDR "${text}"`);
      this.list.addSubnet(cidr.address, cidr.prefix, cidr.family);
    }
    this.size = cidrs.length;
  }

  matches(ip: string): boolean {
    if (this.size === 0) return false;
    const c = canonicalIp(ip);
    return c !== undefined && this.list.check(c.address, c.family);
  }
}
