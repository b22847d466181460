"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IpMatcher = void 0;
exports.canonicalIp = canonicalIp;
const node_net_1 = require("node:net");
const cidr_1 = require("../config/cidr");
const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
/** An address as a matcher sees it: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 address. */
function canonicalIp(ip) {
    const mapped = MAPPED_V4.exec(ip);
    if (mapped && (0, node_net_1.isIPv4)(mapped[1]))
        return { address: mapped[1], family: 'ipv4' };
    if ((0, node_net_1.isIPv4)(ip))
        return { address: ip, family: 'ipv4' };
    if ((0, node_net_1.isIPv6)(ip))
        return { address: ip, family: 'ipv6' };
    return undefined;
}
/** A set of IPv4 and IPv6 CIDR ranges, built once (node:net BlockList); `matches` is O(ranges). */
class IpMatcher {
    list = new node_net_1.BlockList();
    size;
    /** Throws on a malformed CIDR (config has already refused those for settings). */
    constructor(cidrs) {
        for (const text of cidrs) {
            const cidr = (0, cidr_1.parseCidr)(text);
            if (!cidr)
                throw new Error(`malformed CIDR "${text}"`);
            this.list.addSubnet(cidr.address, cidr.prefix, cidr.family);
        }
        this.size = cidrs.length;
    }
    matches(ip) {
        if (this.size === 0)
            return false;
        const c = canonicalIp(ip);
        return c !== undefined && this.list.check(c.address, c.family);
    }
}
exports.IpMatcher = IpMatcher;
//# sourceMappingURL=ip-matcher.js.map