"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseCidr = parseCidr;
const node_net_1 = require("node:net");
/** `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); undefined when malformed. */
function parseCidr(text) {
    const [address, prefixText, extra] = text.trim().split('/');
    if (extra !== undefined)
        return undefined;
    const family = (0, node_net_1.isIPv4)(address) ? 'ipv4' : (0, node_net_1.isIPv6)(address) ? 'ipv6' : undefined;
    if (!family)
        return undefined;
    const max = family === 'ipv4' ? 32 : 128;
    if (prefixText === undefined)
        return { address, prefix: max, family };
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max)
        return undefined;
    return { address, prefix: Number(prefixText), family };
}
//# sourceMappingURL=cidr.js.map