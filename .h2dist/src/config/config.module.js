"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppConfigModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppConfigModule = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const app_config_1 = require("./app.config");
const brute_force_config_1 = require("./brute-force.config");
const database_config_1 = require("./database.config");
const jwt_config_1 = require("./jwt.config");
const network_config_1 = require("./network.config");
const redis_config_1 = require("./redis.config");
const sessions_config_1 = require("./sessions.config");
const throttle_config_1 = require("./throttle.config");
/** Provides each validated settings namespace by its class, so services inject typed config. */
let AppConfigModule = AppConfigModule_1 = class AppConfigModule {
    static register(config) {
        const providers = [
            { provide: app_config_1.AppConfig, useValue: config.app },
            { provide: jwt_config_1.JwtConfig, useValue: config.jwt },
            { provide: database_config_1.DatabaseConfig, useValue: config.db },
            { provide: redis_config_1.RedisConfig, useValue: config.redis },
            { provide: sessions_config_1.SessionsConfig, useValue: config.sessions },
            { provide: throttle_config_1.ThrottleConfig, useValue: config.traffic.throttle },
            { provide: brute_force_config_1.BruteForceConfig, useValue: config.traffic.bruteForce },
            { provide: network_config_1.NetworkConfig, useValue: config.traffic.network },
            clock_1.Clock,
        ];
        return { module: AppConfigModule_1, providers, exports: providers };
    }
};
exports.AppConfigModule = AppConfigModule;
exports.AppConfigModule = AppConfigModule = AppConfigModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], AppConfigModule);
//# sourceMappingURL=config.module.js.map