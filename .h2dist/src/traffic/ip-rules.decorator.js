"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IpRules = exports.IP_RULES_KEY = void 0;
const common_1 = require("@nestjs/common");
const ip_matcher_1 = require("./ip-matcher");
exports.IP_RULES_KEY = 'bastion:ipRules';
/**
 * Restricts a controller or route to (`allow`) or away from (`deny`) CIDR ranges, IPv4 or IPv6.
 * A malformed CIDR throws while the module loads, so the app does not start.
 */
const IpRules = (rules) => (0, common_1.SetMetadata)(exports.IP_RULES_KEY, {
    allow: rules.allow ? new ip_matcher_1.IpMatcher(rules.allow) : undefined,
    deny: rules.deny ? new ip_matcher_1.IpMatcher(rules.deny) : undefined,
});
exports.IpRules = IpRules;
//# sourceMappingURL=ip-rules.decorator.js.map