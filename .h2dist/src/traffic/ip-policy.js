"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.IpPolicy = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/domain-error");
const network_config_1 = require("../config/network.config");
const ip_matcher_1 = require("./ip-matcher");
const FORBIDDEN = 'Access from your IP address is not allowed.';
/** IP_ALLOWLIST / IP_DENYLIST (global), DOCS_IP_ALLOWLIST, and per-route rules. Deny always wins. */
let IpPolicy = class IpPolicy {
    allow;
    deny;
    docsAllow;
    constructor(config) {
        this.allow = new ip_matcher_1.IpMatcher(config.ipAllowlist);
        this.deny = new ip_matcher_1.IpMatcher(config.ipDenylist);
        this.docsAllow = new ip_matcher_1.IpMatcher(config.docsIpAllowlist);
    }
    /** The global lists (every request, any path). */
    checkGlobal(ip) {
        if (!this.permits(ip, this.allow, this.deny))
            throw forbidden();
    }
    /** The Swagger UI's own allow-list. */
    checkDocs(ip) {
        if (!this.permits(ip, this.docsAllow, undefined))
            throw forbidden();
    }
    checkRoute(ip, rules) {
        if (!this.permits(ip, rules.allow, rules.deny))
            throw forbidden();
    }
    permits(ip, allow, deny) {
        if (deny?.matches(ip))
            return false;
        return !allow || allow.size === 0 || allow.matches(ip);
    }
};
exports.IpPolicy = IpPolicy;
exports.IpPolicy = IpPolicy = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [network_config_1.NetworkConfig])
], IpPolicy);
function forbidden() {
    return domain_error_1.DomainError.coded('ip_forbidden', FORBIDDEN);
}
//# sourceMappingURL=ip-policy.js.map