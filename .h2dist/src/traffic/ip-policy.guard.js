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
exports.IpPolicyGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const ip_rules_decorator_1 = require("./ip-rules.decorator");
const ip_policy_1 = require("./ip-policy");
/** A route's @IpRules (the global lists are checked for every request in the onRequest hook). */
let IpPolicyGuard = class IpPolicyGuard {
    reflector;
    policy;
    constructor(reflector, policy) {
        this.reflector = reflector;
        this.policy = policy;
    }
    canActivate(context) {
        const rules = this.reflector.getAllAndOverride(ip_rules_decorator_1.IP_RULES_KEY, [
            context.getHandler(),
            context.getClass(),
        ]);
        if (rules)
            this.policy.checkRoute(context.switchToHttp().getRequest().ip, rules);
        return true;
    }
};
exports.IpPolicyGuard = IpPolicyGuard;
exports.IpPolicyGuard = IpPolicyGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        ip_policy_1.IpPolicy])
], IpPolicyGuard);
//# sourceMappingURL=ip-policy.guard.js.map