"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const admin_module_1 = require("./admin/admin.module");
const auth_module_1 = require("./auth/auth.module");
const jwt_auth_guard_1 = require("./auth/jwt-auth.guard");
const all_exceptions_filter_1 = require("./common/all-exceptions.filter");
const config_module_1 = require("./config/config.module");
const database_module_1 = require("./database/database.module");
const health_module_1 = require("./health/health.module");
const housekeeping_module_1 = require("./housekeeping/housekeeping.module");
const route_table_1 = require("./http/route-table");
const redis_module_1 = require("./redis/redis.module");
const secure_module_1 = require("./secure/secure.module");
const ip_policy_guard_1 = require("./traffic/ip-policy.guard");
const rate_limit_guard_1 = require("./traffic/rate-limit.guard");
const traffic_module_1 = require("./traffic/traffic.module");
const users_controller_1 = require("./users/users.controller");
const users_module_1 = require("./users/users.module");
/**
 * The whole API. Global providers in a fixed order: the route's IP rules, throttling, the JWT guard
 * (routes opt out with @Public()), then the one exception filter.
 */
let AppModule = AppModule_1 = class AppModule {
    static register(config) {
        return {
            module: AppModule_1,
            imports: [
                config_module_1.AppConfigModule.register(config),
                database_module_1.DatabaseModule.forRoot('server'),
                redis_module_1.RedisModule,
                traffic_module_1.TrafficModule,
                core_1.DiscoveryModule,
                users_module_1.UsersModule,
                auth_module_1.AuthModule,
                secure_module_1.SecureModule,
                health_module_1.HealthModule,
                admin_module_1.AdminModule,
                housekeeping_module_1.HousekeepingModule,
            ],
            controllers: [users_controller_1.UsersController],
            providers: [
                route_table_1.RouteTable,
                { provide: core_1.APP_GUARD, useExisting: ip_policy_guard_1.IpPolicyGuard },
                { provide: core_1.APP_GUARD, useExisting: rate_limit_guard_1.RateLimitGuard },
                { provide: core_1.APP_GUARD, useClass: jwt_auth_guard_1.JwtAuthGuard },
                { provide: core_1.APP_FILTER, useClass: all_exceptions_filter_1.AllExceptionsFilter },
            ],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map